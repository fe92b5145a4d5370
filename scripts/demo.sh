#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs what is missing, builds mailsift, and shows how it
# reads the bundled sample message (`mailsift inspect`). Later issues turn this into the demo daemon.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh "${BUILD_PACKAGES[@]}"
swift build --product mailsift 2>&1 | tail -n 3
exec "$(swift build --show-bin-path)/mailsift" inspect "${1:-samples/bienvenue.eml}"
