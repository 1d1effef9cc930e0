# shellcheck shell=bash
# Sourced by scripts/bench-audit.sh and scripts/bench-compare.sh. Not run on its own.
#
# audit_bench_java CLASS ARGS…: builds the audit module with its test classes (the benchmarks stay
# in its test sources because their data generator, SyntheticRun, is test code) and runs CLASS on
# 2 cores and a ${BENCH_HEAP:-4g} heap, the target machine, with --dir audit/target/bench. One
# reactor build with -am: the audit module's dependencies come from this checkout, not from a local
# repository that a fresh clone does not have. The classpath file is written by every module of the
# reactor; audit's is the one used. Run from the repository root.
audit_bench_java() {
  local main="$1"
  shift
  local build_log
  if ! build_log=$(nice -n 10 mvn -B -q -pl audit -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/audit-bench.classpath 2>&1); then
    echo "$build_log" >&2
    echo "$(basename "$0"): building the audit module failed (output above)" >&2
    exit 1
  fi
  local cp="audit/target/test-classes:audit/target/classes:$(cat audit/target/audit-bench.classpath)"
  exec java -Xmx"${BENCH_HEAP:-4g}" -XX:ActiveProcessorCount=2 -cp "$cp" "$main" \
    --dir audit/target/bench "$@"
}
