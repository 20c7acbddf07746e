#!/usr/bin/env bash
# The test command.
#
#   scripts/test.sh [DOTNET TEST ARGS]
#       The engine DOCKER_HOST addresses (scripts/ensure-docker.sh starts one if none answers), the test prerequisites,
#       then every test project in the solution.
#
#   COURSEWARE_ENGINES="bookworm sid rootless" scripts/test.sh [DOTNET TEST ARGS]      (as root; what .ci/run runs)
#       The engine matrix: builds once, runs every test on the first engine and the Docker-facing tests (the trait
#       Needs=Docker, which the DockerFact/DockerTheory attributes carry) on each further engine, one after another,
#       each selected with scripts/use-engine.sh. The rootless leg runs as the rootless user, from a copy of the built
#       tree in that user's home (the tests write beside their binaries). At the end the rootful engine that answered
#       before is selected again (none: stopped), and the rootless engine is stopped unless it ran before.
#       One leg alone, as CI runs it: COURSEWARE_ENGINES=sid scripts/test.sh --filter Needs=Docker, then the same with
#       --filter Needs=EngineRestart (a filter of your own replaces both of CI's selections)
#
# Tests that restart the engine (the trait Needs=EngineRestart) run alone, after the others, on every engine: any test
# beside them would see the engine go away. A --filter of your own replaces both selections.
#
# Totals come from the TRX files dotnet test writes, one folder per leg. The last line sums everything that ran:
# "N passed, N failed, N skipped". The exit status is non-zero if any leg failed.
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
chmod 755 "$results" # the rootless leg's user writes its TRX files into a folder of its own below it
cleanup_results() { rm -rf "$results"; }
trap cleanup_results EXIT

# "N passed, N failed, N skipped" over the TRX files below the given folders. xunit's skipped tests are counted in
# `total` but not in `executed`.
totals() {
  find "$@" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null |
    awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); gsub(/[^0-9]/, "", kv[2]); n[kv[1]] += kv[2] } }
         END { printf "%d passed, %d failed, %d skipped\n", n["passed"], n["failed"], n["total"] - n["executed"] }'
}

user_filter=0
for arg in "$@"; do case $arg in --filter | --filter=*) user_filter=1 ;; esac; done

# dotnet test for the leg being run: as the rootless user from its copy of the tree, or as we are.
leg_user=
leg_dotnet_test() {
  if [ "$leg_user" = rootless ]; then
    scripts/use-engine.sh rootless -- bash -c 'cd "$HOME/courseware-tests" && exec dotnet test "$@"' rootless "$@"
  else
    dotnet test "$@"
  fi
}

# run_leg NAME SELECTION: the tests of SELECTION (a --filter expression) on the engine in use, then the engine-restart
# tests alone; a --filter of the caller's replaces both. Targets are in `targets` (the selection's run) and
# `alone_targets` (the run alone); trailing runsettings in `runsettings`. Returns non-zero if either run failed.
run_leg() {
  local name=$1 selection=$2 status=0
  local trx=(--logger trx --results-directory "$results/$name")
  mkdir -m 777 "$results/$name"
  if [ "$user_filter" = 1 ]; then
    leg_dotnet_test "${targets[@]}" "${trx[@]}" "${user_args[@]}" "${runsettings[@]}" || status=1
  else
    leg_dotnet_test "${targets[@]}" --filter "$selection" "${trx[@]}" "${user_args[@]}" "${runsettings[@]}" || status=1
    leg_dotnet_test "${alone_targets[@]}" --filter Needs=EngineRestart "${trx[@]}" "${user_args[@]}" || status=1
  fi
  return "$status"
}

user_args=("$@")
runsettings=()

if [ -z "${COURSEWARE_ENGINES:-}" ]; then
  scripts/ensure-docker.sh
  scripts/ensure-test-deps.sh
  targets=(Courseware.sln)
  alone_targets=(Courseware.sln --no-build)
  status=0
  run_leg tests "Needs!=EngineRestart" || status=1
  totals "$results"
  exit "$status"
fi

# ---- the engine matrix ------------------------------------------------------------------------------------------
for engine in $COURSEWARE_ENGINES; do
  case $engine in bookworm | sid | rootless) ;; *)
    echo "[test] unknown engine '$engine' in COURSEWARE_ENGINES (bookworm, sid, rootless)" >&2; exit 2 ;; esac
