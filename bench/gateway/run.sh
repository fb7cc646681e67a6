#!/usr/bin/env bash
# Overhead and throughput of Easel as a gateway: wrk against a fake OpenAI upstream called directly
# and through Easel (and through peers), side by side in one run. Easel is measured twice: `easel` with
# a key without a budget, `easel-budget` with a key whose budget holds each request's maximum price.
#
#   bench/gateway/run.sh            full: ~100 KB and ~1.5 MB images, 1/16/64 connections, 3 runs each
#   bench/gateway/run.sh smoke      a few seconds: proves the harness works; the numbers mean nothing
#   bench/gateway/run.sh --portkey  full, plus Portkey (npm @portkey-ai/gateway, installed under bench/gateway)
#   bench/gateway/run.sh --nginx    full, plus nginx as a plain reverse proxy (Debian's package), 64 kB
#                                   buffers: once streaming (proxy_buffering off, as Easel relays) and
#                                   once buffering (nginx's default mode)
#   bench/gateway/run.sh --bare     full, plus BareRelay.java: the least a Java gateway can do, and
#                                   BareChannelRelay.java: the same over channels and direct buffers;
#                                   each also as "-checked": scanning the image's text as a relay that
#                                   reads the answer's JSON must
#   (--portkey, --nginx and --bare combine)
#
# BENCH_SIZES, BENCH_CONNS, BENCH_DURATION (s per cell) and BENCH_RUNS narrow a run; BENCH_WARMUP (s)
# caps the warm-up (240 s: each JVM gets traffic until its JIT is quiet).
# BENCH_EXTRA_OPTS adds JVM options to Easel (e.g. -Djdk.virtualThreadScheduler.parallelism=2 to compare).
# Results: a Markdown table on stdout and in bench/gateway/target/results.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/bench/lib.sh"
java="$(find_jdk)/bin/java"
mode=full; portkey=false; nginx=false; bare=false
for arg in "$@"; do
  case "$arg" in
    smoke) mode=smoke ;;
    --portkey) portkey=true ;;
    --nginx) nginx=true ;;
    --bare) bare=true ;;
    *) echo "bench: unknown argument $arg" >&2; exit 2 ;;
  esac
done
out="$here/target"
mkdir -p "$out"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
if $nginx && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then missing+=(nginx-light); fi
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
"$root/easel" build

case "$mode" in
  smoke) sizes="100"; conns="1 4"; duration=2; runs=1; warmup=2 ;;
  *) sizes="100 1500"; conns="1 16 64"; duration=10; runs=3; warmup=240 ;;
esac
# One cell or a shorter table: e.g. BENCH_SIZES=100 BENCH_CONNS=1 bench/gateway/run.sh
sizes="${BENCH_SIZES:-$sizes}"; conns="${BENCH_CONNS:-$conns}"
duration="${BENCH_DURATION:-$duration}"; runs="${BENCH_RUNS:-$runs}"; warmup="${BENCH_WARMUP:-$warmup}"

pids=()
nginx_dir="$(mktemp -d)"
cleanup() {
  for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$nginx_dir/nginx.pid" ]] && kill "$(cat "$nginx_dir/nginx.pid")" 2>/dev/null || true
  sleep 0.5
}
trap 'cleanup; rm -rf "$nginx_dir"' EXIT

