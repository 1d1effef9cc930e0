#!/usr/bin/env bash
# The face-detection developer tools of scripts/dmtl-tools.sh under their old names, run from the
# repository root (relative paths are taken from there), for the commands in docs/MODEL_CARD.md and
# older notes:
#   scripts/face-detect-tool.sh WildDetectionEvaluation ../shared/data/wild          (dmtl-tools wild-detection)
#   scripts/face-detect-tool.sh FaceTemplateEstimator ../shared/data/utkface 2000 docs/face-template-utkface.json
#                                                                                      (face-template)
#   scripts/face-detect-tool.sh AlignmentCheck testdata/utkface-sample docs/face-template-utkface.json
#                                                                                      (alignment-check)
#   scripts/face-detect-tool.sh DetectionThroughput ../shared/data/wild docs/face-template-utkface.json 240
#                                                                                      (detection-throughput)
#   scripts/face-detect-tool.sh AlignmentFaithfulness path/to/model.onnx testdata/utkface-sample
#                                                                                      (alignment-faithfulness)
# The new names work too. Builds the tools module first (see scripts/dmtl-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -gt 0 ]] || { echo "$(basename "$0"): name a tool, e.g. WildDetectionEvaluation ../shared/data/wild (scripts/dmtl-tools.sh --help lists them)" >&2; exit 2; }
exec nice -n 10 scripts/dmtl-tools.sh "$@"
