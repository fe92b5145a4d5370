#!/usr/bin/env bash
# test-imap-server.sh start|stop|status [DIR]
#
# A private Dovecot for mailsift's tests, on 127.0.0.1 only. Everything it needs (config, state, logs,
# TLS certificate, users, Maildirs) lives under DIR; /etc/dovecot is never read or written.
#
#   plain + STARTTLS  127.0.0.1:$MAILSIFT_TEST_IMAP_PORT  (default 21143)
#   implicit TLS      127.0.0.1:$MAILSIFT_TEST_IMAPS_PORT (default 21993)
#   users (passwd-file): alice/alice-pass, bob/bob-pass, carol/carol-pass (1 MiB quota: over-quota tests),
#   user01…user80/userNN-pass (one per test that runs beside others), d001…d150/dNNN-pass (the daemon's tests)
#   master user: admin/admin-pass, logs in as anyone with "user*admin" or AUTHENTICATE PLAIN authzid
#   SPECIAL-USE folders Drafts, Junk, Archive, Sent, Trash; quota + imap_quota; imap_zlib (COMPRESS)
#   [::1]:$MAILSIFT_TEST_IMAP_PORT (when the machine has ::1): the same server and mailboxes, announcing
#   the capabilities of an older server — no IDLE, MOVE, NOTIFY, LITERAL+, ESEARCH — so fallbacks meet a real
#   Dovecot (imap_capability only changes what is announced).
#
# `start` writes DIR/env: shell assignments the test command exports for the test processes.
# Idempotent: start on a running server only refreshes DIR/env; stop on a stopped one does nothing.
# DIR defaults to $MAILSIFT_TEST_IMAP_DIR, else ${TMPDIR:-/tmp}/mailsift-test-imap. It must be
# traversable by the unprivileged mail user, so keep it out of 0700 folders such as /root.
set -euo pipefail

ACTION="${1:-status}"
DIR="${2:-${MAILSIFT_TEST_IMAP_DIR:-${TMPDIR:-/tmp}/mailsift-test-imap}}"
PORT="${MAILSIFT_TEST_IMAP_PORT:-21143}"
TLS_PORT="${MAILSIFT_TEST_IMAPS_PORT:-21993}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf '[test-imap] %s\n' "$*" >&2; }

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd -P)"
CONF="$DIR/dovecot.conf"
PIDFILE="$DIR/run/master.pid"
LOG="$DIR/log/dovecot.log"

# port_in_use, wait_until_listening, stop_master
. "$HERE/server-lib.sh"

