#!/usr/bin/env bash
# Makes sure the engine DOCKER_HOST addresses has the lessons' base image (busybox:stable): present, pulled if a
# registry answers, else built from the host's static busybox (Debian busybox-static) and labelled
# courseware.seeded=local-busybox. Used by ensure-docker.sh and use-engine.sh (every engine of the matrix).
set -euo pipefail

base_image=${COURSEWARE_BASE_IMAGE:-busybox:stable}

say() { printf '[seed-base-image] %s\n' "$*" >&2; }

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
