#!/usr/bin/env bash
# fuzz.sh TARGET [SECONDS] — builds a libFuzzer target of Fuzz/ with AddressSanitizer and runs it.
#
#   scripts/fuzz.sh FuzzMessageParser 600
#
# New inputs go to fuzz-work/TARGET/corpus (ignored by git); crashes to fuzz-artifacts/TARGET/. Seeds: the
# project's samples and, read in place, ../shared/corpus (or $MAILSIFT_CORPUS). A crash found is fixed and
# kept as a regression test in the module's tests, not as a file here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
target="${1:?usage: fuzz.sh TARGET [SECONDS]}"
seconds="${2:-60}"
work="fuzz-work/$target"
artifacts="fuzz-artifacts/$target"
mkdir -p "$work/corpus" "$artifacts"

# SwiftPM passes --sanitize=fuzzer and --sanitize=address to swiftc as two flags, and the last one wins: the
# code would get AddressSanitizer but no coverage counters, and libFuzzer would only try random bytes. The
# combined flag, last on the line, gives both.
swift build --package-path Fuzz --scratch-path Fuzz/.build-fuzz -c release \
  --product "$target" --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address 2>&1 | tail -n 3
binary="Fuzz/.build-fuzz/release/$target"

seeds=(samples)
corpus="${MAILSIFT_CORPUS:-../shared/corpus}"
case "$target" in
  FuzzMessageParser) [ -d "$corpus" ] && seeds+=("$corpus/mime" "$corpus/spamassassin/spam") ;;
  FuzzSieveCompiler) seeds=(Tests/sieve-conformance/cases rules) ;;
  FuzzMailboxFormats) seeds=(samples Tests/fuzz-seeds/mailbox) ;;
  FuzzIMAPResponse) seeds=(Tests/fuzz-seeds/imap) ;;
esac

# Swift's own crash handler confuses ASAN reports: libFuzzer reports instead.
export SWIFT_BACKTRACE=enable=no
exec "$binary" "$work/corpus" "${seeds[@]}" \
  -max_total_time="$seconds" -max_len=20000 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1
