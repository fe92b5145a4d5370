#!/usr/bin/env bash
# interop-cyrus.sh [swift test options] — optional, by hand: the IMAP tests that hold for any server
# (ServerCommandTests, and IDLE renewal in DovecotWatchTests) against Cyrus IMAP 3.6 as well as Dovecot.
# Not part of scripts/test.sh: it installs cyrus-common, sasl2-bin and msmtp-mta (an MTA cyrus-common needs;
# no daemon) and unpacks Cyrus's imapd beside Dovecot (scripts/test-cyrus-server.sh says why).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
server_dir="$(mktemp -d /tmp/mailsift-test-cyrus.XXXXXX)"
chmod 755 "$server_dir"
cleanup() {
  scripts/test-cyrus-server.sh stop "$server_dir" || true
  rm -rf "$server_dir"
}
trap cleanup EXIT
scripts/test-cyrus-server.sh start "$server_dir"
set -a
. "$server_dir/env"
set +a
scripts/test.sh --filter "ServerCommandTests|DovecotWatchTests" "$@"
