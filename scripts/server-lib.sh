# Sourced by test-imap-server.sh and test-cyrus-server.sh: what their private servers share. Each script
# defines `say` and `running` (is our master alive, with our config?) and sets PIDFILE before using these.

# Something listens on TCP port $1.
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# Waits up to 10 s for our master to run and listen on ports $1 and $2; fails if it does not.
wait_until_listening() {
  for _ in $(seq 1 100); do
    running && port_in_use "$1" && port_in_use "$2" && return 0
    sleep 0.1
  done
  running
}

# Stops our master: TERM, then KILL after 10 s.
stop_master() {
  local pid
  pid="$(cat "$PIDFILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  say "stopped (pid $pid)"
}
