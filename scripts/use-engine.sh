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

cache=/var/cache/courseware-engines        # downloaded .debs and the unpacked sid engine (kept between runs)
sid_root=$cache/sid
sid_data=/var/lib/courseware-engines/sid
sid_run=/run/courseware-engines
sid_pidfile=$sid_run/sid.pid
sid_log=$sid_run/sid.log
rootful_host=unix:///var/run/docker.sock
rootless_user=${COURSEWARE_ROOTLESS_USER:-courseware}
rootless_script=/usr/share/docker.io/contrib/dockerd-rootless.sh

say() { printf '[use-engine] %s\n' "$*" >&2; }
die() { say "error: $1"; [ $# -lt 2 ] || say "fix: $2"; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "'$1' needs root (it starts or stops a system engine)" "sudo $0 $*"; }

# "VERSION API N.NN rootless|rootful" of the engine at $1, or nothing when none answers.
describe() {
  local host=$1 info api
  info=$(DOCKER_HOST=$host DOCKER_CONTEXT='' timeout 10 docker info --format \
    '{{.ServerVersion}} {{range .SecurityOptions}}{{if eq . "name=rootless"}}rootless{{end}}{{end}}' 2>/dev/null) || return 0
  set -- $info
  [ $# -gt 0 ] || return 0
  api=$(DOCKER_HOST=$host DOCKER_CONTEXT='' timeout 10 docker version --format '{{.Server.APIVersion}}' 2>/dev/null) || true
  echo "$1 API $api ${2:-rootful}"
}

wait_until_answers() { # HOST PID LOG
  for _ in $(seq 1 120); do
    [ -n "$(describe "$1")" ] && return 0
    kill -0 "$2" 2>/dev/null || { say "the engine exited; last lines of $3:"; tail -n 20 "$3" >&2; exit 1; }
    sleep 0.5
  done
  die "the engine did not answer on $1 within 60 s" "read $3"
}

wait_until_gone() { # PID WHAT
  for _ in $(seq 1 240); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
  die "$2 (pid $1) did not stop within 60 s" "kill -KILL $1, then run: $0 stop"
}

seed() { DOCKER_HOST=$1 DOCKER_CONTEXT='' "$scripts_dir/seed-base-image.sh"; }

has_offline_dns() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q -- '--dns 127.0.0.1'; }
# Does the running dockerd (pid $1) lack a flag this environment asks for?
lacks_wanted_flags() { [ "${COURSEWARE_OFFLINE_DNS:-0}" = 1 ] && ! has_offline_dns "$1"; }
# A restart keeps the flags the engine ran with, whatever the caller's environment says.
keep_flags_of() { if has_offline_dns "$1"; then export COURSEWARE_OFFLINE_DNS=1; else export COURSEWARE_OFFLINE_DNS=0; fi; }

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

fetch_sid() {
  ls "$cache"/debs/docker.io_*.deb "$cache"/debs/containerd_*.deb >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null || die "sid's engine is fetched with apt-get, which is missing" "run this on Debian/Ubuntu"
  say "downloading sid's docker.io and containerd .debs into $cache/debs (once)"
  local apt_dir=$cache/apt
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$cache/debs"
  # A private sid source list, lists and cache: the system's apt sources and state stay untouched.
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" >"$apt_dir/sources.list"
  local apt=(apt-get -qq -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
  "${apt[@]}" update || die "apt could not read Debian sid's package lists" "check that deb.debian.org is reachable"
  (cd "$cache/debs" && "${apt[@]}" download docker.io containerd) ||
    die "apt could not download sid's docker.io and containerd" "check that deb.debian.org is reachable"
}

unpack_sid() {
  local debs
  debs=$(cd "$cache/debs" && ls docker.io_*.deb containerd_*.deb)
  [ "$(cat "$sid_root/.unpacked" 2>/dev/null)" = "$debs" ] && return 0
  say "unpacking $(echo $debs) into $sid_root"
  rm -rf "$sid_root" && mkdir -p "$sid_root"
  for deb in $debs; do dpkg -x "$cache/debs/$deb" "$sid_root"; done
  echo "$debs" >"$sid_root/.unpacked"
}

start_sid() {
  fetch_sid
  unpack_sid
  command -v runc >/dev/null && command -v iptables >/dev/null && [ -x /usr/bin/docker-init ] ||
    die "sid's engine runs with bookworm's runc, iptables and docker-init, and one is missing" "run: $0 bookworm (installs docker.io), then $0 sid"
  mkdir -p "$sid_data" "$sid_run/sid"
  say "starting sid's dockerd (log: $sid_log)"
  load_engine_flags
  # sid's containerd, shim and docker-proxy come first on PATH; runc and docker-init are bookworm's.
  PATH="$sid_root/usr/sbin:$sid_root/usr/bin:$PATH" start_daemon "$sid_log" "$sid_root/usr/sbin/dockerd" \
    --data-root "$sid_data" --exec-root "$sid_run/sid" --pidfile "$sid_pidfile" "${engine_flags[@]}"
  wait_until_answers "$rootful_host" $! "$sid_log"
}

start_bookworm() {
  # ensure-docker.sh installs docker.io and busybox-static if missing and starts a plain dockerd when nothing answers.
  DOCKER_HOST=$rootful_host DOCKER_CONTEXT='' "$scripts_dir/ensure-docker.sh"
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

# ---- rootless: an unprivileged user's dockerd inside rootlesskit -------------------------------------------------

rootless_uid() { id -u "$rootless_user" 2>/dev/null; }
rootless_host() { echo "unix:///run/user/$(rootless_uid)/docker.sock"; }

# The rootless user's environment: its commands run as "${as_user[@]}" CMD (set by rootless_env).
rootless_env() {
  local uid home
  uid=$(rootless_uid)
  home=$(getent passwd "$rootless_user" | cut -d: -f6)
  as_user=(env HOME="$home" USER="$rootless_user" LOGNAME="$rootless_user" XDG_RUNTIME_DIR="/run/user/$uid"
           DOCKER_HOST="unix:///run/user/$uid/docker.sock" DOCKER_CONTEXT=
           PATH="/usr/share/docker.io/contrib:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin")
  [ "$(id -u)" = "$uid" ] || as_user=(runuser -u "$rootless_user" -- "${as_user[@]}")
}

setup_rootless() {
  [ "$(id -u)" -eq 0 ] || die "the rootless user '$rootless_user' is not set up yet and that needs root" "sudo $0 rootless"
  local missing=()
  command -v rootlesskit >/dev/null || missing+=(rootlesskit)
  command -v slirp4netns >/dev/null || missing+=(slirp4netns)
  command -v newuidmap >/dev/null || missing+=(uidmap)
  [ -x "$rootless_script" ] || missing+=(docker.io)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      die "could not install ${missing[*]}" "apt-get install ${missing[*]}"
  fi
  if ! id "$rootless_user" >/dev/null 2>&1; then
    say "creating the unprivileged user $rootless_user"
    useradd --create-home --shell /bin/bash "$rootless_user"
  fi
  # 65536 subordinate uids and gids (the user namespace maps container uids onto them), after any existing range.
  local file flag
  for file in /etc/subuid /etc/subgid; do
    touch "$file"
    grep -q "^$rootless_user:" "$file" && continue
    local start
    start=$(awk -F: 'BEGIN { m = 100000 } { if ($2 + $3 > m) m = $2 + $3 } END { print m }' "$file")
    flag=--add-subuids; [ "$file" = /etc/subgid ] && flag=--add-subgids
    usermod "$flag" "$start-$((start + 65535))" "$rootless_user"
  done
  local uid
  uid=$(rootless_uid)
  install -d -m 700 -o "$rootless_user" -g "$(id -g "$rootless_user")" "/run/user/$uid"
}

rootless_ready() {
  local uid
  uid=$(rootless_uid) || return 1
  grep -q "^$rootless_user:" /etc/subuid 2>/dev/null && grep -q "^$rootless_user:" /etc/subgid 2>/dev/null &&
    [ -d "/run/user/$uid" ] && command -v rootlesskit >/dev/null && command -v slirp4netns >/dev/null &&
    command -v newuidmap >/dev/null && [ -x "$rootless_script" ]
}

# The rootlesskit that dockerd-rootless.sh became (its child in the namespaces shows as "exe").
rootlesskit_pid() { local uid; uid=$(rootless_uid) || return 0; pgrep -u "$uid" -x rootlesskit | head -n 1 || true; }

start_rootless() {
  rootless_ready || setup_rootless
  local uid
  uid=$(rootless_uid)
  say "starting the rootless engine as $rootless_user (log: /run/user/$uid/dockerd-rootless.log)"
  rootless_env
  load_engine_flags
  # The user writes its own log (a root-owned one would stop it restarting its engine itself).
  start_daemon /dev/null "${as_user[@]}" sh -c 'exec dockerd-rootless.sh "$@" >"$XDG_RUNTIME_DIR/dockerd-rootless.log" 2>&1' \
    dockerd-rootless.sh "${engine_flags[@]}"
  local launcher=$!
  wait_until_answers "$(rootless_host)" "$launcher" "/run/user/$uid/dockerd-rootless.log"
}

stop_rootless() {
  local pid
  pid=$(rootlesskit_pid)
  [ -n "$pid" ] || return 0
  say "stopping the rootless engine (rootlesskit pid $pid): its containers stop"
  # rootlesskit passes the signal to dockerd, which stops containerd; slirp4netns ends with the namespace.
  kill -TERM "$pid"
  wait_until_gone "$pid" "rootlesskit"
}

rootless_dockerd_pid() { local uid; uid=$(rootless_uid) || return 0; pgrep -u "$uid" -x dockerd | head -n 1 || true; }

use_rootless() {
  if [ "$(id -u)" -ne 0 ] && [ "$(id -u)" != "$(rootless_uid)" ]; then
    die "the rootless engine belongs to the user $rootless_user; $(id -un) may neither start it nor run commands as it" \
      "sudo $0 rootless, or run this as $rootless_user"
  fi
  if [ -n "$(rootlesskit_pid)" ] && lacks_wanted_flags "$(rootless_dockerd_pid)"; then
    say "the rootless engine runs without --dns 127.0.0.1, which COURSEWARE_OFFLINE_DNS=1 asks for: restarting it"
    stop_rootless
  fi
  [ -n "$(rootlesskit_pid)" ] && [ -n "$(describe "$(rootless_host)")" ] || { stop_rootless; start_rootless; }
  # Seeded by whoever runs this (root reaches the user's socket; the user runs its own copy of the tree), so the runner
  # is read from this tree and built here if missing, never by the user in a tree it may not write. Not from stdin: a
  # `rootless -- CMD` reads it (test.sh pipes its tar).
  seed "$(rootless_host)" </dev/null
  rootless_env
  say "rootless: $(describe "$(rootless_host)") on $(rootless_host), user $rootless_user"
  if [ $# -gt 0 ]; then exec "${as_user[@]}" "$@"; else echo "export DOCKER_HOST=$(rootless_host)"; fi
}

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
