#!/usr/bin/env bash
# Failover: three peer processes on loopback; the one hosting more checkpointing counters is
# SIGKILLed (crash) or SIGSTOPped (hang); time from the signal to the first message a restored
# counter serves on a survivor (goals: 2 s after SIGKILL, 5 s after SIGSTOP).
# Usage: bench/run-failover.sh   (-Dbench.runs= in BENCH_JAVA_OPTS, default 3 per signal).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
swarm_java dev.simplex.bench.swarm.FailoverBench
