#!/usr/bin/env bash
# Checkpoint latency: p50/p99 of a synchronous durable put and of the async Checkpointer
# (capture and durable), states of 1 KB, 100 KB and 1 MB, fresh and incremental; bytes written.
# Usage: bench/run-checkpoints.sh [STORE_DIR]   (default: a new temp directory; its disk is what is measured)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
bench_build
if [ $# -gt 0 ]; then dir="$1"; else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/simplex-ckpt-bench.XXXXXX")"
  trap 'rm -rf "$dir"' EXIT
fi
echo "store on: $(df -T "$dir" | awk 'NR==2 {print $2" "$1}')" >&2
BENCH_JAVA_OPTS="-Xmx2g ${BENCH_JAVA_OPTS:-}" bench_java dev.simplex.bench.checkpoint.CheckpointBench "$dir"
