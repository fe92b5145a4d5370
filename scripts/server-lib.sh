# Sourced by test-imap-server.sh and test-cyrus-server.sh: what their private servers share. Each script
# defines `say` and `running` (is our master alive, with our config?) and sets PIDFILE before using these.
# test.sh, demo.sh and the bench scripts source it for `free_port`.

# Something listens on TCP port $1.
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# The first port from $1 on (within 200) that nothing listens on, so a developer's own server or a second run
# does not collide with this one.
free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    port_in_use "$port" || { echo "$port"; return; }
  done
  echo "no free port near $1" >&2
  exit 1
}

# Waits up to 10 s for our master to run and listen on ports $1 and $2; fails if it does not.
wait_until_listening() {
  for _ in $(seq 1 100); do
    running && port_in_use "$1" && port_in_use "$2" && return 0
    sleep 0.1
  done
  running
}

# The process $1 exists and is not a zombie: in a container whose pid 1 reaps nothing, a stopped master lingers
# as a zombie, which kill -0 still finds.
alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# Stops our master: TERM, then KILL after 10 s. The pid file goes with it, so a new start is not refused
# because of a zombie.
stop_master() {
  local pid
  pid="$(cat "$PIDFILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
  alive "$pid" && kill -KILL "$pid"
  rm -f "$PIDFILE"
  say "stopped (pid $pid)"
}

# start_private_server NAME IMAP_PORT IMAPS_PORT: a private test Dovecot (scripts/test-imap-server.sh) on free
# ports from those up, in a new work folder $work (/tmp/mailsift-NAME.XXXXXX, readable by Dovecot's users).
# When the script exits, the process $pid (if the caller set it) is stopped, then the server, and $work removed.
start_private_server() {
  export MAILSIFT_TEST_IMAP_PORT="$(free_port "$2")"
  export MAILSIFT_TEST_IMAPS_PORT="$(free_port "$3")"
  work="$(mktemp -d "/tmp/mailsift-$1.XXXXXX")"
  chmod 755 "$work"
  pid=""
  trap stop_private_server EXIT
  scripts/test-imap-server.sh start "$work/dovecot" 2>/dev/null
}

stop_private_server() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  scripts/test-imap-server.sh stop "$work/dovecot" >/dev/null 2>&1 || true
  rm -rf "$work"
}
