#!/usr/bin/env bash
# Both cores for one run of the quick preset's model: two intra-op threads (--engine djl:threads=2, one replica)
# against two data-parallel replicas of one thread each (--set replicas=2), one sitting, alternating runs, both
# pinned to CPUs 0–1. Also one thread, one replica (CPU 1), for the ratio.
#
# Per update = (best U-update run − best 1-update run) / (U − 1), whole processes, so start-up is not counted. The
# model and batch are the quick preset's (d = 8, n = 16, L = 6, H = 64, M = 2, batch 64) at full size (no
# curriculum, which makes the early updates smaller), WIDTHS lists other H to try (MLP 4H).
#
# Usage: bench/both-cores.sh [OUT.csv]      Environment: UPDATES [201], REPEATS [3], WIDTHS [64]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/dev/null}"
updates="${UPDATES:-201}"
repeats="${REPEATS:-3}"
widths="${WIDTHS:-64}"
"$root/icl4j" --help >/dev/null # build once, before anything is timed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { # way width updates → wall seconds
  local way=$1 width=$2 steps=$3 cpus=0-1 threads=1 replicas=1 start end
  case $way in
    one-thread) cpus=1 ;;
    threads) threads=2 ;;
    replicas) replicas=2 ;;
  esac
  rm -rf "$work/run"
  start=$(date +%s.%N)
  taskset -c "$cpus" "$root/icl4j" train --preset quick --d 8 --hidden "$width" --steps "$steps" \
    --set curriculumEvery=0 --set evaluateEvery=0 --set checkpointEvery=0 --set replicas=$replicas \
    --engine "djl:threads=$threads" --out "$work/run" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
min() { printf '%s\n' "$@" | sort -g | head -n 1; }

echo "way,width,updates,best_1_s,best_u_s,ms_per_update" | tee "$out"
for width in $widths; do
  declare -A ones=() manys=()
  for ((r = 0; r < repeats; r++)); do
    for way in one-thread threads replicas; do
      ones[$way]+="$(run "$way" "$width" 1) "
      manys[$way]+="$(run "$way" "$width" "$updates") "
    done
  done
  for way in one-thread threads replicas; do
    one="$(min ${ones[$way]})" many="$(min ${manys[$way]})"
    per="$(echo "($many - $one) * 1000 / ($updates - 1)" | bc -l)"
    printf '%s,%s,%s,%.2f,%.2f,%.1f\n' "$way" "$width" "$updates" "$one" "$many" "$per" | tee -a "$out"
  done
  unset ones manys
done
