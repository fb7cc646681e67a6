# Finds a JDK 21 or newer; sourced by ./easel, .ci/run and the benchmark scripts.
# After sourcing, `find_jdk` prints the JDK's home (JAVA_HOME when it qualifies, else the newest one found).

java_major() {
  # Prints the feature version of the JDK whose java binary is given (17, 21, 25...), or 0. Reads the
  # JDK's `release` file, as starting a JVM for each candidate took half a second; asks the JVM only
  # when that file is missing.
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [[ -f "$release" ]]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release")"
  fi
  if [[ -z "${v:-}" ]]; then
    v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    v="${v%%.*}"
  fi
  echo "${v:-0}"
}

find_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    echo "$JAVA_HOME"
    return
  fi
  local candidates=()
  local j
  for j in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$j" ]] && candidates+=("$j")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local best="" best_major=0 home major
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    major="$(java_major "$home/bin/java")"
    if (( major >= 21 && major > best_major )); then best="$home"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    echo "easel: no JDK 21 or newer found. Install one, or set JAVA_HOME to it." >&2
    exit 1
  fi
  echo "$best"
}

jdk_version() {
  # Prints the full version of the JDK at the given home (25.0.3...) from its `release` file, or nothing.
  [[ -f "$1/release" ]] && sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$1/release"
  return 0
}
