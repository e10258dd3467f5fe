#!/usr/bin/env bash
# One actor program in one JIT mode for many rounds in one JVM, each round's rate printed: for A/B
# comparisons of two builds (run it in each build's tree in turn, alternating).
# Usage: bench/run-program-rounds.sh off|auto fanin|pingpong|many ROUNDS [program args...]
#   e.g. bench/run-program-rounds.sh off fanin 12 1000 1000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
BENCH_JAVA_OPTS="-Xmx2g ${BENCH_JAVA_OPTS:-}" bench_java dev.simplex.bench.actors.ProgramRounds "$@"
