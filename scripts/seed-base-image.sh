#!/usr/bin/env bash
# Makes sure the engine DOCKER_HOST addresses has the lessons' base image (busybox:stable): `courseware seed`, the
# library's own way (present, pulled if a registry answers, else built from the host's static busybox, Debian's
# busybox-static, and labelled courseware.seeded=local-busybox). One line on stderr, so that use-engine.sh's stdout
# stays the line its caller evals; the exit code is courseware's (0, 1 with the problem and fix, 3 not Docker).
# Arguments go to `courseware seed` (--image IMAGE).
#
# The runner is build/cli/ (scripts/build-runner.sh), published first when missing or older than the sources:
# ensure-docker.sh runs on a fresh machine before anything is built. It is started with `dotnet courseware.dll`, which needs only read access, so root
# may run it against any engine, the rootless one included (use-engine.sh does), and the rootless user from its copy
# of the tree.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runner=$repo/build/cli/courseware.dll
# Published again when a source file is newer than it: a runner left from an older checkout may lack `seed`.
if [ ! -f "$runner" ] || [ -n "$(find "$repo/src" \( -name '*.cs' -o -name '*.csproj' \) -newer "$runner" -print -quit)" ]; then
  printf '[seed-base-image] publishing the runner into build/cli first (scripts/build-runner.sh, about 1.5 min once)\n' >&2
  "$repo/scripts/build-runner.sh" >/dev/null
fi
DOTNET_NOLOGO=1 exec dotnet "$runner" seed "$@" >&2
