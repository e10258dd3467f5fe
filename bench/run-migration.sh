#!/usr/bin/env bash
# Migration: an actor with 1 KiB, 100 KiB and 1 MiB of state moving back and forth between two
# peer processes on loopback; p50/p90/p99 of the move time as its initiator sees it.
# Usage: bench/run-migration.sh   (-Dbench.moves=, -Dbench.warmup= in BENCH_JAVA_OPTS).
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
  bench_java dev.simplex.bench.swarm.MigrationBench
