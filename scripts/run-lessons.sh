#!/usr/bin/env bash
# The main job: engine up; the learner's copies of the lessons in learn/ (exercises without their answers; a copy
# already there is the learner's work and is kept); then every lesson executed and exported (executed .ipynb + offline
# HTML) by the ReadyToRun-published runner (scripts/build-runner.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
runner=$(scripts/build-runner.sh)
"$runner" student notebooks --output learn --keep-existing
exec "$runner" run notebooks --output artifacts/lessons "$@"
