#!/usr/bin/env bash
# Language benchmark: Simplex vs CPython vs Lua (LuaJ) vs Java, side by side in one run.
# Usage: bench/run-languages.sh [fib,loop,...]   (prints a Markdown table; bench/README.md keeps the last one)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
BENCH_JAVA_OPTS="-Xss16m ${BENCH_JAVA_OPTS:-}" bench_java \
  dev.simplex.bench.lang.LanguageBench bench/programs "${1:-fib,loop,nbody,bintrees,strings,wordcount}"
