#!/usr/bin/env bash
# Capacity: N generations held open at once through Easel (-Xmx512m) against a fake upstream that takes
# DELAY ms to answer each one. Reports how many completed and failed, latency, and Easel's peak heap,
# RSS, threads and CPU while it held them (see docs/PERFORMANCE.md).
#
#   bench/capacity/run.sh           10 000 generations, upstream delay 20 s (about a minute)
#   bench/capacity/run.sh smoke     200 generations, delay 1 s: proves the harness works
#   bench/capacity/run.sh N DELAY_MS
#   bench/capacity/run.sh --h2 C [smoke | N DELAY_MS]
#                                   the client sends its generations over C HTTP/2 connections (h2c by
#                                   prior knowledge) instead of one HTTP/1.1 connection each
#   BENCH_EXTRA_OPTS adds JVM options to Easel (e.g. a JFR recording)
#   BENCH_FORMAT=url asks for links (dall-e-3, response_format url) instead of b64_json: Easel decodes
#                 each answer and keeps its image as a file
#   BENCH_IMAGE_KB  the upstream's image size (default 10). Thousands of large answers sent at once on
#                 loopback keep both ends' socket buffers in this one kernel: past net.ipv4.tcp_mem it
#                 drops and retransmits, and the run measures that (docs/PERFORMANCE.md, capacity round 6)
#
# Results: a Markdown table on stdout and in bench/capacity/target/results.md.
set -euo pipefail
h2=""
if [[ "${1:-}" == --h2 ]]; then
  h2="${2:?--h2 takes the number of client connections}"
  shift 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/bench/lib.sh"
jdk="$(find_jdk)"
java="$jdk/bin/java"
out="$here/target"
mkdir -p "$out"
case "${1:-full}" in
  smoke) n=200; delay=1000 ;;
  full) n=10000; delay=20000 ;;
  *) n="$1"; delay="${2:-20000}" ;;
esac
# Over HTTP/1.1 every held generation is two sockets in Easel (client side and upstream side) plus one in
# each peer; over HTTP/2 the client side is the C connections the generations share.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ -n "$h2" ]]; then
  fit=$(( $(ulimit -n) - 600 - h2 )); sockets="one socket each in Easel, beside $h2 client connections"
  client_side="h2c, $h2 connections"
else
  fit=$(( ($(ulimit -n) - 600) / 2 )); sockets="two sockets each in Easel"
  client_side="HTTP/1.1, one connection each"
fi
image_kb="${BENCH_IMAGE_KB:-10}"
format="${BENCH_FORMAT:-b64_json}"
client_side="$client_side, $format, $image_kb kB images"
if (( fit < n )); then
  echo "bench: the open file limit ($(ulimit -n), hard limit $(ulimit -Hn)) holds only $fit generations" \
       "($sockets); running $fit instead of $n. Raise the hard limit to run all." >&2
  n=$fit
fi
"$root/easel" build
# The client's HTTP/2 side is OkHttp, from the test classpath.
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
client_cp="$(cat "$root/target/bench.classpath")"

upstream_port="$(free_port)"
easel_port="$(free_port)"
key=$BENCH_API_KEY
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; [[ -z "${data:-}" ]] || rm -rf "$data"; }
trap cleanup EXIT

"$java" "$root/bench/gateway/FakeUpstream.java" "$upstream_port" "$image_kb" "$delay" 64 > "$out/upstream.log" 2>&1 &
pids+=($!)
data="$(mktemp -d)"
upstream_config "$data" "$upstream_port"
EASEL_LOG_LEVEL=${EASEL_LOG_LEVEL:-WARN} BENCH_UPSTREAM_KEY=sk-bench EASEL_API_KEY=$key \
  EASEL_ADMIN_KEY=$BENCH_ADMIN_KEY \
  "$java" --enable-native-access=ALL-UNNAMED -Xmx512m ${BENCH_EXTRA_OPTS:-} -jar "$root/target/easel.jar" \
  serve --port "$easel_port" --data-dir "$data" --config "$data/easel.yaml" > "$out/easel.log" 2>&1 &
easel=$!
pids+=($easel)
wait_port "$upstream_port"; wait_port "$easel_port"

# Sample Easel while it works: heap from jstat (S0U+S1U+EU+OU, KB), RSS and threads from /proc.
"$jdk/bin/jstat" -gc "$easel" 250 > "$out/jstat.log" 2>/dev/null &
pids+=($!)
( while kill -0 "$easel" 2>/dev/null; do
    awk '/^VmRSS/ {rss=$2} /^Threads/ {th=$2} END {print rss, th}' "/proc/$easel/status"; sleep 0.25
  done ) > "$out/proc.log" 2>/dev/null &
pids+=($!)
cpu() { awk '{print $14 + $15}' "/proc/$easel/stat"; }
# Warm up first: a cold JVM spends its first seconds compiling, which on 2 cores competes with the
# very work being measured. One pass of up to 500 generations through the same path, not measured.
"$java" -Xss256k -cp "$client_cp" "$here/CapacityClient.java" "$easel_port" "$(( n < 500 ? n : 500 ))" "$key" 1000 $h2 >/dev/null
cpu0=$(cpu); t0=$(date +%s.%N)
client="$("$java" -Xss256k -cp "$client_cp" "$here/CapacityClient.java" "$easel_port" "$n" "$key" 2000 $h2)"
cpu1=$(cpu); t1=$(date +%s.%N)
echo "$client"
sleep 0.5

ticks=$(getconf CLK_TCK)
read -r ok failed p50 p99 wall <<<"$(sed -n 1p <<<"$client" |
  sed -E 's/ok=([0-9]+) failed=([0-9]+) p50_ms=([0-9.]+) p99_ms=([0-9.]+) max_ms=[0-9.]+ wall_s=([0-9.]+)/\1 \2 \3 \4 \5/')"
heap_mb=$(awk 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
  $1 ~ /^[0-9.]+$/ {u = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (u > m) m = u}
  END {printf "%.0f", m / 1024}' "$out/jstat.log")
rss_mb=$(awk '{if ($1 > m) m = $1} END {printf "%.0f", m / 1024}' "$out/proc.log")
threads=$(awk '{if ($2 > m) m = $2} END {print m + 0}' "$out/proc.log")
cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" -v t="$ticks" 'BEGIN {printf "%.1f", (b - a) / t}')
cores=$(awk -v c="$cpu_s" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", c / (b - a)}')
{
  echo "| generations | client side | upstream delay | ok | failed | p50 ms | p99 ms | wall s | peak heap MB | peak RSS MB | peak threads | CPU s | avg cores |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  echo "| $n | $client_side | $delay ms | $ok | $failed | $p50 | $p99 | $wall | $heap_mb | $rss_mb | $threads | $cpu_s | $cores |"
} > "$out/results.md"
cat "$out/results.md"
[[ "$failed" == 0 ]] || { echo "bench: $failed generations failed" >&2; exit 1; }
