#!/usr/bin/env bash
# The main job: engine up; the learner's copies of the lessons in learn/ (exercises without their answers; a copy
# already there is the learner's work and is kept); the runner installed as the Jupyter kernel "C# (Courseware)" for
# this user (courseware kernel install --user), which VS Code's Jupyter extension offers; then every lesson executed
# and exported (executed .ipynb + offline HTML, and a PDF handout when a Chromium is at hand) by the
# ReadyToRun-published runner (scripts/build-runner.sh). A --format of your own wins.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-docker.sh
runner=$(scripts/build-runner.sh)
"$runner" student notebooks --output learn --keep-existing
"$runner" kernel install --user >&2
# PDFs where a Chromium is at hand (the runner finds it, or says why not and goes on); a --format of your own wins.
formats=(--format ipynb,html,pdf --pdf-optional)
case " $* " in
  *" --format "*|*" --format="*|*" -f "*) formats=() ;;
esac
exec "$runner" run notebooks --output artifacts/lessons "${formats[@]}" "$@"
