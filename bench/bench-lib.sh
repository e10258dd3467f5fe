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

# swarm_java MAIN_CLASS: bench_java for benchmarks that start peers (Hazelcast's opens, the same
# flags the runnable peer jar carries in its manifest; child peer processes are started with them).
swarm_java() {
  local opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
  opens="$opens --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
  opens="$opens --add-opens=java.management/sun.management=ALL-UNNAMED"
  opens="$opens --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"
  opens="$opens --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
  BENCH_JAVA_OPTS="-Xmx1g -Djava.net.preferIPv4Stack=true $opens ${BENCH_JAVA_OPTS:-}" bench_java "$@"
}
