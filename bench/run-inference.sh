#!/usr/bin/env bash
# AI pool: 256 concurrent embed callers through the batching pool vs one text per forward pass vs
# perfect batches of 32, then latency at half load. Built-in model simplex-embed on the CPU.
# Usage: bench/run-inference.sh [CACHE_DIR]   (default bench/target/models; the model is generated there once)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
# java.nio opened to Arrow as the peer's flags do (design.md, "JVM flags"): batches reach the model
# as views of Arrow memory instead of copies.
BENCH_JAVA_OPTS="-Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED ${BENCH_JAVA_OPTS:-}" bench_java dev.simplex.bench.inference.InferenceBench \
  "${1:-bench/target/models}"
