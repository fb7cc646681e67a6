#!/usr/bin/env bash
# Keys, limits and ledger overhead on SQLite at a steady request rate.
# Usage: bench/ledger/run.sh [requests-per-second=500] [seconds=10] [runs=5] [usage rows to start with=0]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/jdk.sh
JAVA_HOME="$(find_jdk)"
export JAVA_HOME
./mvnw -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/easel.jar:target/lib/*" \
    bench/ledger/LedgerOverhead.java "$@"
