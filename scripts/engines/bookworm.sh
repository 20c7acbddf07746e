# shellcheck shell=bash
# Sourced by scripts/use-engine.sh: Debian bookworm's docker.io, the engine scripts/ensure-docker.sh starts.

start_bookworm() {
  # ensure-docker.sh installs docker.io and busybox-static if missing and starts a plain dockerd when nothing answers.
  DOCKER_HOST=$rootful_host DOCKER_CONTEXT='' "$scripts_dir/ensure-docker.sh"
}
