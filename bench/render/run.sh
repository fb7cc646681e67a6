#!/usr/bin/env bash
# Runs the renderer benchmark. Usage:
#   bench/render/run.sh          full run (several minutes), results in bench/render/target/results.txt
#   bench/render/run.sh smoke    a few seconds: one tiny iteration per benchmark, proves the harness works
#   bench/render/run.sh -- ARGS  passes ARGS to JMH (e.g. -- -p size=1024x1024 -p format=PNG)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/jdk.sh"
export JAVA_HOME="$(find_jdk)"
mode="${1:-full}"
[ "$mode" = "--" ] && shift
"$root/mvnw" -B -q -f "$here/pom.xml" compile dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt"
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
java_bin="$JAVA_HOME/bin/java"
jvm="--enable-native-access=ALL-UNNAMED"
case "$mode" in
  smoke)
    exec "$java_bin" $jvm -cp "$cp" org.openjdk.jmh.Main RenderBenchmark -f 0 -wi 0 -i 1 -r 200ms \
      -p size=256x256 -p format=PNG,JPEG,WEBP -jvmArgs "$jvm" ;;
  full)
    exec "$java_bin" $jvm -cp "$cp" org.openjdk.jmh.Main RenderBenchmark -f 1 -wi 2 -w 2s -i 4 -r 2s \
      -jvmArgs "$jvm" -rf text -rff "$here/target/results.txt" ;;
  *)
    exec "$java_bin" $jvm -cp "$cp" org.openjdk.jmh.Main RenderBenchmark -jvmArgs "$jvm" "$@" ;;
esac
