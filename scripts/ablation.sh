#!/usr/bin/env bash
# Table IV-style ablation of the paper: ordinal vs softmax age loss × learned uncertainty vs fixed
# equal task weights, with the same data subset, schedule, augmentation and seed in every cell.
# Each cell is a `dmtl train` run; the table compares each run's best validation epoch (from its
# history.jsonl), since a softmax-age network cannot be exported as an ordinal DMTL model.
# Not a test: about 35 min per cell at the defaults on 2 cores. Rerunning resumes unfinished cells.
#
#   scripts/ablation.sh [OUT]        default OUT: runs/ablation
#   DATA=path/to/utkface SIZE=64 MAX_TRAIN=8000 EPOCHS=6 LR=0.1 THREADS=1 scripts/ablation.sh
#   MAX_TRAIN=64 MAX_VAL=64 EPOCHS=1 scripts/ablation.sh runs/ablation-smoke   # smoke size, ~3 min: runs, not a result
#
# MAX_VAL (default 0: the whole validation split) caps the images validated after each epoch.
# Prints a markdown table and writes it to OUT/table.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/cli/target/dmtl.jar"
data="${DATA:-$root/../shared/data/utkface}"
out="${1:-$root/runs/ablation}"
size="${SIZE:-64}"
max_train="${MAX_TRAIN:-8000}"
epochs="${EPOCHS:-6}"
lr="${LR:-0.1}"
threads="${THREADS:-1}"
max_val="${MAX_VAL:-0}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (UTKFace is not shipped; set DATA=path/to/UTKFace)" >&2; exit 2; }
command -v jq >/dev/null || { echo "$(basename "$0"): needs jq (apt-get install jq)" >&2; exit 2; }
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -pl cli -am -DskipTests package)
mkdir -p "$out"

train() {
  local cell="$1" age="$2" weighting="$3"
  local run="$out/$cell"
  local args=(--data "$data" --run "$run" --cache "$out/cache")
  if [[ -f "$run/last.ckpt" ]]; then
    args+=(--resume)
  else
    args+=(--input-size "$size" --max-train "$max_train" --max-val "$max_val" --epochs "$epochs" --lr "$lr"
      --age-loss "$age" --weighting "$weighting")
  fi
  echo "== $cell" >&2
  OMP_NUM_THREADS="$threads" java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
    -Dai.djl.pytorch.num_interop_threads=1 -jar "$jar" train "${args[@]}" >"$run.log" 2>&1 \
    || { echo "$(basename "$0"): cell $cell failed, see $run.log" >&2; exit 1; }
}

cells=("ordinal-uncertainty ordinal uncertainty" "ordinal-fixed ordinal fixed:1,1,1"
  "softmax-uncertainty softmax uncertainty" "softmax-fixed softmax fixed:1,1,1")
for c in "${cells[@]}"; do
  # shellcheck disable=SC2086
  train $c
done

{
  echo "Validation split, best epoch of each run ($size px, $max_train training images, $epochs epochs, peak lr $lr):"
  echo
  echo "| age loss | weighting | best epoch | age MAE | decades % | gender % | race % |"
  echo "|---|---|---|---|---|---|---|"
  for c in "${cells[@]}"; do
    read -r cell age weighting <<<"$c"
    # best epoch by the run's own selection score (TrainingRun.score)
    jq -rs --arg age "$age" --arg w "$weighting" '
      map(. + {score: ((.validation.genderAccuracy + .validation.raceAccuracy + .validation.decadeAccuracy) / 3
                       - .validation.ageMaeExpected / 20)})
      | max_by(.score)
      | "| \($age) | \($w) | \(.epoch) | \(.validation.ageMae * 100 | round / 100) | \(.validation.decadeAccuracy * 1000 | round / 10) | \(.validation.genderAccuracy * 1000 | round / 10) | \(.validation.raceAccuracy * 1000 | round / 10) |"
    ' "$out/$cell/history.jsonl"
  done
} | tee "$out/table.md"
