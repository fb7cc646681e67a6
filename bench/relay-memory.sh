#!/usr/bin/env bash
# Heap allocated per request when Easel relays a 16 MB b64_json upstream answer (see docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" bench/RelayMemoryBench.java "$@"
