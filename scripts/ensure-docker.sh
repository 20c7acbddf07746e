#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, and makes sure the lessons' base image exists.
# Idempotent: installs only what is missing, starts dockerd only if no engine answers.
# When it starts dockerd it writes the pid to $COURSEWARE_DOCKERD_PIDFILE (default /tmp/courseware-dockerd.pid)
# so that the caller (.ci/run) can stop exactly the engine it started, and nothing else.
set -euo pipefail

pidfile=${COURSEWARE_DOCKERD_PIDFILE:-/tmp/courseware-dockerd.pid}
log=${COURSEWARE_DOCKERD_LOG:-/tmp/courseware-dockerd.log}
base_image=${COURSEWARE_BASE_IMAGE:-busybox:stable}

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
  # COURSEWARE_OFFLINE_DNS=1 (CI sets it: that machine has no network) makes the engine's default resolver 127.0.0.1,
  # so a name nobody knows fails inside the container instead of reaching the host's resolvers. It is the engine's own
  # setting, like a daemon.json "dns" entry: every docker run, the lessons' and a learner's retyped ones, behaves alike.
  dns_flags=()
  [ "${COURSEWARE_OFFLINE_DNS:-0}" = 1 ] && dns_flags=(--dns 127.0.0.1)
  # The daemon outlives this script: it must not inherit the caller's other open files (a lock a CI step holds with
  # flock, a pipe the caller reads to its end), or it would hold them for as long as it runs.
  nohup bash -c 'for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done; exec "$@"' \
    dockerd dockerd "${dns_flags[@]}" </dev/null >"$log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    engine_answers && break
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      say "dockerd exited; last lines of $log:"; tail -n 20 "$log" >&2; exit 1
    fi
    sleep 0.5
  done
  engine_answers || { say "dockerd did not answer within 60 s; see $log"; exit 1; }
  say "engine up: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
fi

# The base image: pull it if a registry answers, else build it from the host's static busybox.
if docker image inspect "$base_image" >/dev/null 2>&1; then
  say "$base_image present"
elif timeout 60 docker pull -q "$base_image" >/dev/null 2>&1; then
  say "$base_image pulled"
elif [ -x /bin/busybox ]; then
  say "no registry reachable: seeding $base_image from the host's /bin/busybox"
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/var/www" "$root/root"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker import \
    --change 'CMD ["sh"]' \
    --change 'ENV PATH=/bin' \
    --change 'LABEL courseware.seeded=local-busybox' \
    - "$base_image" >/dev/null
  say "$base_image seeded locally"
else
  say "$base_image is absent, no registry answers and /bin/busybox is missing: apt-get install busybox-static"
  exit 1
fi
