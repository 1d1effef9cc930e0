# shellcheck shell=bash
# Sourced by the scripts that run dmtl-tools (the tools module). Not run on its own.
#
# tools_classpath ROOT: prints a classpath of jars (the tools jar, the product modules' jars, their
# dependencies) for `java -cp … dev.dmtl.tools.DmtlTools`. Builds the tools module and the modules it
# needs first, unless DMTL_TOOLS_BUILD=off and a classpath from an earlier build exists. Jars only,
# no class folders, so class-data-sharing archives can be made from it (scripts/benchmark.sh).
# The build prints nothing unless it fails; then its output and one line go to stderr.
tools_classpath() {
  local root="$1"
  local cp_file="$root/tools/target/dmtl-tools.classpath"
  local log
  if [[ "${DMTL_TOOLS_BUILD:-on}" != off || ! -s "$cp_file" ]]; then
    # -am: the product modules are built from this checkout, never taken from a local repository
    # (nothing is installed there); not offline, so a fresh clone with an empty ~/.m2 downloads
    # what it needs. -DskipTests, not maven.test.skip: the tests are compiled but not run, because
    # skipping their compilation also skips the test jars (parquet's) that other modules' test
    # scope names, and Maven resolves that scope even when it runs no test.
    if ! log=$(cd "$root" && nice -n 10 mvn -B -q -pl tools -am package -DskipTests \
        dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/dmtl-tools.classpath 2>&1); then
      echo "$log" >&2
      echo "$(basename "$0"): building the tools module failed (mvn -pl tools -am package; output above)" >&2
      return 1
    fi
  fi
  echo "$root/tools/target/dmtl-tools.jar:$(cat "$cp_file")"
}
