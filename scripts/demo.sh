#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs what is missing, builds mailsift, starts a private Dovecot
# on 127.0.0.1 with one sample account, and runs the daemon (`mailsift run`) in the foreground with the sample
# rules of rules/examples (and the administrator's phishing rule of rules/examples/admin). Five sample messages
# of samples/demo are delivered one by one while it runs; the daemon files each as it arrives. Then it shows
# `mailsift status`, where each message went, and stops the daemon cleanly (SIGTERM). Everything lives in a
# temporary folder that is removed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/swift-env.sh
scripts/install-packages.sh "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
swift build --product mailsift 2>&1 | tail -n 3
mailsift="$(swift build --show-bin-path)/mailsift"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

. scripts/server-lib.sh  # start_private_server: $work, $pid
start_private_server demo 22143 22993
demo="$work"
conf="$demo/dovecot/dovecot.conf"
doveadm() { command doveadm -c "$conf" "$@"; }

# The account "alice" of the test server, her rules, and the administrator's.
mkdir -p "$demo/rules/alice" "$demo/admin"
cp rules/examples/*.sieve "$demo/rules/alice/"
cp rules/examples/admin/*.sieve "$demo/admin/"
umask 077
printf 'alice-pass\n' >"$demo/alice.password"
cat >"$demo/mailsift.toml" <<EOF
state_dir   = "$demo/state"
admin_rules = "$demo/admin"
user_rules  = "$demo/rules"

[[account]]
name          = "alice"
host          = "127.0.0.1"
port          = $MAILSIFT_TEST_IMAP_PORT
security      = "plain"             # loopback only: the private test server
username      = "alice"
password_file = "$demo/alice.password"
folders       = ["INBOX"]

[spam]
rule_packs_dir = "$PWD/rules"       # the packs of this checkout (installed: /usr/share/mailsift/rules)
local_domains  = ["college-exemple.fr"]
EOF
umask 022
for folder in "Collègues" "Lettres"; do doveadm mailbox create -u alice "$folder"; done

say "mailsift check --config (the configuration and every rule folder it names)"
"$mailsift" check --config "$demo/mailsift.toml"

say "mailsift run --config $demo/mailsift.toml  (in the foreground; its log follows)"
"$mailsift" run --config "$demo/mailsift.toml" &
pid=$!
for _ in $(seq 1 100); do
  "$mailsift" status --config "$demo/mailsift.toml" 2>/dev/null | grep -q "watching" && break
  sleep 0.1
done

for message in samples/demo/*.eml; do
  sleep 0.5
  printf '\033[2m-- delivered: %s\033[0m\n' "$(basename "$message")"
  doveadm save -u alice -m INBOX <"$message"
done
for _ in $(seq 1 100); do
  "$mailsift" status --config "$demo/mailsift.toml" --json 2>/dev/null | grep -q '"filedLastHour" : 5' && break
  sleep 0.1
done

say "mailsift status --config …"
"$mailsift" status --config "$demo/mailsift.toml" || true

say "where each message is now (doveadm fetch)"
doveadm fetch -u alice "mailbox flags hdr.subject.utf8" all | sed -n 's/^mailbox: /  /p; s/^flags: /    flags: /p; s/^hdr.subject.utf8: /    /p'

say "SIGTERM: a clean stop"
kill -TERM "$pid"
wait "$pid" && echo "mailsift stopped cleanly (exit 0)"
pid=""
