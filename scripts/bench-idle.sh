#!/usr/bin/env bash
# bench-idle.sh [ACCOUNTS] [SECONDS]: memory and CPU of one `mailsift run` watching ACCOUNTS accounts (default
# 100) that receive no mail, for SECONDS (default 300), against a private Dovecot on 127.0.0.1 (the test server
# of scripts/test-imap-server.sh, accounts d001…). Prints RSS after start-up and at the end, RSS per account
# (against a one-account daemon measured the same way), and CPU seconds used while idle, per hour.
# Uses the release build: swift build -c release --product mailsift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
accounts="${1:-100}"
seconds="${2:-300}"
mailsift="$PWD/.build/release/mailsift"
[ -x "$mailsift" ] || { echo "build it first: swift build -c release --product mailsift" >&2; exit 1; }
[ "$accounts" -le 150 ] || { echo "the test server has 150 daemon accounts" >&2; exit 1; }

. scripts/server-lib.sh  # start_private_server: $work, $pid
start_private_server bench-idle 25143 25993

# A configuration of N accounts, each with the example rules.
configure() {
  local n="$1" file="$work/mailsift-$1.toml"
  mkdir -p "$work/rules-$n"
  printf 'state_dir = "%s"\nuser_rules = "%s"\n' "$work/state-$n" "$work/rules-$n" >"$file"
  for i in $(seq -f '%03g' 1 "$n"); do
    mkdir -p "$work/rules-$n/d$i"
    cp rules/examples/*.sieve "$work/rules-$n/d$i/"
    (umask 077; printf 'd%s-pass\n' "$i" >"$work/secret-d$i")
    printf '\n[[account]]\nname = "d%s"\nhost = "127.0.0.1"\nport = %s\nsecurity = "plain"\nusername = "d%s"\npassword_file = "%s"\n' \
      "$i" "$MAILSIFT_TEST_IMAP_PORT" "$i" "$work/secret-d$i" >>"$file"
  done
  echo "$file"
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Runs a daemon of N accounts until all watch, then idles for S seconds; prints "rss_start rss_end cpu_seconds".
measure() {
  local n="$1" s="$2" config
  config="$(configure "$n")"
  "$mailsift" run --config "$config" --log-level warning 2>"$work/log-$n" &
  pid=$!
  for _ in $(seq 1 600); do
    [ "$("$mailsift" status --config "$config" --json 2>/dev/null | grep -c '"state" : "watching"')" -eq "$n" ] && break
    sleep 0.1
  done
  sleep 5
  local rss0 cpu0 rss1 cpu1
  rss0="$(rss_kb "$pid")"
  cpu0="$(cpu_ticks "$pid")"
  sleep "$s"
  rss1="$(rss_kb "$pid")"
  cpu1="$(cpu_ticks "$pid")"
  kill -TERM "$pid"
  wait "$pid" || true
  pid=""
  echo "$rss0 $rss1 $(echo "scale=3; ($cpu1 - $cpu0) / $(getconf CLK_TCK)" | bc)"
}

command -v bc >/dev/null || scripts/install-packages.sh bc
read -r one_start one_end one_cpu < <(measure 1 "$seconds")
read -r many_start many_end many_cpu < <(measure "$accounts" "$seconds")
echo "1 account:        RSS $((one_start / 1024)) MB after start-up, $((one_end / 1024)) MB after ${seconds} s; CPU ${one_cpu} s"
echo "$accounts accounts:     RSS $((many_start / 1024)) MB after start-up, $((many_end / 1024)) MB after ${seconds} s; CPU ${many_cpu} s"
echo "RSS per account: $(((many_end - one_end) / (accounts - 1))) KiB"
echo "CPU while idle: $(echo "scale=2; $many_cpu * 3600 / $seconds" | bc) s per hour for $accounts accounts"
