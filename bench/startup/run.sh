#!/usr/bin/env bash
# Start-up: time from launching `./easel serve` (jar already built) to the first successful generation
# (a 256x256 image from the built-in renderer), for a first start (empty data directory: migrations,
# keys, signing secret) and a restart (same directory), each with the launcher's start-up cache (what
# `./easel serve` does) and without it (EASEL_STARTUP_CACHE=off), side by side. See docs/PERFORMANCE.md.
#
#   bench/startup/run.sh          5 runs of each
#   bench/startup/run.sh smoke    1 run of each: proves the harness works
#
# Results: a Markdown table on stdout and in bench/startup/target/results.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/bench/lib.sh"
find_jdk >/dev/null
out="$here/target"
mkdir -p "$out"
case "${1:-full}" in
  smoke) runs=1 ;;
  *) runs=5 ;;
esac
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
"$root/easel" build

key=$BENCH_API_KEY
port=18421
body='{"model":"dall-e-2","prompt":"a paper boat on calm water","size":"256x256"}'
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Launches Easel on a data directory ($1), the start-up cache on or off ($2), and prints the
# milliseconds until a generation first answers 200.
first_generation_ms() {
  local data="$1" start pid status
  start=$(now_ms)
  EASEL_STARTUP_CACHE="$2" EASEL_LOG_LEVEL=WARN EASEL_API_KEY=$key EASEL_ADMIN_KEY=$BENCH_ADMIN_KEY \
    "$root/easel" serve --port "$port" --data-dir "$data" >> "$out/easel.log" 2>&1 &
  pid=$!
  while :; do
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" \
      -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/v1/images/generations" || true)"
    [[ "$status" == 200 ]] && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: easel exited; see $out/easel.log" >&2; exit 1; }
    (( $(now_ms) - start > 60000 )) && { echo "bench: no generation within 60 s" >&2; kill "$pid"; exit 1; }
    sleep 0.01
  done
  echo $(( $(now_ms) - start ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

: > "$out/easel.log"
declare -A ms=()
for _ in $(seq 1 "$runs"); do
  for cache in on off; do
    data="$(mktemp -d)"
    ms[first-$cache]+="$(first_generation_ms "$data/data" $cache) "
    ms[restart-$cache]+="$(first_generation_ms "$data/data" $cache) "
    rm -rf "$data"
  done
done
{
  echo "| start | start-up cache | runs (ms) | median ms |"
  echo "|---|---|---|---|"
  for start in first restart; do
    for cache in on off; do
      label=$([[ $start == first ]] && echo "first start (empty data dir)" || echo "restart")
      echo "| $label | $cache | ${ms[$start-$cache]% } | $(printf '%s\n' ${ms[$start-$cache]} | median) |"
    done
  done
} > "$out/results.md"
cat "$out/results.md"
