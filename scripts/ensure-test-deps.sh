#!/usr/bin/env bash
# What the test suite needs beyond the .NET SDK and the Docker engine: Debian's nbformat (to validate the executed
# notebooks), Chromium (to open the exported HTML and print it to PDF), poppler-utils (to read the PDFs), Jupyter's
# own client, nbconvert and Notebook server (to drive `courseware kernel` as Jupyter front ends do, and nbconvert as
# the exporter teachers run on our executed notebooks), the host tools docker.Host runs on the engine's host (tcpdump,
# conntrack, iproute2's ss and ip; the helper container uses the host's own binaries), Podman (an engine that answers
# Docker's API but is not Docker: the tests start its service to see doctor and ConnectAsync tell it apart), and the
# pinned dotnet tools (the official kernel, dotnet-repl).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
/usr/bin/python3 -c 'import nbformat' >/dev/null 2>&1 || missing+=(python3-nbformat)
/usr/bin/python3 -c 'import jupyter_client' >/dev/null 2>&1 || missing+=(python3-jupyter-client)
/usr/bin/python3 -c 'import nbconvert' >/dev/null 2>&1 || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import notebook.notebookapp' >/dev/null 2>&1 || missing+=(jupyter-notebook)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
# By path, not PATH: the rootless leg's user has no sbin in its PATH.
[ -x /usr/bin/tcpdump ] || [ -x /usr/sbin/tcpdump ] || missing+=(tcpdump)
[ -x /usr/sbin/conntrack ] || [ -x /usr/bin/conntrack ] || missing+=(conntrack)
{ [ -x /usr/bin/ss ] || [ -x /bin/ss ]; } && { [ -x /usr/sbin/ip ] || [ -x /bin/ip ] || [ -x /sbin/ip ]; } || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[ensure-test-deps] installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Podman without its recommends (netavark, aardvark-dns, fuse-overlayfs, …): the tests start no container on it.
if [ ! -x /usr/bin/podman ]; then
  echo "[ensure-test-deps] installing podman" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman >/dev/null
fi
dotnet tool restore >/dev/null
