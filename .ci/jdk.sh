# Sourced by .ci/run and the run-* scripts: finds JDKs without hard-coding a path.
# find_jdk MIN [MAX] prints the home of a JDK whose feature version is in [MIN, MAX].
find_jdk() {
  local min=$1 max=${2:-999} c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
    v=${v#1.}
    [ -n "$v" ] || continue
    if [ "$v" -ge "$min" ] && [ "$v" -le "$max" ]; then
      (cd "$c" && pwd -P)
      return 0
    fi
  done
  return 1
}

require_jdk() {
  local home
  if ! home=$(find_jdk "$@"); then
    echo "error: no JDK with feature version in [$1, ${2:-any}] found in JAVA_HOME or /usr/lib/jvm." >&2
    echo "       Install one (e.g. Temurin 25) and/or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "$home"
}
