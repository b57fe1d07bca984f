#!/usr/bin/env bash
# Time per training update: icl4j `train` against a plain PyTorch eager trainer of the same model and data
# (bench/python/torch_peer.py, Debian's python3-torch with OpenBLAS), in one sitting, alternating runs.
#
# Per update = (best U-update run − best 1-update run) / (U − 1), both whole processes, so start-up (JVM, Python,
# model construction) is not counted. One thread runs pinned to CPU 1 (taskset -c 1), two threads to CPUs 0–1;
# PyTorch's intra-op threads and OpenBLAS's threads are set to the same count. The peer icl4j-replicas runs only in
# the two-thread rows: two data-parallel replicas (--set replicas=2) of one intra-op thread each, on CPUs 0–1.
# Two more peers show what the CPU's kernels contribute: icl4j-vendor is icl4j with ICL4J_MKL_DISPATCH=vendor (MKL's
# generic AVX2 path on AMD CPUs, as PyTorch ships it; the launcher's default there is its AVX-512 path, see
# docs/TRAINING.md, "Speed"), and torch-skylakex is the PyTorch peer with OPENBLAS_CORETYPE=SkylakeX (OpenBLAS's
# AVX-512 kernels instead of the ones it detects).
#
# Usage: bench/per-update.sh [OUT.csv]
# Environment (defaults in brackets): WIDTHS [64 256], THREADS [1 2], ACTIVATIONS [gelu-tanh gelu], PEERS
# [icl4j icl4j-vendor icl4j-replicas torch torch-skylakex], REPEATS [2], UPDATES_64 [101], UPDATES_256 [11],
# PYTHON [/usr/bin/python3].
# Model: d = 4, n = 16, L = 4, M = 4, batch 64, pre-LN, MLP width 4H (the figures of docs/BENCHMARKS.md).
# Needs: apt-get install python3-torch libopenblas0-pthread (without OpenBLAS, Debian's torch falls back to the
# reference BLAS and runs several times slower).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/dev/null}"
python="${PYTHON:-/usr/bin/python3}"
widths="${WIDTHS:-64 256}"
threads_list="${THREADS:-1 2}"
activations="${ACTIVATIONS:-gelu-tanh gelu}"
peers="${PEERS:-icl4j icl4j-vendor icl4j-replicas torch torch-skylakex}"
repeats="${REPEATS:-2}"
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "per-update.sh: $python cannot import torch (apt-get install python3-torch libopenblas0-pthread)" >&2
  exit 2
fi
"$root/icl4j" --help >/dev/null # build once, before anything is timed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds() { # command… → wall seconds of the whole process
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
run() { # peer width threads activation updates → seconds
  local peer=$1 width=$2 threads=$3 activation=$4 updates=$5 cpus=1
  [[ $threads -ge 2 ]] && cpus=0-$((threads - 1))
  if [[ $peer == icl4j* ]]; then
    local replicas=1 intra=$threads dispatch="${ICL4J_MKL_DISPATCH:-auto}"
    [[ $peer == icl4j-replicas ]] && replicas=2 intra=1
    [[ $peer == icl4j-vendor ]] && dispatch=vendor
    rm -rf "$work/run"
    ICL4J_MKL_DISPATCH=$dispatch seconds taskset -c "$cpus" "$root/icl4j" train --d 4 --pairs 16 --layers 4 \
      --hidden "$width" --heads 4 --batch 64 --steps "$updates" --set block=pre-ln --set mlpHidden=$((4 * width)) \
      --set activation="$activation" \
      --set curriculumEvery=0 --set evaluateEvery=0 --set checkpointEvery=0 --set replicas=$replicas \
      --engine "djl:threads=$intra" --out "$work/run"
  else
    local coretype="${OPENBLAS_CORETYPE:-}"
    [[ $peer == torch-skylakex ]] && coretype=SkylakeX
    OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads seconds env ${coretype:+OPENBLAS_CORETYPE=$coretype} \
      taskset -c "$cpus" "$python" "$root/bench/python/torch_peer.py" --updates "$((updates - 1))" --hidden "$width" \
      --mlp $((4 * width)) \
      --threads "$threads" --activation "$activation"
  fi
}
min() { printf '%s\n' "$@" | sort -g | head -n 1; }

echo "peer,width,threads,activation,updates,best_1_s,best_u_s,ms_per_update" | tee "$out"
for width in $widths; do
  updates_var="UPDATES_$width"
  updates="${!updates_var:-$([[ $width -le 64 ]] && echo 101 || echo 11)}"
  for threads in $threads_list; do
    for activation in $activations; do
      for peer in $peers; do
        [[ $peer == icl4j-replicas && $threads -ne 2 ]] && continue
        ones=() manys=()
        for ((r = 0; r < repeats; r++)); do
          ones+=("$(run "$peer" "$width" "$threads" "$activation" 1)")
          manys+=("$(run "$peer" "$width" "$threads" "$activation" "$updates")")
        done
        one="$(min "${ones[@]}")" many="$(min "${manys[@]}")"
        per="$(echo "($many - $one) * 1000 / ($updates - 1)" | bc -l)"
        printf '%s,%s,%s,%s,%s,%.2f,%.2f,%.1f\n' "$peer" "$width" "$threads" "$activation" "$updates" "$one" \
          "$many" "$per" | tee -a "$out"
      done
    done
  done
done
