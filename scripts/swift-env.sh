# Sourced by the project's scripts: puts the Swift toolchain on PATH and names the Debian packages the
# build and the tests need. Swift itself comes with the machine (/opt/swift); no script downloads it.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "swift is not installed: this project needs Swift 6 (expected at /opt/swift)" >&2
  exit 1
fi
# What the build links against, and what the tests run as real peers.
BUILD_PACKAGES=(libsqlite3-dev zlib1g-dev libzstd-dev)
TEST_PACKAGES=(dovecot-core dovecot-imapd dovecot-sieve openssl iproute2)
