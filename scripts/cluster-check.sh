#!/usr/bin/env bash
# Same job on a real Flink cluster and on embedded Flink; the outputs must be equal on content.
# Starts a session cluster (scripts/flink-cluster.sh: 1 JobManager + 2 TaskManagers on 127.0.0.1),
# runs `dmtl infer` over the bundled sample and the bad-input fixtures on it, runs the same on
# embedded Flink, compares (`dmtl-tools check-outputs compare`), stops the cluster.
#
#   scripts/cluster-check.sh [WORK]        default WORK: runs/cluster-check
#
# Not a CI test: it takes 2-4 minutes on 2 cores. Exit 0 when both runs succeed and agree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/runs/cluster-check}"
port="${REST_PORT:-18081}"
jar="$root/cli/target/dmtl.jar"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -pl cli -am -DskipTests package)
# shellcheck source=lib/tools-classpath.sh
source "$root/scripts/lib/tools-classpath.sh"
tools_cp="$(tools_classpath "$root")"

cluster="$work/cluster"
trap '"$root/scripts/flink-cluster.sh" stop "$cluster" >/dev/null 2>&1 || true' EXIT
REST_PORT="$port" "$root/scripts/flink-cluster.sh" start "$cluster"

inputs=("$root/testdata/utkface-sample" "$root/testdata/bad")
run() { # name extra-args...
  local name="$1" start
  shift
  start=$(date +%s.%N)
  if ! "$root/dmtl" infer -q -p 2 -o "$work/$name" --overwrite "$@" "${inputs[@]}" >"$work/$name.log" 2>&1; then
    echo "cluster-check: the $name run failed:" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi
  printf 'cluster-check: %-8s %s (%.1f s wall)\n' "$name" "$(grep '^dmtl infer:' "$work/$name.log" || true)" \
    "$(echo "$(date +%s.%N) - $start" | bc)"
}
run cluster --runner flink --flink-master "127.0.0.1:$port"
run embedded --runner flink

java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$tools_cp" dev.dmtl.tools.DmtlTools check-outputs compare \
  "$work/cluster" "$work/embedded"
