# Shared by bench/run-*.sh: find a JDK and Maven, build the bench module and what it needs.
# Sourced, not executed. SIMPLEX_BENCH_SKIP_BUILD=1 reuses an existing build (bench/target/lib).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
find_jdk
find_maven
cd "$SIMPLEX_ROOT"

bench_build() {
  if [ "${SIMPLEX_BENCH_SKIP_BUILD:-0}" = 1 ] && [ -d bench/target/lib ]; then return 0; fi
  mvn -B -q -DskipTests -pl bench -am install >&2
}

# bench_java MAIN_CLASS [ARGS...]: runs a benchmark main with the module's classpath and the flags
# the runtime modules ask for (design.md, "JVM flags").
bench_java() {
  local unsafe=""
  # Arrow's Unsafe use warns from JDK 23 on; the flag does not exist before.
  if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then unsafe="--sun-misc-unsafe-memory-access=allow"; fi
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED $unsafe \
    -cp "bench/target/classes:bench/target/lib/*" "$@"
}
