#!/usr/bin/env bash
# The main job: engine up, then every lesson executed and exported (executed .ipynb + offline HTML).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
exec dotnet run --project src/Courseware.Cli -c Release -- run notebooks --output artifacts/lessons "$@"
