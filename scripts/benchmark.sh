#!/usr/bin/env bash
# Pipeline (embedded Flink) vs plain Java loop on UTKFace crops from ../shared, one JVM per size so
# peak memory compares across sizes. Not a test: run it on an otherwise idle machine.
#
#   scripts/benchmark.sh [SIZES...]          default: 2000 20000
#   MODEL=path.onnx BATCH=32 THREADS=2 HEAP=4g CDS=on scripts/benchmark.sh 2000
#
# Prints one JSON report and one markdown table row per size; reports go to runs/bench/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/dmtl.jar"
data="${DATA:-$root/../shared/data/utkface}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (UTKFace is not shipped; set DATA=path/to/UTKFace)" >&2; exit 2; }
batch="${BATCH:-32}"
threads="${THREADS:-$(nproc)}"
heap="${HEAP:-4g}"
out="$root/runs/bench"
mkdir -p "$out"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -DskipTests package)
model_args=()
[[ -n "${MODEL:-}" ]] && model_args=(--model "$MODEL")
# Class-data sharing as ./dmtl uses it: one small run records the classes into an archive, the
# measured runs map it. CDS=off measures without.
cds_opt=()
if [[ "${CDS:-on}" != off ]]; then
  archive="$out/cds-$(stat -c '%s-%Y' "$jar").jsa"
  if [[ ! -f "$archive" ]]; then
    java -Xmx"$heap" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -Dai.djl.offline=true \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$jar" dev.dmtl.pipeline.bench.PipelineVsLoop \
      --data "$data" --images 100 --batch-size "$batch" --threads "$threads" "${model_args[@]}" \
      --work "$out/cds-warmup" --report "$out/cds-warmup.json" >/dev/null
  fi
  cds_opt=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000 20000)
echo "| images | batch | threads | loop img/s (before, after) | pipeline img/s | pipeline / loop | peak heap loop / pipeline | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  java -Xmx"$heap" "${cds_opt[@]}" -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.flink=error -Dorg.slf4j.simpleLogger.log.ai.djl=error \
    -cp "$jar" dev.dmtl.pipeline.bench.PipelineVsLoop \
    --data "$data" --images "$n" --batch-size "$batch" --threads "$threads" "${model_args[@]}" \
    --work "$out" --report "$out/report-$n.json" | tail -1
done
