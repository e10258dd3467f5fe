#!/usr/bin/env bash
# Compile speed: a generated 10,000-line program through `simplex build`, side by side with javac on the same
# program in Java, in one warm JVM. Usage: bench/run-compile.sh   (BENCH_JAVA_OPTS=-Dbench.lines=20000 to resize)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
bench_java dev.simplex.bench.compile.CompileBench
