#!/usr/bin/env bash
# Swarm: join time of a new peer; remote send throughput and ask latency between two peer
# processes on loopback, side by side with the same workloads between two actors of one JVM.
# Usage: bench/run-swarm.sh   (sizes: -Dbench.joins=, -Dbench.messages=, -Dbench.asks=,
# -Dbench.rounds=, -Dbench.warmup= in BENCH_JAVA_OPTS). Binds 127.0.0.1 only, tcp: discovery.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
swarm_java dev.simplex.bench.swarm.SwarmBench
