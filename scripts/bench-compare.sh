#!/usr/bin/env bash
# Benchmark of `dmtl compare` (docs/BENCHMARKS.md). Usage, from the repository root:
#   scripts/bench-compare.sh --rows 1000000 --resamples 200
#   scripts/bench-compare.sh --rows 2000 --resamples 10 --repeat 1     # smoke size, ~1 min after the build
# Runs on 2 cores and a 4 GB heap (BENCH_HEAP=3g for less), the target machine. Extra arguments go to
# dev.dmtl.audit.bench.CompareBenchmark (--dir, --threads, --repeat, --with-audit). It stays in the audit
# module's test sources because its data generator (SyntheticRun) is test code.
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor build with -am: the audit module's dependencies come from this checkout, not from a
# local repository that a fresh clone does not have.
if ! build_log=$(nice -n 10 mvn -B -q -pl audit -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/audit-bench.classpath 2>&1); then
  echo "$build_log" >&2
  echo "$(basename "$0"): building the audit module failed (output above)" >&2
  exit 1
fi
CP="audit/target/test-classes:audit/target/classes:$(cat audit/target/audit-bench.classpath)"
exec java -Xmx"${BENCH_HEAP:-4g}" -XX:ActiveProcessorCount=2 -cp "$CP" dev.dmtl.audit.bench.CompareBenchmark --dir audit/target/bench "$@"
