#!/usr/bin/env bash
# Language benchmark: Simplex vs CPython vs Lua (LuaJ) vs Java, side by side in one run.
# Usage: bench/run-languages.sh [fib,loop,...]   (prints a Markdown table; bench/README.md keeps the last one)
# Each JVM-hosted measurement (Simplex interpreter, Simplex JIT, LuaJ, Java) of each program runs in its
# own fresh JVM started by LanguageBench with these flags: unrecorded runs until at least -Dbench.warmup=N
# runs (default 3) and -Dbench.warmupSeconds=S (default 5) have passed, then best of -Dbench.runs=N timed
# runs (default 5). CPython runs in its own process and times itself (best of the same N).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
BENCH_JAVA_OPTS="-Xss16m ${BENCH_JAVA_OPTS:-}" bench_java \
  dev.simplex.bench.lang.LanguageBench bench/programs "${1:-fib,loop,nbody,bintrees,strings,wordcount}"
