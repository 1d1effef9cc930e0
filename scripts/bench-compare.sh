#!/usr/bin/env bash
# Benchmark of `dmtl compare` (docs/BENCHMARKS.md, "Comparing two runs"). Usage, from the
# repository root:
#   scripts/bench-compare.sh --rows 1000000 --resamples 200 --with-audit
#   scripts/bench-compare.sh --rows 2000 --resamples 10 --repeat 1     # smoke size, ~1 min after the build
# Runs on 2 cores and a 4 GB heap (BENCH_HEAP=3g for less). Extra arguments go to
# dev.dmtl.audit.bench.CompareBenchmark (--dir, --threads, --repeat, --with-audit).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/audit-bench.sh
source scripts/lib/audit-bench.sh
audit_bench_java dev.dmtl.audit.bench.CompareBenchmark "$@"
