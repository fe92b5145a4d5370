#!/usr/bin/env bash
# Runs every test on a fresh Debian 12 machine: installs what is missing, starts a private Dovecot on
# 127.0.0.1 (stopped again on exit, also when tests fail), builds, and runs `swift test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

. scripts/server-lib.sh  # free_port
# Daemons a test started and did not stop (its test process crashed) would go on filing in the next run's
# server, which takes the same port and user names: every run ends those of this checkout, before and after.
stop_test_daemons() {
  pkill -KILL -f "^$PWD/\.build/[^ ]*/mailsift (run|archive) .*--config /tmp/mailsift-" || true
}
stop_test_daemons
export MAILSIFT_TEST_IMAP_PORT="$(free_port 21143)"
export MAILSIFT_TEST_IMAPS_PORT="$(free_port 21993)"
server_dir="$(mktemp -d /tmp/mailsift-test-imap.XXXXXX)"
chmod 755 "$server_dir"
cleanup() {
  stop_test_daemons
  scripts/test-imap-server.sh stop "$server_dir" || true
  rm -rf "$server_dir"
}
trap cleanup EXIT
scripts/test-imap-server.sh start "$server_dir"
set -a
. "$server_dir/env"
set +a
# The tests that need the server fail (rather than skip) when it is missing under this command.
export MAILSIFT_REQUIRE_TEST_SERVER=1

# The daemon's heaviest tests (a hundred accounts, kill -9 while 2,000 messages are filed, Dovecot restarted
# under the daemon) run after the others, alone: side by side with the CPU-bound suites on two cores, every
# timeout of the run would be a test of the machine's load instead of the code.
heavy="ManyAccountsTests|KillNineTests|DaemonResilienceTests"
if [ "$#" -gt 0 ]; then
  swift test "$@"
else
  swift test --skip "$heavy"
  swift test --skip-build --filter "$heavy"
fi
