#!/usr/bin/env bash
# Serving hosted images: wrk GETs on one signed image link served by Easel, next to nginx serving the
# same file from the same directory on loopback, side by side in one run (see docs/PERFORMANCE.md).
#
#   bench/files/run.sh          1, 16 and 64 connections, 10 s each, 3 runs; medians
#   bench/files/run.sh smoke    a few seconds: proves the harness works; the numbers mean nothing
#
# Results: a Markdown table on stdout and in bench/files/target/results.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/bench/lib.sh"
java="$(find_jdk)/bin/java"
mode="${1:-full}"
out="$here/target"
mkdir -p "$out"
case "$mode" in
  smoke) conns="1 4"; duration=2; runs=1 ;;
  *) conns="1 16 64"; duration=10; runs=3 ;;
esac

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
"$root/easel" build

pids=()
tmp="$(mktemp -d)"
cleanup() {
  for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done
  [[ -f "$tmp/nginx.pid" ]] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  sleep 0.5; rm -rf "$tmp"
}
trap cleanup EXIT

key=$BENCH_API_KEY
easel_port="$(free_port)"
EASEL_LOG_LEVEL=WARN EASEL_API_KEY=$key EASEL_ADMIN_KEY=$BENCH_ADMIN_KEY EASEL_JAVA_OPTS="-Xmx1g" \
  "$root/easel" serve --port "$easel_port" --data-dir "$tmp/data" > "$out/easel.log" 2>&1 &
pids+=($!)
wait_port "$easel_port"

# One hosted image from the built-in renderer.
url="$(curl -sf "http://127.0.0.1:$easel_port/v1/images/generations" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/json' \
  -d '{"model":"dall-e-3","prompt":"a paper boat on calm water at sunrise","response_format":"url"}' |
  sed -E 's/.*"url":"([^"]+)".*/\1/')"
path="/${url#*://*/}"
file="$(ls "$tmp/data/images" | head -1)"
bytes="$(stat -c %s "$tmp/data/images/$file")"
curl -sf -o /dev/null "http://127.0.0.1:$easel_port$path"

nginx_port="$(free_port)"
# As root, nginx workers would switch to a user that cannot read the private temp directory.
user_line=""; [[ $EUID == 0 ]] && user_line="user root;"
cat > "$tmp/nginx.conf" <<CONF
$user_line
daemon on;
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { image/png png; image/jpeg jpg; image/webp webp; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/data/images;
  }
}
CONF
"$nginx_bin" -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log"
wait_port "$nginx_port"
curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/$file"

measure() { # url connections -> "req/s p50_ms p99_ms non2xx"
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d"${duration}s" --latency "$1" 2>&1 |
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         /Requests\/sec/ {rps=$2} / 50%/ {p50=ms($2)} / 99%/ {p99=ms($2)} /Non-2xx/ {bad=$NF}
         END {printf "%s %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}'
}

measure "http://127.0.0.1:$easel_port$path" 4 >/dev/null # warm up the JIT
{
  echo "Image: $file, $bytes bytes"
  echo
  echo "| conns | target | req/s | p50 ms | p99 ms | non-2xx | Easel / nginx req/s |"
  echo "|---|---|---|---|---|---|---|"
} > "$out/results.md"
for c in $conns; do
  declare -A rps=() p50=() p99=() bad=()
  for _ in $(seq 1 "$runs"); do
    for t in nginx easel; do
      case "$t" in
        nginx) line="$(measure "http://127.0.0.1:$nginx_port/$file" "$c")" ;;
        easel) line="$(measure "http://127.0.0.1:$easel_port$path" "$c")" ;;
      esac
      read -r r a b n <<<"$line"
      rps[$t]+="$r "; p50[$t]+="$a "; p99[$t]+="$b "; bad[$t]+="$n "
    done
  done
  m() { tr ' ' '\n' <<<"$1" | grep . | median; }
  ratio="$(awk -v e="$(m "${rps[easel]}")" -v n="$(m "${rps[nginx]}")" 'BEGIN {printf "%.2f", (n > 0 ? e / n : 0)}')"
  for t in nginx easel; do
    echo "| $c | $t | $(m "${rps[$t]}") | $(m "${p50[$t]}") | $(m "${p99[$t]}") | $(tr ' ' '\n' <<<"${bad[$t]}" | grep . | sort -g | tail -1) | $([[ $t == easel ]] && echo "$ratio" || echo "-") |" >> "$out/results.md"
  done
  unset rps p50 p99 bad
done
cat "$out/results.md"