# nginx as an operator would put it in front of an upstream: a worker per core, kept-alive upstream
# connections, one port streaming each answer through and one buffering it (nginx's default). Its
# buffers are 64 kB, the size of Easel's relayed blocks until round 19 (128 kB since): with the default
# 4-8 kB, nginx moved 1.5 MB answers at about half the rate (docs/PERFORMANCE.md).
start_nginx() { # upstream_port streaming_port buffering_port
  cat > "$nginx_dir/nginx.conf" <<NGINX
worker_processes auto;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $nginx_dir/body;
  proxy_temp_path $nginx_dir/proxy;
  upstream fake { server 127.0.0.1:$1; keepalive 128; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_buffer_size 64k; proxy_buffers 32 64k; proxy_busy_buffers_size 256k;
  server { listen 127.0.0.1:$2; location / { proxy_pass http://fake; proxy_buffering off; } }
  server { listen 127.0.0.1:$3; location / { proxy_pass http://fake; proxy_buffering on; } }
}
NGINX
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log"
  wait_port "$2"; wait_port "$3"
}


# The whole machine's busy time in ms (every process: wrk, the upstream, the target). The cores are
# shared and stay busy under load, so this per request is what decides a target's req/s against direct.
machine_ms() {
  awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" {printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz}' /proc/stat
}

# What a cell's requests cost the process(es) answering them: (after - before) / (req/s x duration).
per_request() { # before after req_per_s decimals
  awk -v b="$1" -v a="$2" -v r="$3" -v d="$duration" -v f="%.$4f" 'BEGIN {printf f, (r > 0 ? (a - b) / (r * d) : 0)}'
}

# One wrk run; prints "req/s p50_ms p99_ms non-2xx" (wrk writes latencies as 812.00us, 1.20ms, 2.1s).
# Warns when wrk's latencies cannot be right: n connections cannot be waiting for more than n x the
# cell's length in total (Little's law). wrk's latencies break that when a target's first answers on
# new connections are slow (a cold JIT, or idling through the other targets' cells), which is what
# the warm-up and primer cells are for: they set check_latencies=no.
measure() { # url connections key extra_headers
  local threads=$(( $2 < 2 ? 1 : 2 ))
  BENCH_KEY="$3" BENCH_HEADERS="$4" wrk -t"$threads" -c"$2" -d"${duration}s" --latency -s "$here/post.lua" "$1" 2>&1 |
    awk -v conns="$2" -v url="$1" -v check="${check_latencies:-yes}" '
         function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
         $1 == "Latency" && $2 != "Distribution" {mean=ms($2)} /requests in/ {n=$1; secs=$4 + 0; if ($4 ~ /m,$/) secs *= 60}
         /Requests\/sec/ {rps=$2}
         / 50%/ {p50=$2} / 99%/ {p99=$2}
         /Non-2xx/ {bad=$NF}
         END {
           if (check == "yes" && secs > 0 && mean * n / 1000 > 1.25 * conns * secs)
             printf "bench: wrk waited %.0f s in a %.0f s cell at %d connections (%s): its latencies are wrong\n",
               mean * n / 1000, secs, conns, url > "/dev/stderr"
           printf "%s %.2f %.2f %s\n", rps, ms(p50), ms(p99), (bad == "" ? 0 : bad)
         }'
}

measure_target() { # target connections -> "req/s p50_ms p99_ms non-2xx"
  case "$1" in
    direct) measure "http://127.0.0.1:$upstream_port/v1/images/generations" "$2" "" "" ;;
    easel) measure "http://127.0.0.1:$easel_port/v1/images/generations" "$2" "$BENCH_API_KEY" "" ;;
    easel-budget) measure "http://127.0.0.1:$easel_port/v1/images/generations" "$2" "$budget_key" "" ;;
    nginx) measure "http://127.0.0.1:$nginx_port/v1/images/generations" "$2" "" "" ;;
    bare) measure "http://127.0.0.1:$bare_port/v1/images/generations" "$2" "" "" ;;
    bare-channels) measure "http://127.0.0.1:$bare_channels_port/v1/images/generations" "$2" "" "" ;;
    bare-checked) measure "http://127.0.0.1:$bare_checked_port/v1/images/generations" "$2" "" "" ;;
    bare-channels-checked) measure "http://127.0.0.1:$bare_channels_checked_port/v1/images/generations" "$2" "" "" ;;
    nginx-buffering) measure "http://127.0.0.1:$nginx_buffering_port/v1/images/generations" "$2" "" "" ;;
    portkey) measure "http://127.0.0.1:$portkey_port/v1/images/generations" "$2" sk-bench \
             "x-portkey-provider: openai;x-portkey-custom-host: http://127.0.0.1:$upstream_port/v1" ;;
  esac
}

upstream_port=18401
easel_port=18402
portkey_port=18403
nginx_port=18404
nginx_buffering_port=18405
bare_port=18406
bare_channels_port=18407
bare_checked_port=18408
bare_channels_checked_port=18409
results="$out/results.md"

# Starts a bare relay (BareRelay or BareChannelRelay, optionally with "check") as one more target.
start_bare() { # target class port [check]
  "$java" "$here/$2.java" "$3" "$upstream_port" ${4:-} > "$out/$1.log" 2>&1 &
  procs[$1]=$!; pids+=($!)
  wait_port "$3"
  targets+=" $1"
}
{
  echo "| image | conns | target | req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | JIT ms/req | switches/req | machine CPU ms/req |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
} > "$results"

