#!/usr/bin/env bash
# Pipeline (embedded Flink) vs plain Java loop on UTKFace crops from ../shared, one JVM per size so
# peak memory compares across sizes. Not a test: run it on an otherwise idle machine.
#
#   scripts/benchmark.sh [SIZES...]          default: 2000 20000
#   MODEL=path.onnx BATCH=32 THREADS=2 HEAP=4g CDS=on WARM_PIPELINE=on scripts/benchmark.sh 2000
#   CDS=off scripts/benchmark.sh 100           # smoke size: a check that it runs, not a measurement
#
# The harness is `dmtl-tools pipeline-vs-loop` (tools module; built here first, see
# scripts/dmtl-tools.sh). Prints one JSON report and one markdown table row per size; reports go
# to runs/bench/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DATA:-$root/../shared/data/utkface}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (UTKFace is not shipped; set DATA=path/to/UTKFace)" >&2; exit 2; }
# shellcheck source=lib/tools-classpath.sh
source "$root/scripts/lib/tools-classpath.sh"
cp="$(tools_classpath "$root")"
batch="${BATCH:-32}"
threads="${THREADS:-$(nproc)}"
heap="${HEAP:-4g}"
out="$root/runs/bench"
mkdir -p "$out"
model_args=()
[[ -n "${MODEL:-}" ]] && model_args=(--model "$MODEL")
# WARM_PIPELINE=off: no pipeline warm-up run before the measured one (the loop is always warmed up)
[[ "${WARM_PIPELINE:-on}" == off ]] && model_args+=(--cold-pipeline)
# One harness run: harness IMAGES WORK REPORT [JVM options...]
harness() {
  local n="$1" work="$2" report="$3"
  shift 3
  java -Xmx"$heap" "$@" -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.flink=error -Dorg.slf4j.simpleLogger.log.ai.djl=error \
    -cp "$cp" dev.dmtl.tools.DmtlTools pipeline-vs-loop \
    --data "$data" --images "$n" --batch-size "$batch" --threads "$threads" "${model_args[@]}" \
    --work "$work" --report "$report"
}
# Class-data sharing as ./dmtl uses it: one small run records the classes into an archive, the
# measured runs map it. CDS=off measures without. The archive only maps with the very jars it was
# made from, so it is keyed by their names, sizes and times.
quiet_cds=(-Xlog:cds=off -Xlog:cds+dynamic=off)
cds_opt=()
if [[ "${CDS:-on}" != off ]]; then
  archive="$out/cds-$(tr ':' '\n' <<<"$cp" | xargs stat -c '%n %s %Y' | md5sum | cut -c1-16).jsa"
  [[ -f "$archive" ]] || harness 100 "$out/cds-warmup" "$out/cds-warmup.json" \
    -XX:ArchiveClassesAtExit="$archive" "${quiet_cds[@]}" >/dev/null
  cds_opt=(-XX:SharedArchiveFile="$archive" "${quiet_cds[@]}")
fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000 20000)
echo "| images | batch | threads | loop img/s (before, after) | pipeline img/s | pipeline / loop | peak heap loop / pipeline | peak live heap loop / pipeline | peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  harness "$n" "$out" "$out/report-$n.json" "${cds_opt[@]}" | tail -1
done
