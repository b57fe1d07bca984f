#!/usr/bin/env bash
# Searches training settings of the `quick` preset on linear:d=8,noise=0, two runs at a time (one per core,
# one PyTorch thread each), and prints one table: SPD/d against least squares at k >= d (256 held-out
# episodes, the periodic evaluation) at every evaluation, with the minutes of training it took.
#
#   scripts/search-quick.sh OUT STEPS 'NAME|train options' 'NAME|train options' ...
#
# e.g. scripts/search-quick.sh /tmp/search 6000 'lr1e-3|--lr 0.001' 'lr3e-3|--lr 0.003' (on top of today's preset)
# Every run uses seed 0; rerunning a candidate gives the same bytes (docs/TRAINING.md, "Determinism").
# docs/TRAINING.md ("Time to quality", "The search") has the rounds that were run and their tables.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 OUT STEPS 'NAME|train options'..." >&2
  exit 2
fi
out=$1; steps=$2; shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
pids=()
run_one() {
  local name=$1 options=$2
  # shellcheck disable=SC2086
  "$here/icl4j" train --preset quick --d 8 --steps "$steps" --seed 0 --set evaluateEvery=1000 \
      --set checkpointEvery="$steps" --engine djl:threads=1 $options --out "$out/$name" \
      > "$out/$name.log" 2>&1
}
for candidate in "$@"; do
  name=${candidate%%|*}; options=${candidate#*|}
  if [[ -e "$out/$name/checkpoint" ]]; then
    continue
  fi
  run_one "$name" "$options" &
  pids+=($!)
  if [[ ${#pids[@]} -ge 2 ]]; then
    wait "${pids[0]}"; pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done
python3 - "$out" "$@" <<'EOF'
import json, sys, os
out, candidates = sys.argv[1], sys.argv[2:]
rows = {}
for c in candidates:
    name = c.split('|', 1)[0]
    points = []
    with open(os.path.join(out, name, 'metrics.jsonl')) as f:
        elapsed = 0.0
        for line in f:
            m = json.loads(line)
            if 'elapsedSeconds' in m:
                elapsed = m['elapsedSeconds']
            if 'evaluation' in m:
                points.append((m['step'], m['evaluation']['spdOverDAtKAtLeastD'], elapsed / 60))
    rows[name] = points
steps = sorted({p[0] for pts in rows.values() for p in pts})
print('| updates | ' + ' | '.join(rows) + ' |')
print('|---' * (len(rows) + 1) + '|')
for s in steps:
    cells = []
    for name, pts in rows.items():
        v = [p for p in pts if p[0] == s]
        cells.append(f'{v[0][1]:.4f} ({v[0][2]:.1f} min)' if v else '')
    print(f'| {s} | ' + ' | '.join(cells) + ' |')
EOF
