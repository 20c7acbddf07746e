# shellcheck shell=bash
# Sourced by scripts/use-engine.sh: what every engine's part uses (messages, waiting for an engine, its flags, the
# base image).

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
