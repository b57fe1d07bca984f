#!/usr/bin/env bash
# Kill safety of training: trains with a checkpoint after every update, ends the process with SIGKILL at KILLS
# moments drawn from SEED, resumes it each time with --resume, and compares the result with an uninterrupted run of
# the same settings. Usage:
#   scripts/kill-resume.sh [KILLS] [SEED] [train arguments …]
# KILLS defaults to 20, SEED to 1, the train arguments to
#   --preset tiny --d 4 --seed 7 --steps 400 --set checkpointEvery=1 --set logEvery=1
# The moments cycle through three kinds, each with a delay drawn from SEED (bash's RANDOM, so the same SEED gives
# the same kinds and delays):
#   start-up  0–3000 ms after the process starts (JVM start, reading the checkpoint, trimming metrics.jsonl);
#   loop      0–3000 ms after the first new metrics.jsonl line (updates and checkpoint writes);
#   write     0–20 ms after a temporary checkpoint folder (.checkpoint.tmp-*) appears, i.e. inside a write.
# After each kill the script records what the kill left (a temporary folder: killed while the new checkpoint was
# written; .checkpoint.previous: killed between the renames or while the old one was deleted) and checks that a
# checkpoint, once written, is never lost. A run killed before its first checkpoint starts again without --resume.
# At the end model.safetensors, optimizer.safetensors and training-state.json must equal the uninterrupted run's
# byte for byte, metrics.jsonl too once its two timing fields (stepsPerSecond, elapsedSeconds, which differ between
# any two runs) are removed, and the run folder must hold the same entries (no temporary or .previous folder left).
# Exits 0 when all of that holds, 1 otherwise; KEEP=1 keeps the work folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-20}"
seed="${2:-1}"
shift 2 || shift $# || true
for value in "$kills" "$seed"; do
  if [[ ! "$value" =~ ^[0-9]+$ ]]; then
    echo "kill-resume.sh: KILLS and SEED must be non-negative integers, found '$value'" >&2
    exit 2
  fi
