# shellcheck shell=bash
# Sourced by scripts/use-engine.sh: the rootful engines, bookworm and sid, which share /var/run/docker.sock; one of
# them is selected with use_rootful (its start in bookworm.sh or sid.sh).

rootful_host=unix:///var/run/docker.sock

# ---- rootful engines: bookworm and sid share /var/run/docker.sock ------------------------------------------------

# Root's processes matching pgrep's arguments, in this mount namespace: a dockerd in a container (docker-in-docker) is
# not this machine's engine. The rootless dockerd runs under its user's uid.
host_root_pids() {
  local pid
  for pid in $(pgrep -u 0 "$@" || true); do
    [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$(readlink /proc/self/ns/mnt)" ] && echo "$pid"
  done
  return 0
}
rootful_pid() { host_root_pids -x dockerd | head -n 1; }

rootful_name() {
  local pid exe
  pid=$(rootful_pid) || true
  [ -n "$pid" ] || { echo none; return; }
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || { echo unknown; return; } # only root may read root's exe
  case $exe in
    "$sid_root"/*) echo sid ;;
    /usr/sbin/dockerd | /usr/bin/dockerd) echo bookworm ;;
    *) echo "other:$exe" ;;
  esac
}

stop_rootful() {
  local pid name
  pid=$(rootful_pid) || true
  [ -n "$pid" ] || return 0
  name=$(rootful_name)
  say "stopping the rootful engine ($name, pid $pid): its containers stop"
  kill -TERM "$pid"
  wait_until_gone "$pid" "dockerd"
  # dockerd stops the containerd it started; a containerd under the engine's exec-root that outlived it is a leftover.
  for pid in $(host_root_pids -f '^containerd --config (/var/run/docker|/run/docker|'"$sid_run"')/'); do
    kill -TERM "$pid" 2>/dev/null && wait_until_gone "$pid" "containerd"
  done
}

use_rootful() { # bookworm|sid
  need_root "$1"
  local running
  running=$(rootful_name)
  if [ "$running" = "$1" ] && lacks_wanted_flags "$(rootful_pid)"; then
    say "$1 runs without --dns 127.0.0.1, which COURSEWARE_OFFLINE_DNS=1 asks for: restarting it"
    running=restart
  fi
  if [ "$running" != "$1" ]; then
    case $running in other:*) die "a dockerd this script does not know runs (${running#other:})" \
      "stop it yourself (systemctl stop docker.socket docker, or kill it), then run: $0 $1" ;; esac
    stop_rootful
    "start_$1"
  fi
  [ -n "$(describe "$rootful_host")" ] || die "no engine answers on $rootful_host although dockerd runs" "$0 stop, then $0 $1"
  seed "$rootful_host"
  say "$1: $(describe "$rootful_host") on $rootful_host"
  echo "unset DOCKER_HOST"
}
