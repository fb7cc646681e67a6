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

# CPU time (ms) of a JVM's JIT compilers (its C1 and C2 threads), from /proc; 0 for any other process.
jit_ms() { # pid
  local task ticks=0
  for task in /proc/"$1"/task/*; do
    # A thread may end between the listing and the read.
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]" CompilerThre"* ]] &&
      ticks=$(( ticks + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13 + 0}') ))
  done
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# Runs the command after $1 (a JVM's pid) and $2 (seconds at most) in rounds until that JVM's JIT is
# quiet: its compilers took under 2 % of its CPU in a round. (Counting compiled methods was not enough:
# a few large C2 compilations of the request path can take seconds on 2 cores.) Sets $warmed to the
# seconds it took; with $2 at 0 or below it runs no round.
warm_jit() {
  local pid=$1 limit=$2 start=$SECONDS cpu_before cpu_after jit_before jit_after
  shift 2
  while (( SECONDS - start < limit )); do
    read -r cpu_before _ <<<"$(usage_of "$pid")"; jit_before=$(jit_ms "$pid")
    check_latencies=no duration=$(( limit < 10 ? limit : 10 )) "$@" >/dev/null
    read -r cpu_after _ <<<"$(usage_of "$pid")"; jit_after=$(jit_ms "$pid")
    (( (jit_after - jit_before) * 50 < cpu_after - cpu_before )) && break
  done
  warmed=$(( SECONDS - start ))
}

# Say where a benchmark script stopped, so a failed CI smoke explains itself.
trap 'echo "bench: $0 stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
