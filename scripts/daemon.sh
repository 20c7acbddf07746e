# Sourced by the scripts that start a Docker engine (ensure-docker.sh, use-engine.sh): one way of starting a daemon.
#
# start_daemon LOG CMD [ARG...] runs CMD in the background, and the caller's $! is its pid. The daemon outlives the
# script, so it gets its own session (a Ctrl+C in the caller's terminal does not reach it), stdin from /dev/null,
# stdout and stderr to LOG (/dev/null when CMD writes its own log), and none of the caller's other open files: a lock a
# CI step holds with flock, or the pipe of a $(...) that reads to its end, would otherwise stay held as long as it runs.
start_daemon() {
  local log=$1
  shift
  setsid bash -c 'for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@"' \
    daemon "$@" </dev/null >"$log" 2>&1 &
}

# The daemon flags every engine on this machine gets. COURSEWARE_OFFLINE_DNS=1 (CI sets it: that machine has no
# network) makes the engine's default resolver 127.0.0.1, so a name nobody knows fails inside the container instead of
# reaching the host's resolvers. It is the engine's own setting, like a daemon.json "dns" entry: every docker run, the
# lessons' and a learner's retyped ones, behaves alike. Docker's embedded DNS still answers the lessons' own names.
load_engine_flags() {
  engine_flags=()
  [ "${COURSEWARE_OFFLINE_DNS:-0}" = 1 ] && engine_flags=(--dns 127.0.0.1)
  return 0
}
