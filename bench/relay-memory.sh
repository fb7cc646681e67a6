#!/usr/bin/env bash
# Heap allocated per request when Easel relays a 16 MB b64_json upstream answer (see docs/PERFORMANCE.md).
#   bench/relay-memory.sh         3 warm-up and 10 measured requests per delivery
#   bench/relay-memory.sh smoke   1 and 1: proves the harness works
#   BENCH_HEAP=64m bench/relay-memory.sh   the same in a small heap (Easel and the client share it)
# Results on stdout and in target/relay-memory.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
JAVA="$(find_jdk)/bin/java"
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
"$JAVA" --enable-native-access=ALL-UNNAMED "-Xmx${BENCH_HEAP:-1g}" -cp "$CP" bench/RelayMemoryBench.java "$@" | tee target/relay-memory.txt
