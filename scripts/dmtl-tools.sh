#!/usr/bin/env bash
# The developer tools (tools module, not in dmtl.jar): benchmarks, face-detector evaluations and
# output checks, as subcommands of one entry point.
#
#   scripts/dmtl-tools.sh --help                       # the tools and the exit codes
#   scripts/dmtl-tools.sh wild-detection ../shared/data/wild
#   scripts/dmtl-tools.sh check-outputs compare runs/a runs/b
#   DMTL_TOOLS_JAVA_OPTS="-Xmx4g" scripts/dmtl-tools.sh training-speed --steps 20 96:1:1:4
#
# Builds the tools module and the product modules it needs first (mvn -pl tools -am package; several
# minutes on a fresh clone, mostly downloads, then ~30 s), unless DMTL_TOOLS_BUILD=off and it was
# built before. Relative paths are taken from the current folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/tools-classpath.sh
source "$root/scripts/lib/tools-classpath.sh"
cp="$(tools_classpath "$root")"
# DJL PyTorch (training-speed) extracts its natives here once, as the tests do
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dmtl-djl}"
# shellcheck disable=SC2086 # DMTL_TOOLS_JAVA_OPTS is a list of JVM options
exec java ${DMTL_TOOLS_JAVA_OPTS:-} -Dai.djl.offline=true -cp "$cp" dev.dmtl.tools.DmtlTools "$@"
