#!/usr/bin/env bash
# bench.sh WHAT [ARGS…] — builds mailsift in release mode and runs `mailsift bench WHAT ARGS…`.
#   scripts/bench.sh parse            # the SpamAssassin corpus, headers only and full parse
#   scripts/bench.sh sieve            # a 50-rule sorting script over the same messages (run from the top folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh "${BUILD_PACKAGES[@]}"
swift build -c release --product mailsift 2>&1 | tail -n 1
exec "$(swift build -c release --show-bin-path)/mailsift" bench "$@"
