# shellcheck shell=bash
# Sourced by scripts/use-engine.sh: Debian sid's docker.io, unpacked (never installed) and run with bookworm's runc.

cache=/var/cache/courseware-engines        # downloaded .debs and the unpacked sid engine (kept between runs)
sid_root=$cache/sid
sid_data=/var/lib/courseware-engines/sid
sid_run=/run/courseware-engines
sid_pidfile=$sid_run/sid.pid
sid_log=$sid_run/sid.log

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