done
[ "$(id -u)" -eq 0 ] || { echo "[test] the engine matrix starts and stops system engines: run it as root (sudo)" >&2; exit 2; }
runsettings=(-- RunConfiguration.MaxCpuCount=0) # the test assemblies side by side, as `dotnet test Courseware.sln` runs them
for arg in "$@"; do case $arg in --) runsettings=() ;; esac; done

# What runs now, to be put back at the end, whatever happens.
rootful_before=$(scripts/use-engine.sh status | sed -n 's/^rootful .*(\(bookworm\|sid\))$/\1/p')
rootless_before=$(scripts/use-engine.sh status | grep -c '^rootless .* rootless (user ' || true)
restore_engines() {
  echo "[test] restoring the engines that ran before the matrix" >&2
  if [ -n "$rootful_before" ]; then scripts/use-engine.sh "$rootful_before" >/dev/null; else scripts/use-engine.sh stop rootful; fi
  [ "$rootless_before" -gt 0 ] || scripts/use-engine.sh stop rootless
}
trap 'restore_engines; cleanup_results' EXIT

# A dockerd in this network namespace but another mount namespace (an engine a finished session left running, which
# use-engine.sh does not see as this machine's) would share docker0, the nat table and the host ports with the legs'
# engines. Wait for it to go; if it stays, say so, since failures that follow may be its doing.
stray_engines() {
  local p net mnt
  net=$(readlink /proc/self/ns/net) mnt=$(readlink /proc/self/ns/mnt)
  for p in $(pgrep -x dockerd || true); do
    [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "$net" ] && [ "$(readlink "/proc/$p/ns/mnt" 2>/dev/null)" != "$mnt" ] && echo "$p"
  done
}
for _ in $(seq 60); do [ -z "$(stray_engines)" ] && break; sleep 2; done
if [ -n "$(stray_engines)" ]; then
  echo "[test] warning: dockerd $(stray_engines | tr '\n' ' ')runs in this network namespace from another mount namespace;" \
       "the legs' engines share docker0, iptables and host ports with it" >&2
fi

scripts/ensure-test-deps.sh
dotnet build Courseware.sln -nologo -v q
# The test assemblies, run directly (no project evaluation: the rootless user has neither our obj/ nor our NuGet cache).
targets=()
for project in tests/*/*.csproj; do
  # Only test projects: a support library (Courseware.Tests.Support) has no test host and would abort the whole run.
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  name=$(basename "$project" .csproj)
  targets+=("$(ls "$(dirname "$project")"/bin/Debug/*/"$name.dll" | head -n 1)")
done
alone_targets=("${targets[@]}")

status=0
legs=()
selection="Needs!=EngineRestart" # every test on the first engine, the Docker-facing ones on the others
for engine in $COURSEWARE_ENGINES; do
  echo "[test] ===== leg $engine: dotnet test --filter $selection $* =====" >&2
  started=$SECONDS
  if [ "$engine" = rootless ]; then
    scripts/use-engine.sh rootless >/dev/null
    # The built tree, copied where the user may write; its HOME gets its own NuGet cache for the dotnet tools.
    tar -c --exclude=./.git --exclude=obj --exclude=runs --exclude=artifacts --exclude=TestResults . |
      scripts/use-engine.sh rootless -- sh -c 'rm -rf "$HOME/courseware-tests" && mkdir "$HOME/courseware-tests" && tar -x -C "$HOME/courseware-tests"'
    scripts/use-engine.sh rootless -- bash -c 'cd "$HOME/courseware-tests" && exec scripts/ensure-test-deps.sh'
    leg_user=rootless
  else
    eval "$(scripts/use-engine.sh "$engine")"
    leg_user=
  fi
  leg_status=0
  run_leg "$engine" "$selection" || leg_status=1
  [ "$leg_status" -eq 0 ] || status=1
  legs+=("$(printf '%-9s %s in %dm%02ds (exit %d)' "$engine" "$(totals "$results/$engine")" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$leg_status")")
  selection="Needs=Docker"
done

restore_engines
trap cleanup_results EXIT
echo "[test] ===== engine matrix =====" >&2
printf '[test] %s\n' "${legs[@]}" >&2
totals "$results"
exit "$status"
