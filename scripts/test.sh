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
# The last line sums everything that ran: "N passed, N failed, N skipped". The exit status is non-zero if any leg failed.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
cleanup_logs() { rm -rf "$logs"; }
trap cleanup_logs EXIT

# "PASSED FAILED SKIPPED" from the summary lines dotnet test prints per test assembly, over the given logs.
counts() {
  awk '/(Passed|Failed)! +- +Failed: / {
         gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
       } END { printf "%d %d %d\n", p, f, s }' "$@"
}
summary() { counts "$@" | awk '{ printf "%d passed, %d failed, %d skipped\n", $1, $2, $3 }'; }

user_filter=0
for arg in "$@"; do case $arg in --filter | --filter=*) user_filter=1 ;; esac; done
alone=(--filter "Needs=EngineRestart")

if [ -z "${COURSEWARE_ENGINES:-}" ]; then
  scripts/ensure-docker.sh
  scripts/ensure-test-deps.sh
  set +e
  if [ "$user_filter" = 1 ]; then
    dotnet test Courseware.sln "$@" 2>&1 | tee "$logs/tests.log"
    status=${PIPESTATUS[0]}
  else
    dotnet test Courseware.sln --filter "Needs!=EngineRestart" "$@" 2>&1 | tee "$logs/tests.log"
    status=${PIPESTATUS[0]}
    dotnet test Courseware.sln --no-build "${alone[@]}" "$@" 2>&1 | tee -a "$logs/tests.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  fi
  set -e
  summary "$logs/tests.log"
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
trap 'restore_engines; cleanup_logs' EXIT

scripts/ensure-test-deps.sh
dotnet build Courseware.sln -nologo -v q
# The test assemblies, run directly (no project evaluation: the rootless user has neither our obj/ nor our NuGet cache).
dlls=()
for project in tests/*/*.csproj; do
  # Only test projects: a support library (Courseware.Tests.Support) has no test host and would abort the whole run.
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  name=$(basename "$project" .csproj)
  dlls+=("$(ls "$(dirname "$project")"/bin/Debug/*/"$name.dll" | head -n 1)")
done

status=0
legs=()
first=1
for engine in $COURSEWARE_ENGINES; do
  filter=()
  if [ "$user_filter" = 0 ]; then
    if [ "$first" = 1 ]; then filter=(--filter "Needs!=EngineRestart"); else filter=(--filter Needs=Docker); fi
  fi
  echo "[test] ===== leg $engine: dotnet test ${filter[*]} $* =====" >&2
  started=$SECONDS
  leg_status=0
  log=$logs/$engine.log
  if [ "$engine" = rootless ]; then
    scripts/use-engine.sh rootless >/dev/null
    # The built tree, copied where the user may write; its HOME gets its own NuGet cache for the dotnet tools.
    tar -c --exclude=./.git --exclude=obj --exclude=runs --exclude=artifacts --exclude=TestResults . |
      scripts/use-engine.sh rootless -- sh -c 'rm -rf "$HOME/courseware-tests" && mkdir "$HOME/courseware-tests" && tar -x -C "$HOME/courseware-tests"'
    set +e
    scripts/use-engine.sh rootless -- bash -c 'cd "$HOME/courseware-tests" && scripts/ensure-test-deps.sh && exec dotnet test "$@"' \
      rootless "${dlls[@]}" "${filter[@]}" "$@" "${runsettings[@]}" 2>&1 | tee "$log"
    leg_status=${PIPESTATUS[0]}
    if [ "$user_filter" = 0 ]; then
      scripts/use-engine.sh rootless -- bash -c 'cd "$HOME/courseware-tests" && exec dotnet test "$@"' \
        rootless "${dlls[@]}" "${alone[@]}" "$@" 2>&1 | tee -a "$log"
      [ "${PIPESTATUS[0]}" -eq 0 ] || leg_status=1
    fi
    set -e
  else
    eval "$(scripts/use-engine.sh "$engine")"
    set +e
    dotnet test "${dlls[@]}" "${filter[@]}" "$@" "${runsettings[@]}" 2>&1 | tee "$log"
    leg_status=${PIPESTATUS[0]}
    if [ "$user_filter" = 0 ]; then
      dotnet test "${dlls[@]}" "${alone[@]}" "$@" 2>&1 | tee -a "$log"
      [ "${PIPESTATUS[0]}" -eq 0 ] || leg_status=1
    fi
    set -e
  fi
  [ "$leg_status" -eq 0 ] || status=1
  legs+=("$(printf '%-9s %s in %dm%02ds (exit %d)' "$engine" "$(summary "$log")" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$leg_status")")
  first=0
done

restore_engines
trap cleanup_logs EXIT
echo "[test] ===== engine matrix =====" >&2
printf '[test] %s\n' "${legs[@]}" >&2
summary "$logs"/*.log
exit "$status"