done
if [[ $# -eq 0 ]]; then
  set -- --preset tiny --d 4 --seed 7 --steps 400 --set checkpointEvery=1 --set logEvery=1
fi
work="$(mktemp -d)"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "work folder: $work"
else
  trap 'rm -rf "$work"' EXIT
fi
RANDOM=$seed

"$root/icl4j" --help >/dev/null # build once (the launcher rebuilds when sources are newer than the jar)

echo "uninterrupted run: train $*"
if ! "$root/icl4j" train "$@" --out "$work/reference" >"$work/reference.log" 2>&1; then
  echo "the uninterrupted run failed:" >&2
  tail -n 5 "$work/reference.log" >&2
  exit 1
fi

run="$work/killed"
checkpoint="$run/checkpoint"
previous="$run/.checkpoint.previous"
has_checkpoint() { [[ -f "$checkpoint/config.json" || -f "$previous/config.json" ]]; }
checkpoint_step() {
  local state="$checkpoint/training-state.json"
  [[ -f "$state" ]] || state="$previous/training-state.json"
  [[ -f "$state" ]] && jq -r .step "$state" || echo none
}
last_logged() {
  local line
  line="$(tail -n 1 "$run/metrics.jsonl" 2>/dev/null || true)"
  [[ "$line" =~ \"step\":([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0
}
temporaries() { compgen -G "$run/.checkpoint.tmp-$pid-*" >/dev/null; } # this process's temporary folder
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
start() { # launches train in the background, --resume when a checkpoint exists; sets pid
  local resume=()
  has_checkpoint && resume=(--resume)
  "$root/icl4j" train "$@" --out "$run" "${resume[@]}" >>"$work/killed.log" 2>&1 &
  pid=$!
}

failures=0
had_checkpoint=0
in_write=0
left_previous=0
kinds=(start-up loop write)
done_kills=0
for ((i = 1; i <= kills; i++)); do
  kind="${kinds[$(( (i - 1) % 3 ))]}"
  case "$kind" in
    start-up) delay=$((RANDOM % 3000)) ;;
    loop) delay=$((RANDOM % 3000)) ;;
    write) delay=$((RANDOM % 20)) ;;
  esac
  before="$(last_logged)"
  echo "--- kill $i ($kind, ${delay} ms)" >>"$work/killed.log"
  start "$@"
  if [[ "$kind" == start-up ]]; then
    sleep_ms "$delay"
  else
    # Wait for a metrics line past the last one logged before this start (an update of this process), then
    # (write) for a temporary checkpoint folder.
    while kill -0 "$pid" 2>/dev/null && (( $(last_logged) <= before )); do sleep 0.01; done
    if [[ "$kind" == write ]]; then
      while kill -0 "$pid" 2>/dev/null && ! temporaries; do :; done
    fi
    sleep_ms "$delay"
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0
    wait "$pid" || rc=$?
    echo "kill $i ($kind, $delay ms): the process had already exited with $rc; the run is too short for $kills kills" >&2
    tail -n 5 "$work/killed.log" >&2
    failures=$((failures + 1))
    break
  fi
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  done_kills=$i
  left=()
  temporaries && left+=("temporary checkpoint folder") && in_write=$((in_write + 1))
  if [[ -d "$previous" ]]; then
    left+=(".checkpoint.previous$([[ -d "$checkpoint" ]] || echo ' and no checkpoint/')")
    left_previous=$((left_previous + 1))
  fi
  printf 'kill %2d (%-8s %4d ms): checkpoint at update %s, metrics.jsonl up to update %s%s\n' "$i" "$kind," "$delay" \
    "$(checkpoint_step)" "$(last_logged)" "$( ((${#left[@]})) && printf '; left %s' "$(IFS=,; echo "${left[*]}")")"
  if has_checkpoint; then
    had_checkpoint=1
  elif (( had_checkpoint )); then
    echo "FAIL: the kill lost the checkpoint written before it" >&2
    failures=$((failures + 1))
  fi
done

echo "--- final run to the end" >>"$work/killed.log"
start "$@"
rc=0
wait "$pid" || rc=$?
if (( rc != 0 )); then
  echo "FAIL: the final resume exited with $rc:" >&2
  tail -n 5 "$work/killed.log" >&2
  failures=$((failures + 1))
fi

same() { # label, file in both runs, optional filter
  local a="$work/reference/$2" b="$run/$2"
  if [[ -n "${3:-}" ]]; then
    sed -E "$3" "$a" >"$work/a" && a="$work/a"
    sed -E "$3" "$b" >"$work/b" 2>/dev/null && b="$work/b" || b="$b.missing"
  fi
  if cmp -s "$a" "$b"; then
    echo "identical: $1"
  else
    echo "FAIL: $1 differs" >&2
    failures=$((failures + 1))
  fi
}
if (( rc == 0 )); then
  same checkpoint/model.safetensors checkpoint/model.safetensors
  same checkpoint/optimizer.safetensors checkpoint/optimizer.safetensors
  same checkpoint/training-state.json checkpoint/training-state.json
  same "metrics.jsonl (timing fields removed)" metrics.jsonl 's/,"stepsPerSecond":[^,]*,"elapsedSeconds":[^,]*//'
  if [[ "$(ls -A "$work/reference")" == "$(ls -A "$run")" ]]; then
    echo "identical: the run folder's entries ($(ls -A "$run" | tr '\n' ' '))"
  else
    echo "FAIL: the run folders hold different entries: $(ls -A "$work/reference" | tr '\n' ' ') / $(ls -A "$run" | tr '\n' ' ')" >&2
    failures=$((failures + 1))
  fi
fi
echo "train $*; $done_kills SIGKILLs (seed $seed), $in_write inside a checkpoint write (temporary folder left), $left_previous left .checkpoint.previous"
if (( failures > 0 )); then
  echo "kill-resume: $failures failure(s)"
  exit 1
fi
echo "kill-resume: the killed and resumed run equals the uninterrupted one"
