#!/usr/bin/env bash
# Actors: the Simplex runtime core, the same workloads as Simplex programs, and Apache Pekko typed,
# side by side in one run: each workload in a fresh JVM (-Dbench.fork=false: all in this one);
# then heap per idle actor, each runtime in a fresh JVM with -Xmx512m.
# Usage: bench/run-actors.sh   (sizes: -Dbench.pingpong=, -Dbench.senders=, ... in BENCH_JAVA_OPTS;
# -Dbench.only=pingpong,fanin,many picks workloads; -Dbench.warmupMillis= the least warm-up)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
BENCH_JAVA_OPTS="-Xmx2g ${BENCH_JAVA_OPTS:-}" bench_java dev.simplex.bench.actors.ActorBench
