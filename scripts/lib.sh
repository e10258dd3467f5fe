# Shared by the entry points in scripts/: find a JDK >= 21 and Maven, build what is missing.
# Sourced, not executed.

SIMPLEX_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# java_major JAVA_BIN: prints the feature version (17, 21, 25...) or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# find_jdk: sets JAVA_HOME to a JDK >= 21 (JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm).
find_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then export JAVA_HOME; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ -z "$best" ]; then
    echo "simplex: no JDK 21 or newer found (checked JAVA_HOME and /usr/lib/jvm)." >&2
    echo "simplex: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# find_maven: Maven on PATH, else install Debian's package when we are allowed to.
find_maven() {
  if command -v mvn >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "simplex: Maven not found; installing Debian's maven package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven) >&2 || true
  fi
  command -v mvn >/dev/null 2>&1 || {
    echo "simplex: Maven (mvn) is needed to build; install it, e.g. 'apt-get install maven'." >&2
    return 1
  }
}

# find_test_tools: the multi-host tests read peers' admin endpoints with curl inside the network
# namespaces they create; install it when root and missing (they skip, saying so, without it).
find_test_tools() {
  if command -v curl >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "simplex: curl not found; installing Debian's curl package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl) >&2 || true
  fi
  return 0
}

PEER_JAR="$SIMPLEX_ROOT/peer/target/simplex-peer.jar"

# jar_is_stale: true when the runnable jar is missing or older than any source or pom.
jar_is_stale() {
  [ -f "$PEER_JAR" ] || return 0
  [ -n "$(find "$SIMPLEX_ROOT" -path "$SIMPLEX_ROOT/bench" -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$PEER_JAR" -print -quit)" ]
}

# build_peer_jar: builds peer/target/simplex-peer.jar (and lib/) when it is missing or stale.
build_peer_jar() {
  if jar_is_stale; then
    echo "simplex: building (first run or sources changed)..." >&2
    (cd "$SIMPLEX_ROOT" && mvn -B -q -DskipTests -pl peer -am install) >&2 || {
      echo "simplex: build failed; see the Maven output above." >&2
      return 1
    }
  fi
}
