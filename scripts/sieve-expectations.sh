#!/usr/bin/env bash
# sieve-expectations.sh [--all] — asks Pigeonhole (../shared/tools/sieve-oracle) for the expected result of
# every conformance case in Tests/sieve-conformance/cases that has none yet (or of all of them with --all),
# and writes NNN-name.expected.json. Cases are written by Tests/sieve-conformance/make_cases.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh dovecot-core dovecot-sieve
oracle="${MAILSIFT_SIEVE_ORACLE:-../shared/tools/sieve-oracle/sieve_oracle.py}"
[ -f "$oracle" ] || { echo "the oracle is missing: $oracle" >&2; exit 1; }
all=0
[ "${1:-}" = "--all" ] && all=1

one() {
  local sieve="$1" base="${1%.sieve}" args=()
  if [ -f "$base.env" ]; then
    while IFS='=' read -r key value; do
      [ -n "$key" ] && args+=("--$key" "$value")
    done <"$base.env"
  fi
  python3 "$oracle" "$sieve" "$base.eml" "${args[@]}" >"$base.expected.json.tmp"
  mv "$base.expected.json.tmp" "$base.expected.json"
}
export -f one
export oracle
for sieve in Tests/sieve-conformance/cases/[0-9][0-9][0-9]-*.sieve; do
  [ $all -eq 1 ] || [ ! -f "${sieve%.sieve}.expected.json" ] && echo "$sieve"
done | xargs -r -P 2 -I{} bash -c 'one "$@"' _ {}
echo "expectations: $(ls Tests/sieve-conformance/cases/*.expected.json | wc -l) of $(ls Tests/sieve-conformance/cases/[0-9][0-9][0-9]-*.sieve | wc -l) cases"
