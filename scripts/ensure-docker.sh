#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, and makes sure the lessons' base image exists (seed-base-image.sh:
# `courseware seed`, the runner published into build/cli/ first on a fresh machine).
# Idempotent: installs only what is missing, starts dockerd only if no engine answers.
# The engine it starts is Debian's plain `dockerd` (bookworm: 20.10; with --dns 127.0.0.1 when COURSEWARE_OFFLINE_DNS=1,
# see daemon.sh); scripts/use-engine.sh switches to other engines and stops them.
set -euo pipefail
scripts_dir=$(cd "$(dirname "$0")" && pwd)
source "$scripts_dir/daemon.sh"

log=${COURSEWARE_DOCKERD_LOG:-/tmp/courseware-dockerd.log}

say() { printf '[ensure-docker] %s\n' "$*" >&2; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

# The base image is seeded from /bin/busybox: it must be the static build (Debian's busybox-static), with httpd.
static_busybox() {
  [ -x /bin/busybox ] || return 1
  ldd /bin/busybox >/dev/null 2>&1 && return 1
  local applets
  applets=$(/bin/busybox --list 2>/dev/null) || return 1
  [[ $'\n'$applets$'\n' == *$'\n'httpd$'\n'* ]]
}

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker >/dev/null 2>&1 || missing+=(docker.io)
static_busybox || missing+=(busybox-static)
command -v iptables >/dev/null 2>&1 || missing+=(iptables)
if [ ${#missing[@]} -gt 0 ] && ! engine_answers; then
  if command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing ${missing[*]} and no apt-get here: install Docker Engine (https://docs.docker.com/engine/install/) and start it"
    exit 1
  fi
fi
# busybox-static is needed to seed the base image even when an engine already answers.
if ! static_busybox && command -v apt-get >/dev/null 2>&1; then
  sudo_if_needed apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq busybox-static >/dev/null
fi

if engine_answers; then
  say "engine already answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
else
  say "starting dockerd (log: $log)"
  # containerd is started by dockerd itself when not running as a service.
  load_engine_flags
  start_daemon "$log" dockerd "${engine_flags[@]}"
  pid=$!
  for _ in $(seq 1 120); do
    engine_answers && break
    if ! kill -0 "$pid" 2>/dev/null; then
      say "dockerd exited; last lines of $log:"; tail -n 20 "$log" >&2; exit 1
    fi
    sleep 0.5
  done
  engine_answers || { say "dockerd did not answer within 60 s; see $log"; exit 1; }
  say "engine up: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
fi

"$scripts_dir/seed-base-image.sh"