for kb in $sizes; do
  "$java" "$here/FakeUpstream.java" "$upstream_port" "$kb" 0 > "$out/upstream.log" 2>&1 &
  declare -A procs=([direct]=$!); pids+=($!)
  data="$(mktemp -d)"
  upstream_config "$data" "$upstream_port"
  EASEL_LOG_LEVEL=WARN BENCH_UPSTREAM_KEY=sk-bench EASEL_API_KEY=$BENCH_API_KEY \
    EASEL_ADMIN_KEY=$BENCH_ADMIN_KEY EASEL_JAVA_OPTS="-Xmx1g ${BENCH_EXTRA_OPTS:-}" \
    "$root/easel" serve --port "$easel_port" --data-dir "$data" --config "$data/easel.yaml" > "$out/easel.log" 2>&1 &
  procs[easel]=$!; pids+=($!); procs[easel-budget]=$!
  targets="direct easel easel-budget"
  if $nginx; then
    start_nginx "$upstream_port" "$nginx_port" "$nginx_buffering_port"
    nginx_master="$(cat "$nginx_dir/nginx.pid")"
    procs[nginx]="$nginx_master $(pgrep -P "$nginx_master" | tr '\n' ' ' || true)"; procs[nginx-buffering]="${procs[nginx]}"
    targets+=" nginx nginx-buffering"
  fi
  if $bare; then
    start_bare bare BareRelay "$bare_port"
    start_bare bare-checked BareRelay "$bare_checked_port" check
    start_bare bare-channels BareChannelRelay "$bare_channels_port"
    start_bare bare-channels-checked BareChannelRelay "$bare_channels_checked_port" check
  fi
  if $portkey; then
    (cd "$here" && [ -d node_modules/@portkey-ai/gateway ] || npm install --silent --no-save @portkey-ai/gateway@1.15.2 >/dev/null)
    PORT=$portkey_port node "$here/node_modules/@portkey-ai/gateway/build/start-server.js" --port=$portkey_port \
      > "$out/portkey.log" 2>&1 &
    procs[portkey]=$!; pids+=($!)
    wait_port "$portkey_port"
    targets+=" portkey"
  fi
  wait_port "$upstream_port"; wait_port "$easel_port"
  # The bootstrap key has no budget, so its requests hold nothing and are charged at the end (one ledger
  # transaction); a key with a budget also holds its maximum price before the upstream is called.
  budget_key="$("$root/easel" keys create --name bench-budget --budget-usd 1000000 --data-dir "$data" \
    --config "$data/easel.yaml" 2>/dev/null)"
  warm_easel() { # connections
    measure "http://127.0.0.1:$easel_port/v1/images/generations" "$1" $BENCH_API_KEY ""
    measure "http://127.0.0.1:$easel_port/v1/images/generations" "$1" "$budget_key" ""
  }
  # Warm up the JITs before measuring, at each number of connections measured, the most first: the
  # paths that only many connections take (writes that wait, a cut connection's failure at a cell's
  # end) get compiled anew when first taken: C2 took up to a sixth of Easel's CPU in 64-connection
  # cells after 40 s of the same load (docs/PERFORMANCE.md, round 19). Each JVM gets traffic until its
  # JIT is quiet, up to $warmup seconds in all.
  warm_all() { # pid command...
    local pid=$1 c total=0
    shift
    for c in $(tr ' ' '\n' <<<"$conns" | grep . | sort -rn); do
      warm_jit "$pid" $(( warmup - total )) "$@" "$c"
      total=$(( total + warmed ))
    done
    warmed=$total
  }
  warm_all "${procs[easel]}" warm_easel
  echo "bench: Easel warmed for $warmed s ($kb KB)" >&2
  check_latencies=no duration=10 measure "http://127.0.0.1:$upstream_port/v1/images/generations" 4 "" "" >/dev/null
  if $bare; then
    for t in bare bare-checked bare-channels bare-channels-checked; do
      warm_all "${procs[$t]}" measure_target "$t"
    done
  fi
  for c in $conns; do
    declare -A rps=() p50=() p99=() bad=() cpu=() jit=() switches=() machine=()
    for run in $(seq 1 "$runs"); do
      for t in $targets; do
        # At one connection wrk's latencies contradicted its own count (mean x requests several times
        # the cell's length) when the target's first answers on new connections were slow, as after
        # sitting idle through the other targets' cells; a second of the same load first avoids that.
        check_latencies=no duration=1 measure_target "$t" "$c" >/dev/null
        read -r cpu_before switches_before <<<"$(usage_of ${procs[$t]})"
        jit_before="$(jit_ms ${procs[$t]%% *})"
        machine_before="$(machine_ms)"
        line="$(measure_target "$t" "$c")"
        machine_after="$(machine_ms)"
        read -r r a b n <<<"$line"
        read -r cpu_after switches_after <<<"$(usage_of ${procs[$t]})"
        jit_after="$(jit_ms ${procs[$t]%% *})"
        rps[$t]+="$r "; p50[$t]+="$a "; p99[$t]+="$b "; bad[$t]+="$n "
        cpu[$t]+="$(per_request "$cpu_before" "$cpu_after" "$r" 2) "
        jit[$t]+="$(per_request "$jit_before" "$jit_after" "$r" 2) "
        switches[$t]+="$(per_request "$switches_before" "$switches_after" "$r" 1) "
        machine[$t]+="$(per_request "$machine_before" "$machine_after" "$r" 2) "
      done
    done
    for t in $targets; do
      echo "| ${kb} KB | $c | $t | $(tr ' ' '\n' <<<"${rps[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${p50[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${p99[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${bad[$t]}" | grep . | sort -g | tail -1) | $(tr ' ' '\n' <<<"${cpu[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${jit[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${switches[$t]}" | grep . | median) | $(tr ' ' '\n' <<<"${machine[$t]}" | grep . | median) |" >> "$results"
    done
    unset rps p50 p99 bad cpu jit switches machine
  done
  cleanup; pids=(); unset procs
  sleep 1
done
cat "$results"
