# shellcheck shell=bash
# Sourced by scripts/use-engine.sh: the rootless engine, an unprivileged user's dockerd inside rootlesskit.

rootless_user=${COURSEWARE_ROOTLESS_USER:-courseware}
rootless_script=/usr/share/docker.io/contrib/dockerd-rootless.sh

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
