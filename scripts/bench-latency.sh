#!/usr/bin/env bash
# bench-latency.sh [MESSAGES] [GAP_SECONDS]: how soon `mailsift run` files new mail. A private Dovecot on
# 127.0.0.1 (scripts/test-imap-server.sh), one account with the example rules, the daemon in the foreground at
# log level debug; another connection APPENDs MESSAGES messages (default 1,000), one every GAP seconds (default
# 0.1), each to be moved by a rule. The daemon logs, for every batch, the time from the server's notice (the
# EXISTS that ends its IDLE) to the server's answer to the batch's last action; this prints p50, p90, p99 and max
# of that time per message. (From APPEND to the notice, Dovecot adds its own 0.5 s: NOTIFY_DELAY_MSECS.)
# Uses the release build: swift build -c release --product mailsift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
messages="${1:-1000}"
gap="${2:-0.1}"
mailsift="$PWD/.build/release/mailsift"
[ -x "$mailsift" ] || { echo "build it first: swift build -c release --product mailsift" >&2; exit 1; }
. scripts/server-lib.sh  # start_private_server: $work, $pid
start_private_server bench-latency 26143 26993
mkdir -p "$work/rules/d001"
cp rules/examples/*.sieve "$work/rules/d001/"
(umask 077; echo d001-pass >"$work/secret")
cat >"$work/mailsift.toml" <<TOML
state_dir = "$work/state"
user_rules = "$work/rules"
[[account]]
name = "d001"
host = "127.0.0.1"
port = $MAILSIFT_TEST_IMAP_PORT
security = "plain"
username = "d001"
password_file = "$work/secret"
TOML
"$mailsift" run --config "$work/mailsift.toml" --log-level debug 2>"$work/log" &
pid=$!
for _ in $(seq 1 100); do grep -q "first start" "$work/log" 2>/dev/null && break; sleep 0.1; done
python3 - "$MAILSIFT_TEST_IMAP_PORT" "$messages" "$gap" <<'PY'
import imaplib, sys, time
port, count, gap = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
m = imaplib.IMAP4("127.0.0.1", port)
m.login("d001", "d001-pass")
for i in range(count):
    msg = (f"From: bureau@parents-exemple.org\r\nTo: d001@college-exemple.fr\r\nSubject: Kermesse {i}\r\n"
           f"Message-ID: <latency-{i}@parents-exemple.org>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\n"
           f"List-Id: Parents <parents.lists.parents-exemple.org>\r\n\r\nBonjour {i}\r\n")
    m.append("INBOX", None, None, msg.encode())
    time.sleep(gap)
m.logout()
PY
for _ in $(seq 1 300); do
  [ "$(grep -c 'moved to Listes/parents' "$work/log")" -ge "$messages" ] && break
  sleep 0.1
done
kill -TERM "$pid"; wait "$pid" || true; pid=""
python3 - "$work/log" "$messages" <<'PY'
import re, sys
times = []
for line in open(sys.argv[1]):
    m = re.search(r"filed (\d+) in ([0-9.]+) ms after the server's notice", line)
    if m:
        times += [float(m.group(2))] * int(m.group(1))
times.sort()
filed = sum(1 for line in open(sys.argv[1]) if "moved to Listes/parents" in line)
def q(p): return times[min(len(times) - 1, int(p * len(times)))]
print(f"{filed} of {sys.argv[2]} messages filed; notice -> last answer of its batch, per message: "
      f"p50 {q(0.5):.1f} ms, p90 {q(0.9):.1f} ms, p99 {q(0.99):.1f} ms, max {times[-1]:.1f} ms "
      f"({len(set(times))} batches)")
PY
