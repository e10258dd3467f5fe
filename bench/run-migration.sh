#!/usr/bin/env bash
# Migration: an actor with 1 KiB, 100 KiB and 1 MiB of state moving back and forth between two
# peer processes on loopback; p50/p90/p99 of the move time as its initiator sees it.
# Usage: bench/run-migration.sh   (-Dbench.moves=, -Dbench.warmup= in BENCH_JAVA_OPTS).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
swarm_java dev.simplex.bench.swarm.MigrationBench
