#!/usr/bin/env bash
# Fault behaviour of `dmtl infer` on a Flink session cluster and on embedded Flink.
#
#   scripts/fault-test.sh [WORK]       default WORK: runs/fault-test; N=2000 images, DATA=../shared/data/utkface
#   STEPS="b" scripts/fault-test.sh    only some steps (default "0 a b c"; a and c compare with 0's output)
#
# The input list holds N UTKFace crops plus four undecodable files from testdata/bad (dead letters).
#
#   0. baseline: an undisturbed cluster run over N images (for wall time and content comparison)
#   a. kill -9 one TaskManager mid-run and start a replacement: the job restarts (fixed-delay
#      strategy) and the output is complete: manifest counts add up, every listed image is a row
#      or a dead letter exactly once, content equals the baseline
#   b. kill -9 one TaskManager mid-run, no replacement: the run fails (exit != 0) with one error
#      line, and nothing is published in the output folder
#   c. kill -9 the embedded `dmtl infer` JVM mid-run: nothing is published; the same command run
#      again produces a complete result equal to the baseline and removes the killed run's leftovers
#
# With SINK=jdbc:postgresql://HOST:PORT/DB?user=U (and SINK_PASSWORD_FILE=FILE) every run also
# writes to that results database, and each step checks it too (docs/DATABASE.md): complete runs
# are 'published' with exactly the manifest's rows (no duplicates after restarts), the failed run
# of b is 'failed' with no rows, the killed run of c stays 'running' and no view shows it.
# scripts/pg-throwaway.sh starts a server for this.
#
# Each step prints one RESULT line; the script exits 1 when any expectation fails. Logs in WORK.
# Not a CI test: about 6-10 minutes on 2 cores.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/runs/fault-test}"
n="${N:-2000}"
data="${DATA:-$root/../shared/data/utkface}"
[[ -d "$data" ]] || { echo "$(basename "$0"): no image folder $data (UTKFace is not shipped; set DATA=path/to/UTKFace)" >&2; exit 2; }
port="${REST_PORT:-18081}"
kill_after="${KILL_AFTER:-4}"
steps=" ${STEPS:-0 a b c} "
step() { [[ "$steps" == *" $1 "* ]]; }
jar="$root/cli/target/dmtl.jar"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
cluster="$work/cluster"
failures=0
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -pl cli -am -DskipTests package)
# shellcheck source=lib/tools-classpath.sh
source "$root/scripts/lib/tools-classpath.sh"
tools_cp="$(tools_classpath "$root")" || exit 1

cleanup() {
  [[ -n "${dmtl_pid:-}" ]] && kill -0 "$dmtl_pid" 2>/dev/null && kill "$dmtl_pid"
  "$root/scripts/flink-cluster.sh" stop "$cluster" >/dev/null 2>&1 || true
}
trap cleanup EXIT

