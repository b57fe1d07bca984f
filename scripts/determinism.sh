#!/usr/bin/env bash
# Trains the same short run in N fresh JVMs and reports how many give the same model.safetensors (and
# optimizer.safetensors) bytes. Usage:
#   scripts/determinism.sh [N] [train arguments …]
# N defaults to 50, the train arguments to "--preset tiny --d 4 --seed 7 --steps 300". ICL4J_JAVA_OPTS passes JVM
# flags to every run, e.g. ICL4J_JAVA_OPTS='-Xmx64m -XX:+UseSerialGC' to collect garbage often (docs/TRAINING.md,
# "Determinism"). Exits 0 when all runs agree, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps="${1:-50}"
shift || true
if [[ ! "$reps" =~ ^[1-9][0-9]*$ ]]; then
  echo "determinism.sh: the number of repetitions must be a positive integer, found '$reps'" >&2
  exit 2
fi
if [[ $# -eq 0 ]]; then
  set -- --preset tiny --d 4 --seed 7 --steps 300
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Build once (the launcher rebuilds when sources are newer than the jar), so every timed run is training only.
"$root/icl4j" --help >/dev/null

declare -A count
first=""
began=$SECONDS
for ((i = 1; i <= reps; i++)); do
  out="$work/run-$i"
  if ! "$root/icl4j" train "$@" --out "$out" >"$work/log-$i" 2>&1; then
    echo "run $i failed:" >&2
    tail -n 5 "$work/log-$i" >&2
    key="failed"
  else
    key="$(cat "$out/checkpoint/model.safetensors" "$out/checkpoint/optimizer.safetensors" | sha256sum | cut -c1-16)"
  fi
  count[$key]=$(( ${count[$key]:-0} + 1 ))
  [[ -z "$first" ]] && first="$key"
  echo "run $i/$reps: $key ($(( SECONDS - began )) s so far)"
  rm -rf "$out"
done

echo "train $*; JVM options: ${ICL4J_JAVA_OPTS:-none}"
best=0
for key in "${!count[@]}"; do
  echo "  ${count[$key]} run(s): $key"
  (( count[$key] > best )) && best=${count[$key]}
done
echo "agreement: $best of $reps runs give identical model and optimizer bytes (${#count[@]} distinct result(s))"
[[ ${#count[@]} -eq 1 && -z "${count[failed]:-}" ]]
