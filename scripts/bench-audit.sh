#!/usr/bin/env bash
# Benchmark of `dmtl audit` (docs/BENCHMARKS.md). Usage, from the repository root:
#   scripts/bench-audit.sh --rows 1000000 --resamples 200
#   scripts/bench-audit.sh --rows 2000 --resamples 10 --repeat 1      # smoke size, ~1 min after the build
# Runs on 2 cores and a 4 GB heap (BENCH_HEAP=3g for less), the issue's target machine. Extra
# arguments go to dev.dmtl.audit.bench.AuditBenchmark (--dir, --threads, --probabilities, --repeat).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/audit-bench.sh
source scripts/lib/audit-bench.sh
audit_bench_java dev.dmtl.audit.bench.AuditBenchmark "$@"