running() {
  [ -s "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  alive "$pid" || return 1
  # The pid file may be stale and the pid reused: only our master has our config on its command line.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$CONF"
}

write_config() {
  mkdir -p "$DIR"/{run,state,log,tls,mail,home}
  chmod 755 "$DIR"
  local uid gid internal login chroot=""
  if [ "$(id -u)" -eq 0 ]; then
    # Dovecot refuses to serve mail as uid 0: as root, the mailboxes belong to nobody.
    uid="$(id -u nobody)"; gid="$(id -g nobody)"; internal=dovecot; login=dovenull
  else
    uid="$(id -u)"; gid="$(id -g)"; internal="$(id -un)"; login="$(id -un)"; chroot="  chroot ="
  fi

  if [ ! -s "$DIR/tls/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
      -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" \
      -subj "/CN=localhost/O=mailsift-test" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
    chmod 600 "$DIR/tls/key.pem"
  fi

  cat >"$DIR/users" <<EOF
alice:{PLAIN}alice-pass:$uid:$gid::$DIR/home/alice::userdb_quota_rule=*:storage=1G
bob:{PLAIN}bob-pass:$uid:$gid::$DIR/home/bob::
carol:{PLAIN}carol-pass:$uid:$gid::$DIR/home/carol::userdb_quota_rule=*:storage=1M
EOF
  # user01…user80 (password userNN-pass): one account per test that runs beside others, because Dovecot's
  # maildir can answer a CREATE with ALREADYEXISTS while another session of the same user lists and opens
  # folders (README, "The test IMAP server").
  local n
  for n in $(seq -w 1 80); do echo "user$n:{PLAIN}user$n-pass:$uid:$gid::$DIR/home/user$n::"; done >>"$DIR/users"
  # d001…d150 (password dNNN-pass): the daemon's tests, up to a hundred accounts in one daemon.
  for n in $(seq -w 1 150); do echo "d$n:{PLAIN}d$n-pass:$uid:$gid::$DIR/home/d$n::"; done >>"$DIR/users"
  echo "admin:{PLAIN}admin-pass" >"$DIR/masters"
  chmod 644 "$DIR/users" "$DIR/masters"
  for u in alice bob carol $(seq -f 'user%02g' 1 80) $(seq -f 'd%03g' 1 150); do mkdir -p "$DIR/mail/$u" "$DIR/home/$u"; done
  chown "$uid:$gid" "$DIR/mail" "$DIR/home" "$DIR"/mail/* "$DIR"/home/*

  local dh="" listen="127.0.0.1"
  has_ipv6_loopback && listen="127.0.0.1, ::1"
  [ -s /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"

  cat >"$CONF" <<EOF
# Written by mailsift scripts/test-imap-server.sh: a private test server, not the system Dovecot.
instance_name = mailsift-test-$PORT
base_dir = $DIR/run
state_dir = $DIR/state
log_path = $LOG
info_log_path = $LOG
default_internal_user = $internal
default_login_user = $login
protocols = imap
listen = $listen
shutdown_clients = yes

ssl = yes
ssl_cert = <$DIR/tls/cert.pem
ssl_key = <$DIR/tls/key.pem
$dh
ssl_min_protocol = TLSv1.2
# Loopback test server: plaintext authentication is allowed so the tests can cover both paths.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_master_user_separator = *

passdb {
  driver = passwd-file
  master = yes
  args = scheme=PLAIN $DIR/masters
  result_success = continue
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $DIR/users
}
first_valid_uid = 1
mail_location = maildir:$DIR/mail/%u
mail_max_userip_connections = 200
mailbox_list_index = yes
# The daemon's tests hold a hundred accounts' IDLE connections at once, beside the other tests.
default_process_limit = 500
default_client_limit = 2000
# Tests log in with wrong passwords on purpose, from 127.0.0.1, side by side: Dovecot's growing penalty per IP
# (up to 15 s a login) would slow every refused login of the run. The 2 s delay of each failure stays.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

mail_plugins = \$mail_plugins quota
protocol imap {
  mail_plugins = \$mail_plugins imap_quota imap_zlib
}
plugin {
  quota = count:User quota
  quota_vsizes = yes
  quota_rule = *:storage=50M
}

# The basic server on ::1: what an older IMAP server offers after login.
local ::1 {
  protocol imap {
    imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED CONDSTORE SPECIAL-USE
  }
}

service imap-login {
  inet_listener imap {
    address = $listen
    port = $PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $TLS_PORT
    ssl = yes
  }
$chroot
}
EOF
}

# ::1 exists on the loopback interface (it is missing where IPv6 is disabled).
has_ipv6_loopback() { ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1/128'; }

write_env() {
  local basic=""
  has_ipv6_loopback && basic="MAILSIFT_TEST_IMAP_BASIC_HOST=::1"
  cat >"$DIR/env" <<EOF
MAILSIFT_TEST_IMAP_HOST=127.0.0.1
$basic
MAILSIFT_TEST_IMAP_PORT=$PORT
MAILSIFT_TEST_IMAPS_PORT=$TLS_PORT
MAILSIFT_TEST_IMAP_CA=$DIR/tls/cert.pem
MAILSIFT_TEST_IMAP_DIR=$DIR
EOF
}

case "$ACTION" in
  start)
    "$HERE/install-packages.sh" dovecot-core dovecot-imapd dovecot-sieve openssl iproute2
    if running; then
      say "already running (pid $(cat "$PIDFILE")) in $DIR"
      write_env
      exit 0
    fi
    for p in "$PORT" "$TLS_PORT"; do
      port_in_use "$p" && { say "port $p is taken by another process: set MAILSIFT_TEST_IMAP_PORT/_IMAPS_PORT"; exit 1; }
    done
    write_config
    dovecot -c "$CONF" -n >"$DIR/doveconf.txt" 2>"$DIR/doveconf-errors.txt" || { cat "$DIR/doveconf-errors.txt" >&2; exit 1; }
    # Detach stdio: the daemonized master would otherwise hold the caller's pipes open.
    dovecot -c "$CONF" </dev/null >>"$DIR/log/master-stdio.log" 2>&1 || { tail -n 20 "$DIR/log/master-stdio.log" >&2; exit 1; }
    wait_until_listening "$PORT" "$TLS_PORT" || { say "Dovecot did not start; its log:"; tail -n 20 "$LOG" >&2 || true; exit 1; }
    write_env
    say "started pid $(cat "$PIDFILE"): 127.0.0.1:$PORT (STARTTLS) and :$TLS_PORT (TLS), in $DIR"
    ;;
  stop)
    if running; then
      stop_master
    else
      say "not running ($DIR)"
    fi
    ;;
  status)
    if running; then echo "running, pid $(cat "$PIDFILE"), $DIR"; else echo "not running ($DIR)"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|status [DIR]" >&2
    exit 2
    ;;
esac
