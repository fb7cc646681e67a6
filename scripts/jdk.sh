# Finds a JDK 21 or newer; sourced by ./easel, .ci/run and the benchmark scripts.
# After sourcing, `find_jdk` prints the JDK's home (JAVA_HOME when it qualifies, else the newest one found).

java_major() {
  # Prints the feature version of the given java binary (17, 21, 25...), or 0.
  local v
  v="$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  echo "${v:-0}" | cut -d. -f1
}

find_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
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
