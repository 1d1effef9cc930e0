#!/usr/bin/env bash
# Runs one of the face-detection developer tools in dev.dmtl.inference.face.detect.eval:
#   scripts/face-detect-tool.sh WildDetectionEvaluation ../shared/data/wild
#   scripts/face-detect-tool.sh FaceTemplateEstimator ../shared/data/utkface 2000 docs/face-template-utkface.json
#   scripts/face-detect-tool.sh AlignmentCheck testdata/utkface-sample docs/face-template-utkface.json
#   scripts/face-detect-tool.sh DetectionThroughput ../shared/data/wild docs/face-template-utkface.json 240
#   scripts/face-detect-tool.sh AlignmentFaithfulness path/to/model.onnx testdata/utkface-sample
# Builds inference (and what it needs) offline first; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
tool="$1"; shift
cp_file="$PWD/inference/target/face-detect-tool.classpath"
if ! build_log=$(nice -n 10 mvn -B -o -q -Dstyle.color=never -pl inference -am compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime 2>&1); then
  echo "$build_log" >&2
  exit 1
fi
exec nice -n 10 java -Dai.djl.offline=true -cp "inference/target/classes:$(cat "$cp_file")" \
  "dev.dmtl.inference.face.detect.eval.$tool" "$@"
