#!/usr/bin/env bash
# Lesson 01's steps as a learner would type them with the docker CLI, for the `steps` benchmark:
# build (cached), run with -p, wait for HTTP 200, ps, inspect, ping the container, remove it.
# usage: lesson01-steps.sh TAG CONTEXT_DIR NAME HOST_PORT PING_COUNT HTTP_TOOL(curl|wget)
# Prints one "STEP name epoch-seconds" line after each step ($EPOCHREALTIME: a bash builtin, no fork).
set -euo pipefail
tag=$1 context=$2 name=$3 port=$4 count=$5 http=$6
label=courseware.session=bench-cli
trap 'docker rm -f "$name" >/dev/null 2>&1 || true' ERR INT TERM

echo "STEP start $EPOCHREALTIME"
docker build -q --label "$label" -t "$tag" "$context" >/dev/null
echo "STEP build $EPOCHREALTIME"
docker run -dit --label "$label" -p "127.0.0.1:$port:80" --name "$name" "$tag" >/dev/null
echo "STEP run $EPOCHREALTIME"
get() {
  if [ "$http" = curl ]; then curl -fs -o /dev/null --max-time 2 "http://localhost:$port/"
  else wget -q -O /dev/null -T 2 "http://localhost:$port/"; fi
}
tries=0
until get; do
  tries=$((tries + 1))
  [ "$tries" -lt 3000 ] || { echo "no HTTP 200 from localhost:$port" >&2; exit 1; }
  sleep 0.01
done
echo "STEP http $EPOCHREALTIME"
docker ps --filter "label=$label" >/dev/null
echo "STEP ps $EPOCHREALTIME"
docker inspect "$name" >/dev/null
echo "STEP inspect $EPOCHREALTIME"
ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$name")
ping -q -c "$count" -i 0.2 -W 1 "$ip" >/dev/null
echo "STEP ping $EPOCHREALTIME"
docker rm -f "$name" >/dev/null
echo "STEP rm $EPOCHREALTIME"
echo "HTTP_TRIES $tries"
