#!/usr/bin/env bash
# The main job: engine up, then every lesson executed and exported (executed .ipynb + offline HTML) by the
# ReadyToRun-published runner (scripts/build-runner.sh). It also installs that runner as the Jupyter kernel
# "C# (Courseware)" for this user (courseware kernel install --user), which VS Code's Jupyter extension offers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
runner=$(scripts/build-runner.sh)
"$runner" kernel install --user >&2
exec "$runner" run notebooks --output artifacts/lessons "$@"