result() { # ok|FAIL text
  echo "RESULT $1: $2" | tee -a "$work/results.txt"
  [[ "$1" == ok ]] || failures=$((failures + 1))
}
rest() { curl -fsS --max-time 5 "http://127.0.0.1:$port$1"; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.1f'; }
compare_baseline() { # dir report-file
  if [[ -f "$work/baseline/manifest.json" ]]; then check compare "$1" "$work/baseline" >"$2"; else echo "(no baseline to compare with)" >"$2"; fi
}
check() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$tools_cp" dev.dmtl.tools.DmtlTools check-outputs "$@"; }

# The job id of the one running job, once its inference tasks run. Not "once all tasks run": in
# Flink's batch mode the stages after a shuffle are deployed only when the stage before finishes, so
# all tasks run together only at the very end.
wait_job_running() {
  local deadline=$((SECONDS + 300)) jid
  while ((SECONDS < deadline)); do
    for jid in $(rest /jobs/overview 2>/dev/null | python3 -c 'import json,sys
for j in json.load(sys.stdin)["jobs"]:
  if j["state"] == "RUNNING": print(j["jid"])'); do
      rest "/jobs/$jid" 2>/dev/null | python3 -c 'import json,sys
sys.exit(0 if any("DecodeAndPredict" in v["name"] and v["status"] == "RUNNING" for v in json.load(sys.stdin)["vertices"]) else 1)' \
        && { echo "$jid"; return 0; }
    done
    kill -0 "$dmtl_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

job_summary() { # jid: final state, restarts (from the exception history), first root exception
  rest "/jobs/$1" | python3 -c 'import json,sys; j=json.load(sys.stdin); print("state", j["state"], "duration_ms", j["duration"])'
  rest "/jobs/$1/exceptions?maxExceptions=10" | python3 -c 'import json,sys
h=json.load(sys.stdin).get("exceptionHistory",{}).get("entries",[])
print("failures", len(h))
for e in h: print(" -", e["exceptionName"], "on", e.get("taskManagerLocation") or "-", ":", (e.get("stacktrace") or "").splitlines()[0][:200])'
}

# ---------------------------------------------------------------------------------------------
ls "$data" | grep -E '\.jpg$' | sort | head -"$n" | sed "s|^|$(cd "$data" && pwd)/|" >"$work/inputs.txt"
for bad in empty.jpg random-bytes.jpg huge-dimensions.jpg huge-dimensions.png; do
  echo "$root/testdata/bad/$bad" >>"$work/inputs.txt"
done
echo "fault-test: $(wc -l <"$work/inputs.txt") files listed in $work/inputs.txt (4 of them undecodable)"
if step 0 || step a || step b; then
  REST_PORT="$port" "$root/scripts/flink-cluster.sh" start "$cluster" || exit 1
fi
master=(--runner flink --flink-master "127.0.0.1:$port")
infer() { # out log args...: starts dmtl infer in the background, sets dmtl_pid
  local out="$1" log="$2"
  shift 2
  "$root/dmtl" infer -p 2 --input-list "$work/inputs.txt" -o "$out" "${sink_args[@]}" "$@" >"$log" 2>&1 &
  dmtl_pid=$!
}

# --- the results database (SINK=...) ---
sink_args=()
if [[ -n "${SINK:-}" ]]; then
  sink_args=(--sink "$SINK")
  [[ -n "${SINK_PASSWORD_FILE:-}" ]] && sink_args+=(--sink-password-file "$SINK_PASSWORD_FILE")
fi
sql() { # one value from the results database
  local rest="${SINK#jdbc:postgresql://}" user=""
  [[ "$rest" == *user=* ]] && user="${rest##*user=}" && user="${user%%&*}@"
  PGPASSWORD="$(cat "${SINK_PASSWORD_FILE:-/dev/null}" 2>/dev/null)" \
    psql -qtAX "postgresql://$user${rest%%\?*}" -c "$1"
}
db_published() { # output folder: its run is published with exactly the manifest's rows
  [[ -z "${SINK:-}" ]] && return 0
  local run rows dls
  run="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$1/manifest.json")"
  rows="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["rows"])' "$1/manifest.json")"
  dls="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["dead_letters"])' "$1/manifest.json")"
  local got
  got="$(sql "SELECT status || ' ' || (SELECT count(*) FROM dmtl.faces WHERE run_id = r.run_id) || ' ' || (SELECT count(*) FROM dmtl.dead_letters WHERE run_id = r.run_id) FROM dmtl.runs r WHERE run_id = '$run'")"
  echo "database: run $run $got (manifest: $rows rows, $dls dead letters)"
  [[ "$got" == "published $rows $dls" ]]
}
db_latest_is() { # status: the newest run has this status, and no view shows its rows
  [[ -z "${SINK:-}" ]] && return 0
  local got
  got="$(sql "SELECT r.status || ' ' || (SELECT count(*) FROM dmtl.published_predictions p WHERE p.run_id = r.run_id) FROM dmtl.runs r ORDER BY started DESC LIMIT 1")"
  echo "database: newest run ${got%% *}, its rows in the views: ${got##* }, face rows its workers committed: $(sql "SELECT count(*) FROM dmtl.faces WHERE run_id = (SELECT run_id FROM dmtl.runs ORDER BY started DESC LIMIT 1)")"
  [[ "$got" == "$1 0" ]]
}

# 0. baseline
if step 0; then
start=$(now)
infer "$work/baseline" "$work/baseline.log" --overwrite "${master[@]}"
wait "$dmtl_pid"
rc=$?
if [[ $rc -eq 0 ]] && check check "$work/baseline" "$work/inputs.txt" >"$work/baseline.check" \
  && db_published "$work/baseline" >>"$work/baseline.check"; then
  result ok "baseline: cluster run, $(since "$start") s wall; $(head -1 "$work/baseline.check") $(grep '^database' "$work/baseline.check")"
else
  result FAIL "baseline: exit $rc; $(tail -3 "$work/baseline.log" | tr '\n' ' ') $(cat "$work/baseline.check" 2>/dev/null)"
fi

fi

# Starts case CASE's cluster run and, once its job runs, kill -9s TaskManager TM; sets jid (empty
# when the job never reached RUNNING, in which case nothing is killed).
start_and_kill_tm() {
  local case="$1" tm="$2" what="$3" victim
  infer "$work/$case" "$work/$case.log" --overwrite "${master[@]}"
  jid="$(wait_job_running)" || jid=""
  [[ -n "$jid" ]] || return 0
  sleep "$kill_after"
  victim="$(cat "$cluster/pids/taskmanager-$tm.pid")"
  kill -9 "$victim"
  while kill -0 "$victim" 2>/dev/null; do sleep 0.1; done
  echo "fault-test $case: job $jid running; killed TaskManager $tm (PID $victim) at $(since "$start") s; $what"
}

# a. one TaskManager lost, replacement started
if step a; then
start=$(now)
start_and_kill_tm a 1 "starting a replacement"
[[ -n "$jid" ]] && "$root/scripts/flink-cluster.sh" add-tm "$cluster"
wait "$dmtl_pid"
rc=$?
wall=$(since "$start")
[[ -n "$jid" ]] && job_summary "$jid" >"$work/a.job" 2>&1
# grep -c prints 0 and exits 1 when nothing matches: keep its count, do not append another
restarts="$(grep -c '^ - ' "$work/a.job" 2>/dev/null)" || true
restarts="${restarts:-0}"
if [[ $rc -eq 0 ]] && [[ "$restarts" -ge 1 ]] && check check "$work/a" "$work/inputs.txt" >"$work/a.check" \
  && compare_baseline "$work/a" "$work/a.compare" && db_published "$work/a" >"$work/a.db"; then
  result ok "a: TaskManager killed mid-run + replacement: exit 0 in $wall s, $restarts job failure(s) recovered; $(head -1 "$work/a.check"); $(head -1 "$work/a.compare") $(cat "$work/a.db")"
else
  result FAIL "a: exit $rc, $restarts recorded failure(s), job $jid; $(cat "$work/a.check" "$work/a.compare" 2>/dev/null | head -5 | tr '\n' ' ') log: $(tail -2 "$work/a.log" | tr '\n' ' ')"
fi

fi

# b. one TaskManager lost, no replacement
if step b; then
start=$(now)
start_and_kill_tm b 2 "no replacement"
wait "$dmtl_pid"
rc=$?
wall=$(since "$start")
[[ -n "$jid" ]] && job_summary "$jid" >"$work/b.job" 2>&1
left="$(ls -A "$work/b" 2>/dev/null | tr '\n' ' ')"
lines="$(grep -vc '^dmtl infer .*img' "$work/b.log")" # the progress line is not an error line
if [[ $rc -ne 0 ]] && [[ -z "$left" ]] && [[ "$lines" -le 2 ]] && db_latest_is failed >"$work/b.db"; then
  result ok "b: TaskManager killed mid-run, none left to replace it: exit $rc after $wall s, output folder empty; stderr: $(grep -v '^dmtl infer .*img' "$work/b.log" | tr '\n' ' ') $(cat "$work/b.db")"
else
  result FAIL "b: exit $rc after $wall s; output folder holds [$left]; $lines lines of output: $(grep -v 'img/s' "$work/b.log" | head -5 | tr '\n' ' ')"
fi
fi
"$root/scripts/flink-cluster.sh" stop "$cluster" >/dev/null

# c. the embedded dmtl JVM killed mid-run, then the same command again. The launcher's temp root
#    (DMTL_TMP) in WORK, so that what the killed JVM leaves can be told apart from other files.
if step c; then
rm -rf "$work/c" "$work/c-tmp" && mkdir -p "$work/c-tmp"
export DMTL_TMP="$work/c-tmp"
start=$(now)
infer "$work/c" "$work/c1.log" --overwrite --runner flink
deadline=$((SECONDS + 300))
done_images=0
while ((SECONDS < deadline)) && kill -0 "$dmtl_pid" 2>/dev/null; do
  done_images="$(tr '\r' '\n' <"$work/c1.log" | grep -oE '[0-9]+/[0-9]+ img' | tail -1 | cut -d/ -f1)"
  [[ "${done_images:-0}" -ge $((n / 4)) ]] && break
  sleep 0.2
done
kill -9 "$dmtl_pid"
wait "$dmtl_pid" 2>/dev/null
echo "fault-test c: killed the dmtl JVM (PID $dmtl_pid) after $done_images images, $(since "$start") s"
sleep 1
left_c="$(ls -A "$work/c" 2>/dev/null | tr '\n' ' ')"
tmp_left="$(ls -A "$work/c-tmp/run-$dmtl_pid" | tr '\n' ' ') ($(du -sh "$work/c-tmp/run-$dmtl_pid" | cut -f1))"
killed_tmp="$work/c-tmp/run-$dmtl_pid"
db_latest_is running >"$work/c.db"; killed_db=$?
start=$(now)
infer "$work/c" "$work/c2.log" --runner flink
wait "$dmtl_pid"
rc=$?
wall=$(since "$start")
after="$(ls -A "$work/c" | tr '\n' ' ')"
[[ -e "$killed_tmp" ]] && tmp_after="still there" || tmp_after="removed by the rerun"
if [[ "$left_c" != *manifest.json* ]] && [[ "$left_c" != *predictions.parquet* ]] \
  && [[ $rc -eq 0 ]] && check check "$work/c" "$work/inputs.txt" >"$work/c.check" \
  && compare_baseline "$work/c" "$work/c.compare" && [[ "$after" != *.dmtl-incomplete* ]] && [[ ! -e "$killed_tmp" ]] \
  && [[ $killed_db -eq 0 ]] && db_published "$work/c" >>"$work/c.db"; then
  result ok "c: dmtl JVM killed after $done_images images: output folder held only [$left_c]; its temp folder held [$tmp_left], $tmp_after; rerun exit 0 in $wall s, folder now [$after]; $(head -1 "$work/c.check"); $(head -1 "$work/c.compare") $(cat "$work/c.db" | tr '\n' ' ')"
else
  result FAIL "c: after the kill the folder held [$left_c]; rerun exit $rc, folder [$after], killed run's temp folder $tmp_after; $(cat "$work/c.check" "$work/c.compare" 2>/dev/null | head -5 | tr '\n' ' ')"
fi
fi

echo "fault-test: $failures failed expectation(s); results in $work/results.txt"
[[ $failures -eq 0 ]]
