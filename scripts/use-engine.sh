#!/usr/bin/env bash
# Switches the Docker engine the course runs on; each leg of CI's engine matrix is one of these (scripts/test.sh).
#
#   scripts/use-engine.sh bookworm   Debian bookworm's docker.io 20.10 on /var/run/docker.sock, started by
#                                    scripts/ensure-docker.sh (apt-installed, plain `dockerd`)
#   scripts/use-engine.sh sid        Debian sid's docker.io (28.5 when this was written, API 1.51) on
#                                    /var/run/docker.sock: sid's docker.io and containerd .debs, downloaded once with apt
#                                    pointed at a private sid source list and unpacked with dpkg -x (never installed)
#                                    under /var/cache/courseware-engines, run with bookworm's runc, with its own
#                                    --data-root, --exec-root and --pidfile
#   scripts/use-engine.sh rootless   bookworm's dockerd-rootless.sh (docker.io's contrib folder, with rootlesskit,
#                                    slirp4netns, uidmap) run by the unprivileged user `courseware`
#                                    ($COURSEWARE_ROOTLESS_USER), on unix:///run/user/<uid>/docker.sock; runs alongside
#                                    either rootful engine
#   scripts/use-engine.sh rootless -- CMD [ARG...]
#                                    the same, then runs CMD as that user (HOME, XDG_RUNTIME_DIR, DOCKER_HOST set)
#   scripts/use-engine.sh restart    restarts the engine DOCKER_HOST addresses (the rootless one when it names its
#                                    socket, else the rootful one) with the same binaries and flags, and returns once it
#                                    answers again. Its containers stop (no live-restore); images, networks and stopped
#                                    containers stay
#   scripts/use-engine.sh stop [rootful|rootless]
#                                    stops the rootful engine and the rootless one (or just the one named), with their
#                                    containerd and shims
#   scripts/use-engine.sh status     what answers on each socket: engine, version, API, rootless or not
#
# bookworm and sid are exclusive: both want docker0 and the iptables chains, so selecting one stops the other first.
# Every engine selected gets busybox:stable (scripts/seed-base-image.sh, i.e. `courseware seed`) and, with
# COURSEWARE_OFFLINE_DNS=1 (CI), --dns 127.0.0.1 (scripts/daemon.sh). Idempotent: an engine already running with those
# flags is left alone (its seed: about a second); one running without them is restarted with them.
#
# stdout is one line for the caller's shell, everything else goes to stderr:
#   eval "$(scripts/use-engine.sh rootless)"   # export DOCKER_HOST=unix:///run/user/<uid>/docker.sock
#   eval "$(scripts/use-engine.sh sid)"        # unset DOCKER_HOST (the default socket)
#
# From a test (e.g. "the engine restarted between two cells"): run `scripts/use-engine.sh restart` with the test's
# environment; the DOCKER_HOST the test uses decides which engine restarts. A rootful restart needs root (the rootful
# legs run as root); on the rootless leg the test runs as the rootless user, who restarts its own engine. The engine
# restarts for everyone: tests running at the same time (test assemblies run side by side) see it go away, so such a
# test must run alone.
set -euo pipefail

scripts_dir=$(cd "$(dirname "$0")" && pwd)
source "$scripts_dir/daemon.sh"

# One file per engine: what they all use, the rootful pair (bookworm, sid) and their socket, then rootless.
for part in common rootful bookworm sid rootless; do source "$scripts_dir/engines/$part.sh"; done

# ---- commands --------------------------------------------------------------------------------------------------

status() {
  local rootful rootless
  rootful=$(describe "$rootful_host")
  if [ -z "$rootful" ] && [ -S /var/run/docker.sock ] && [ ! -w /var/run/docker.sock ]; then
    rootful="? (not accessible to $(id -un))"
  fi
  echo "rootful  $rootful_host: ${rootful:-nothing answers}${rootful:+ ($(rootful_name))}"
  if rootless_uid >/dev/null; then
    rootless=$(describe "$(rootless_host)")
    echo "rootless $(rootless_host): ${rootless:-nothing answers}${rootless:+ (user $rootless_user)}"
  else
    echo "rootless: not set up (user $rootless_user does not exist)"
  fi
  echo "DOCKER_HOST=${DOCKER_HOST:-} -> $(describe "${DOCKER_HOST:-$rootful_host}" || true)"
}

restart() {
  if rootless_uid >/dev/null && [ "${DOCKER_HOST:-}" = "$(rootless_host)" ]; then
    keep_flags_of "$(rootless_dockerd_pid)"
    stop_rootless
    start_rootless
    echo "export DOCKER_HOST=$(rootless_host)"
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "restarting the rootful engine needs root" \
    "sudo $0 restart; for the rootless engine set DOCKER_HOST=$(rootless_host 2>/dev/null) first"
  local running
  running=$(rootful_name)
  case $running in
    bookworm | sid) keep_flags_of "$(rootful_pid)"; stop_rootful; "start_$running"; say "$running restarted: $(describe "$rootful_host")"; echo "unset DOCKER_HOST" ;;
    none) die "no rootful engine runs, so there is nothing to restart" "select one first: $0 bookworm (or sid)" ;;
    *) die "a dockerd this script does not know runs (${running#other:})" "restart it the way it was started" ;;
  esac
}

case ${1:-} in
  bookworm | sid) use_rootful "$1" ;;
  rootless)
    shift
    if [ "${1:-}" = -- ]; then shift; [ $# -gt 0 ] || die "no command after --" "$0 rootless -- CMD [ARG...]"; fi
    use_rootless "$@" ;;
  restart) restart ;;
  stop)
    case ${2:-both} in rootful | rootless | both) ;; *) die "stop what? '$2'" "$0 stop [rootful|rootless]" ;; esac
    if [ "${2:-both}" = rootful ]; then need_root stop; fi
    # Only root sees (and may stop) the rootful engine; the rootless user stops its own.
    if [ "${2:-both}" != rootless ] && [ "$(id -u)" -eq 0 ]; then stop_rootful; fi
    [ "${2:-both}" = rootful ] || stop_rootless
    say "stopped" ;;
  status) status ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
