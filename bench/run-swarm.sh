#!/usr/bin/env bash
# Swarm: join time of a new peer; remote send throughput and ask latency between two peer
# processes on loopback, side by side with the same workloads between two actors of one JVM.
# Usage: bench/run-swarm.sh   (sizes: -Dbench.joins=, -Dbench.messages=, -Dbench.asks=,
# -Dbench.rounds=, -Dbench.warmup= in BENCH_JAVA_OPTS). Binds 127.0.0.1 only, tcp: discovery.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
# Hazelcast's opens (the runnable peer jar carries them in its manifest); the host peer process
# is started with these same flags.
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
opens="$opens --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED"
opens="$opens --add-opens=java.management/sun.management=ALL-UNNAMED"
opens="$opens --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"
opens="$opens --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
BENCH_JAVA_OPTS="-Xmx1g -Djava.net.preferIPv4Stack=true $opens ${BENCH_JAVA_OPTS:-}" \
  bench_java dev.simplex.bench.swarm.SwarmBench
