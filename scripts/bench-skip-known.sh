#!/usr/bin/env bash
# --skip-known against a full run, measured in one go (docs/BENCHMARKS.md, "Incremental re-runs"):
#
#   KNOWN images are published into a fresh results database (the seed run), then the same KNOWN
#   plus NEW images are run twice through `dmtl infer --sink`, once in full and once with
#   --skip-known; also timed: hashing all KNOWN+NEW files (sha256sum, 2 processes) and a run of the
#   NEW images alone, the two costs the incremental run should be close to.
#
#   scripts/bench-skip-known.sh [WORK]    KNOWN=20000 NEW=1000, DATA=../shared/data/utkface
#   SINK=jdbc:postgresql://…?user=U SINK_PASSWORD_FILE=F   an existing server (else one is started
#                                                          with scripts/pg-throwaway.sh in WORK/pg)
# Not a test: minutes; run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/runs/bench-skip-known}"
known="${KNOWN:-20000}"
new="${NEW:-1000}"
data="${DATA:-$root/../shared/data/utkface}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (set DATA=path/to/UTKFace)" >&2; exit 2; }
mkdir -p "$work"
work="$(cd "$work" && pwd)"
data="$(cd "$data" && pwd)"
started_pg=""
if [[ -z "${SINK:-}" ]]; then
  port="${PG_PORT:-55499}"
  "$root/scripts/pg-throwaway.sh" start "$work/pg" "$port" >/dev/null
  started_pg=yes
  SINK="jdbc:postgresql://127.0.0.1:$port/dmtl?user=dmtl"
  SINK_PASSWORD_FILE="$work/pg/password"
fi
cleanup() { [[ -n "$started_pg" ]] && "$root/scripts/pg-throwaway.sh" stop "$work/pg" || true; }
trap cleanup EXIT
sink=(--sink "$SINK" --sink-password-file "$SINK_PASSWORD_FILE")

ls "$data" | grep -E '\.jpg$' | sort | head -"$((known + new))" | sed "s|^|$data/|" >"$work/all.txt"
head -"$known" "$work/all.txt" >"$work/known.txt"
tail -"$new" "$work/all.txt" >"$work/new.txt"
now() { date +%s.%N; }
timed() { # name args...: runs dmtl infer, prints the wall seconds
  local name="$1" t0
  shift
  t0=$(now)
  "$root/dmtl" infer -q -o "$work/$name" --overwrite "$@" >"$work/$name.log" 2>&1
  echo "$(now) - $t0" | bc
}
manifest() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["inputs_seen"], c["rows"], c["dead_letters"], c.get("skipped_known", 0))' "$work/$1/manifest.json"; }

echo "bench-skip-known: $known known + $new new images, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
seed=$(timed seed --input-list "$work/known.txt" "${sink[@]}")
echo "seed (publish $known):            $seed s  [$(manifest seed)]"
t0=$(now); xargs -d "\n" -P 2 -n 500 sha256sum <"$work/all.txt" >/dev/null; hash=$(echo "$(now) - $t0" | bc)
echo "hash $((known + new)) files (sha256sum): $hash s"
only_new=$(timed only-new --input-list "$work/new.txt")
echo "infer the $new new alone:           $only_new s  [$(manifest only-new)]"
# the incremental run first: the full run publishes the new images too, after which nothing would
# be new any more (the full run does not read the known set, so its cost does not depend on order)
incr=$(timed incremental --input-list "$work/all.txt" "${sink[@]}" --skip-known)
echo "--skip-known run of $((known + new)):     $incr s  [$(manifest incremental)]"
full=$(timed full --input-list "$work/all.txt" "${sink[@]}")
echo "full run of $((known + new)):             $full s  [$(manifest full)]"
echo "ratio incremental / full: $(echo "scale=3; $incr / $full" | bc)"
echo "incremental / (hash + new alone): $(echo "scale=3; $incr / ($hash + $only_new)" | bc)"
