#!/usr/bin/env bash
# Publishes the runner ReadyToRun into build/cli/ (courseware precompiled with its dependencies: Roslyn, .NET
# Interactive). Start-up is then about half of a JIT build's; see docs/benchmarks.md. Incremental: a second call with
# nothing changed takes seconds. Also builds build/lab/, which the notebooks #r.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Courseware.Cli -c Release --use-current-runtime --nologo -v quiet -o build/cli "$@" >&2
echo build/cli/courseware
