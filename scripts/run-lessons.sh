#!/usr/bin/env bash
# The main job: engine up, then every lesson executed and exported (executed .ipynb + offline HTML) by the
# ReadyToRun-published runner (scripts/build-runner.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
runner=$(scripts/build-runner.sh)
exec "$runner" run notebooks --output artifacts/lessons "$@"
