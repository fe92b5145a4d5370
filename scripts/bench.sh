#!/usr/bin/env bash
# bench.sh WHAT [ARGS…] — builds mailsift-bench in release mode and runs `mailsift-bench WHAT ARGS…`.
#   scripts/bench.sh parse            # the SpamAssassin corpus, headers only and full parse
#   scripts/bench.sh sieve            # a 50-rule sorting script over the same messages (run from the top folder)
#   scripts/bench.sh imap             # UID FETCH from a private test Dovecot next to Python's imaplib (started
#                                     # here unless MAILSIFT_TEST_IMAP_PORT points at one; its mail is kept in
#                                     # ${TMPDIR:-/tmp}/mailsift-bench-imap for the next run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh "${BUILD_PACKAGES[@]}"
swift build -c release --product mailsift-bench 2>&1 | tail -n 1
binary="$(swift build -c release --show-bin-path)/mailsift-bench"
if [ "${1:-}" = imap ] && [ -z "${MAILSIFT_TEST_IMAP_PORT:-}" ]; then
  server_dir="${TMPDIR:-/tmp}/mailsift-bench-imap"
  mkdir -p "$server_dir" && chmod 755 "$server_dir"
  export MAILSIFT_TEST_IMAP_PORT=21243 MAILSIFT_TEST_IMAPS_PORT=21293
  trap 'scripts/test-imap-server.sh stop "$server_dir" || true' EXIT
  scripts/test-imap-server.sh start "$server_dir"
  set -a; . "$server_dir/env"; set +a
  "$binary" "$@"
  exit
fi
exec "$binary" "$@"
