# Shared pieces of the benchmark scripts; sourced after scripts/jdk.sh.

# Keys the benchmarks start Easel with (bootstrap keys, so no first-start output is needed).
BENCH_API_KEY=sk-easel-bench-key-000000000001
BENCH_ADMIN_KEY=sk-easel-bench-admin-00000000001

# Waits until something listens on 127.0.0.1:$1 (30 s at most).
wait_port() { for _ in $(seq 1 150); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }

# A random free port below Linux's ephemeral range (32768+), so the thousands of client sockets an
# earlier run left in TIME_WAIT can never hold it.
free_port() {
  local p
  while :; do p=$(( 10000 + RANDOM % 20000 )); (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}

# The median of the numbers on stdin, one a line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

# Writes $1/easel.yaml: one OpenAI channel for gpt-image-2 pointing at the fake upstream on port $2.
upstream_config() {
  cat > "$1/easel.yaml" <<YAML
channels:
  - name: bench-upstream
    type: openai
    base_url: http://127.0.0.1:$2/v1
    api_key_env: BENCH_UPSTREAM_KEY
    models: [gpt-image-2, dall-e-3]
YAML
}

# CPU time (ms, user and system, every thread's) and context switches (voluntary and not, summed over
# the threads alive now) of the processes given by pid, from /proc: "cpu_ms switches".
usage_of() {
  local ticks=0 switches=0 pid
  for pid in "$@"; do
    ticks=$(( ticks + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}') ))
    # A thread may end between the listing and the read: what is left is summed.
    switches=$(( switches + $({ cat /proc/"$pid"/task/*/status 2>/dev/null || true; } |
      awk '/ctxt_switches/ {s += $2} END {print s + 0}') ))
  done
  echo "$(( ticks * 1000 / $(getconf CLK_TCK) )) $switches"
}

# Runs the command after $1 (a JVM's pid) and $2 (seconds at most) in 10 s rounds until that JVM's JIT
# is quiet: fewer than 20 methods compiled in a round. Sets $warmed to the seconds it took.
warm_jit() {
  local pid=$1 limit=$2 start=$SECONDS before after
  shift 2
  local jstat; jstat="$(find_jdk)/bin/jstat"
  before=$("$jstat" -compiler "$pid" | awk 'NR == 2 {print $1}')
  while (( SECONDS - start < limit )); do
    check_latencies=no duration=$(( limit < 10 ? limit : 10 )) "$@" >/dev/null
    after=$("$jstat" -compiler "$pid" | awk 'NR == 2 {print $1}')
    (( after - before < 20 )) && break
    before=$after
  done
  warmed=$(( SECONDS - start ))
}

# Say where a benchmark script stopped, so a failed CI smoke explains itself.
trap 'echo "bench: $0 stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
