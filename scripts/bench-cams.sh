#!/usr/bin/env bash
# `dmtl infer --cams` against plain `dmtl infer`, measured in one run (docs/BENCHMARKS.md,
# "Saliency maps in the pipeline"): the same N faces, the two commands alternated REPEATS times so
# that a change of machine load hits both alike. Prints, per run, the command's wall seconds and
# the pipeline's own (manifest wall_seconds), then the median of each and their ratio.
#
#   scripts/bench-cams.sh [WORK]    N=1000 REPEATS=3 DATA=../shared/data/utkface METHOD=cam
# Not a test: minutes; run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/runs/bench-cams}"
n="${N:-1000}"
repeats="${REPEATS:-3}"
method="${METHOD:-cam}"
data="${DATA:-$root/../shared/data/utkface}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (set DATA=path/to/UTKFace)" >&2; exit 2; }
mkdir -p "$work"
work="$(cd "$work" && pwd)"
data="$(cd "$data" && pwd)"
ls "$data" | grep -E "\.jpg$" | sort | awk -v n="$n" "NR <= n" | sed "s|^|$data/|" >"$work/inputs.txt"
now() { date +%s.%N; }
run() { # name extra-args...: one dmtl infer, prints "name wall pipeline"
  local name="$1" t0 t1 out="$work/out-$1"
  shift
  t0=$(now)
  "$root/dmtl" infer --input-list "$work/inputs.txt" -o "$out" --overwrite "$@" >"$work/$name.log" 2>&1
  t1=$(now)
  local pipeline
  pipeline=$(grep -o '"wall_seconds" *: *[0-9.]*' "$out/manifest.json" | grep -o '[0-9.]*$')
  echo "$name $(echo "$t1 - $t0" | bc -l | xargs printf '%.2f') $pipeline"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $n faces, method $method"
"$root/dmtl" infer --input-list "$work/inputs.txt" -o "$work/warmup" --overwrite >/dev/null 2>&1
: >"$work/results.txt"
for i in $(seq 1 "$repeats"); do
  run plain | tee -a "$work/results.txt"
  run cams --cams --cam-method "$method" | tee -a "$work/results.txt"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for col in 2 3; do
  p=$(awk -v c=$col '$1=="plain" {print $c}' "$work/results.txt" | median)
  c=$(awk -v c=$col '$1=="cams" {print $c}' "$work/results.txt" | median)
  label=$([[ $col == 2 ]] && echo "command wall" || echo "pipeline (manifest)")
  echo "$label: median plain ${p} s, --cams ${c} s, ratio $(echo "$c / $p" | bc -l | xargs printf '%.3f')"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
