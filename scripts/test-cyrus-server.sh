#!/usr/bin/env bash
# test-cyrus-server.sh start|stop DIR — a private Cyrus IMAP 3.6 on 127.0.0.1, for the optional interop run
# (scripts/interop-cyrus.sh). Everything lives under DIR: imapd.conf, cyrus.conf, sasldb, spool, certificate.
#
#   plain + STARTTLS  127.0.0.1:$MAILSIFT_TEST_CYRUS_PORT  (default 21343)
#   implicit TLS      127.0.0.1:$MAILSIFT_TEST_CYRUS_IMAPS_PORT (default 21393)
#   users user01…user20 (password userNN-pass), INBOX and SPECIAL-USE folders made at first login, 50 MB quota
#
# Debian's cyrus-imapd package conflicts with dovecot-imapd (both provide imap-server; installing one removes the
# other), so only cyrus-common and sasl2-bin are installed and imapd/idled are unpacked from the cyrus-imapd .deb
# into ${TMPDIR:-/tmp}/mailsift-cyrus-pkg. Things learnt on the way (see ../shared/tools/lab/README.md too):
# the master does not hand its -C to the services, so every service line names the config; SASL users live in
# the realm named by `servername`; Cyrus logs only to syslog, so a failing start shows only in DIR/log/master.log.
# `start` writes DIR/env for the test process.
set -euo pipefail

ACTION="${1:-}"
DIR="${2:?usage: $0 start|stop DIR}"
PORT="${MAILSIFT_TEST_CYRUS_PORT:-21343}"
TLS_PORT="${MAILSIFT_TEST_CYRUS_IMAPS_PORT:-21393}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PKG="${TMPDIR:-/tmp}/mailsift-cyrus-pkg"
PIDFILE="$DIR/run/master.pid"
REALM=localhost

say() { printf '[test-cyrus] %s\n' "$*" >&2; }
# port_in_use, wait_until_listening, stop_master
. "$HERE/server-lib.sh"

running() {
  [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$(cat "$PIDFILE")/cmdline" 2>/dev/null | grep -q -- "$DIR/imapd.conf"
}

unpack_imapd() {
  [ -x "$PKG/root/usr/lib/cyrus/bin/imapd" ] && return
  local version
  version="$(dpkg-query -W -f='${Version}' cyrus-common)"
  rm -rf "$PKG" && mkdir -p "$PKG"
  (cd "$PKG" && apt-get download -q "cyrus-imapd=$version" >/dev/null) || { say "cannot download cyrus-imapd $version"; exit 1; }
  dpkg-deb -x "$PKG"/cyrus-imapd_*.deb "$PKG/root"
  chmod -R a+rX "$PKG"
}

write_config() {
  local bin="$PKG/root/usr/lib/cyrus/bin" config="-C $DIR/imapd.conf"
  mkdir -p "$DIR"/{config,spool,sieve,run/proc,run/lock,run/socket,tls,log}
  chmod 755 "$DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" \
    -subj "/CN=localhost/O=mailsift-test-cyrus" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
  cat >"$DIR/imapd.conf" <<EOF
# Written by mailsift scripts/test-cyrus-server.sh: a private test server.
configdirectory: $DIR/config
partition-default: $DIR/spool
defaultpartition: default
sievedir: $DIR/sieve
proc_path: $DIR/run/proc
mboxname_lockpath: $DIR/run/lock
lmtpsocket: $DIR/run/socket/lmtp
idlesocket: $DIR/run/socket/idle
notifysocket: $DIR/run/socket/notify
syslog_prefix: mailsift-test-cyrus
servername: $REALM
altnamespace: yes
unixhierarchysep: yes
hashimapspool: false
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $DIR/sasldb2
sasl_mech_list: PLAIN LOGIN
tls_server_cert: $DIR/tls/cert.pem
tls_server_key: $DIR/tls/key.pem
tls_versions: tls1_2 tls1_3
autocreate_quota: 51200
autocreate_inbox_folders: Drafts | Sent | Trash | Junk | Archive
autocreate_subscribe_folders: Drafts | Sent | Trash | Junk | Archive
xlist-drafts: Drafts
xlist-sent: Sent
xlist-trash: Trash
xlist-junk: Junk
xlist-archive: Archive
specialusealways: 1
# Cyrus rewrites 8-bit bytes in headers to "X" on APPEND unless told not to (raw UTF-8 subjects are common in
# French mail): keep messages as sent, as Dovecot does.
munge8bit: no
imapidlepoll: 1
umask: 077
EOF
  cat >"$DIR/cyrus.conf" <<EOF
START {
  recover cmd="ctl_cyrusdb $config -r"
}
SERVICES {
  imap  cmd="$bin/imapd $config" listen="127.0.0.1:$PORT" prefork=0 maxchild=100
  imaps cmd="$bin/imapd $config -s" listen="127.0.0.1:$TLS_PORT" prefork=0 maxchild=100
}
EVENTS {
  checkpoint cmd="ctl_cyrusdb $config -c" period=30
}
DAEMON {
  idled cmd="$bin/idled $config"
}
EOF
  local n
  for n in $(seq -w 1 20); do printf '%s' "user$n-pass" | saslpasswd2 -p -c -f "$DIR/sasldb2" -u "$REALM" "user$n"; done
  chown -R cyrus:mail "$DIR"/{config,spool,sieve,run,tls,log,sasldb2}
  chmod 640 "$DIR/sasldb2" "$DIR/tls/key.pem"
}

case "$ACTION" in
  start)
    [ "$(id -u)" -eq 0 ] || { say "run as root: Cyrus runs as the cyrus user"; exit 1; }
    "$HERE/install-packages.sh" cyrus-common sasl2-bin msmtp-mta openssl iproute2
    running && { say "already running in $DIR"; exit 0; }
    for p in "$PORT" "$TLS_PORT"; do port_in_use "$p" && { say "port $p is taken"; exit 1; }; done
    unpack_imapd
    write_config
    /usr/lib/cyrus/bin/master -C "$DIR/imapd.conf" -M "$DIR/cyrus.conf" -p "$PIDFILE" -L "$DIR/log/master.log" -d
    wait_until_listening "$PORT" "$TLS_PORT" || { say "Cyrus did not start:"; tail -n 20 "$DIR/log/master.log" >&2 || true; exit 1; }
    cat >"$DIR/env" <<EOF
MAILSIFT_TEST_CYRUS_HOST=127.0.0.1
MAILSIFT_TEST_CYRUS_PORT=$PORT
MAILSIFT_TEST_CYRUS_IMAPS_PORT=$TLS_PORT
MAILSIFT_TEST_CYRUS_CA=$DIR/tls/cert.pem
EOF
    say "started pid $(cat "$PIDFILE"): 127.0.0.1:$PORT (STARTTLS) and :$TLS_PORT (TLS), in $DIR"
    ;;
  stop)
    if running; then stop_master; fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
