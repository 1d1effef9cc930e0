#!/usr/bin/env bash
# Benchmark of `dmtl audit` (docs/BENCHMARKS.md). Usage, from the repository root:
#   scripts/bench-audit.sh --rows 1000000 --resamples 200
# Runs on 2 cores and a 4 GB heap, the issue's target machine. Extra arguments go to
# dev.dmtl.audit.bench.AuditBenchmark (--dir, --threads, --probabilities, --repeat).
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 10 mvn -o -q -pl audit -am test-compile -DskipTests
nice -n 10 mvn -o -q -pl audit dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/audit-bench.classpath
CP="audit/target/test-classes:audit/target/classes:$(cat audit/target/audit-bench.classpath)"
exec java -Xmx4g -XX:ActiveProcessorCount=2 -cp "$CP" dev.dmtl.audit.bench.AuditBenchmark --dir audit/target/bench "$@"
