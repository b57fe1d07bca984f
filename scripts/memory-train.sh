#!/usr/bin/env bash
# Resident memory of a long `icl4j train` run, sampled from outside the process. Usage:
#   scripts/memory-train.sh OUT_DIR [STEPS] [train arguments …]
# STEPS defaults to 20000, the train arguments to "--preset tiny --d 4 --seed 7". The run goes to OUT_DIR/run with
# a metrics.jsonl line every 100 updates. Every second the script records the update reached (metrics.jsonl) and
# VmRSS, RssAnon and RssFile from /proc/PID/status and the resident part of the Java heap (the mappings in its
# address range, which jcmd GC.heap_info reports, summed from /proc/PID/smaps) in OUT_DIR/rss.csv, so a step
# in RSS is attributed to the heap or to the rest (PyTorch and glibc's malloc, the JVM's own memory, mapped
# libraries). The JVM runs with native memory tracking and a GC log (OUT_DIR/gc.log), and every 1000 updates `jcmd
# PID VM.native_memory summary` records what the JVM itself has committed (Java heap, and everything the JVM
# allocates) in OUT_DIR/nmt.csv: RSS beyond that is memory allocated outside the JVM's knowledge (PyTorch through
# glibc's malloc). ICL4J_JAVA_OPTS adds JVM flags, e.g. '-Xms512m -Xmx512m' for a fixed heap; MALLOC_ARENA_MAX in
# the environment reaches glibc as usual. At the end it prints RSS at the first sample, at update 1000, at the end
# and its maximum, and one row per 1000 updates.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
  echo "usage: memory-train.sh OUT_DIR [STEPS] [train arguments …]" >&2
  exit 2
fi
out="$1"
shift
steps="${1:-20000}"
shift || true
if [[ ! "$steps" =~ ^[1-9][0-9]*$ ]]; then
  echo "memory-train.sh: STEPS must be a positive integer, found '$steps'" >&2
  exit 2
fi
if [[ $# -eq 0 ]]; then
  set -- --preset tiny --d 4 --seed 7
fi
if [[ -e "$out" ]]; then
  echo "memory-train.sh: $out exists; choose a new folder" >&2
  exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
"$root/icl4j" --help >/dev/null # build once, before anything is timed

status() { # field (kB) of /proc/PID/status
  awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status" 2>/dev/null || true
}
step_reached() {
  local line
  line="$(tail -n 1 "$out/run/metrics.jsonl" 2>/dev/null || true)"
  [[ "$line" =~ \"step\":([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0
}

heap_rss() { # resident KiB of the mappings inside the Java heap's address range [heap_from, heap_to)
  awk -v lo="$heap_from" -v hi="$heap_to" '/^[0-9a-f]+-[0-9a-f]+ / {
      start = $1; sub(/-.*/, "", start); while (length(start) < 16) start = "0" start
      inside = start >= lo && start < hi }
    inside && $1 == "Rss:" { sum += $2 } END { print sum + 0 }' "/proc/$1/smaps" 2>/dev/null || true
}

ICL4J_JAVA_OPTS="${ICL4J_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary -Xlog:gc:file=$out/gc.log" \
  "$root/icl4j" train "$@" --steps "$steps" --set logEvery=100 --out "$out/run" >"$out/train.log" 2>&1 &
pid=$!
echo "seconds,step,rss_kib,rss_anon_kib,rss_file_kib,heap_rss_kib" >"$out/rss.csv"
echo "step,rss_kib,nmt_committed_kib,heap_committed_kib" >"$out/nmt.csv"
# The heap's address range, from jcmd once the JVM answers ("… [0x…, 0x…)").
heap_from=""
while [[ -z "$heap_from" ]] && kill -0 "$pid" 2>/dev/null; do
  range="$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*heap .*\[0x\([0-9a-f]*\), 0x\([0-9a-f]*\)).*/\1 \2/p' | head -n 1)"
  read -r heap_from heap_to <<<"$range" || true
  [[ -z "$heap_from" ]] && sleep 1
done
began=$SECONDS
next_nmt=1000
while kill -0 "$pid" 2>/dev/null; do
  rss="$(status "$pid" VmRSS)"
  [[ -z "$rss" ]] && break
  step="$(step_reached)"
  echo "$((SECONDS - began)),$step,$rss,$(status "$pid" RssAnon),$(status "$pid" RssFile),$(heap_rss "$pid")" >>"$out/rss.csv"
  if (( step >= next_nmt )); then
    summary="$(jcmd "$pid" VM.native_memory summary 2>/dev/null || true)"
    total="$(sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p' <<<"$summary" | head -n 1)"
    heap="$(grep -A1 -- '- *Java Heap' <<<"$summary" | sed -n 's/.*committed=\([0-9]*\)KB.*/\1/p' | head -n 1)"
    echo "$step,$(status "$pid" VmRSS),${total:-},${heap:-}" >>"$out/nmt.csv"
    next_nmt=$(( (step / 1000 + 1) * 1000 ))
  fi
  sleep 1
done
rc=0
wait "$pid" || rc=$?
if (( rc != 0 )); then
  echo "memory-train.sh: train exited with $rc:" >&2
  tail -n 5 "$out/train.log" >&2
  exit 1
fi

echo "train $* --steps $steps; JVM options: ${ICL4J_JAVA_OPTS:-none}; MALLOC_ARENA_MAX: ${MALLOC_ARENA_MAX:-unset}"
awk -F, -v steps="$steps" 'NR > 1 && $2 > 0 {
    mib = $3 / 1024
    if (!first) { first = mib; firstStep = $2 }
    if (!warm && $2 >= 1000) { warm = mib; warmStep = $2 }
    if (mib > max) { max = mib; maxStep = $2 }
    last = mib; lastStep = $2; heap = $6 / 1024
    if (!firstHeap) firstHeap = heap
    bucket = int($2 / 1000) * 1000
    if (!(bucket in seen)) { seen[bucket] = sprintf("%.0f(heap %.0f)", mib, $6 / 1024); order[++count] = bucket }
  }
  END {
    printf "RSS MiB: first sample %.0f (update %d), after warm-up %.0f (update %d), end %.0f (update %d), max %.0f (update %d)\n",
      first, firstStep, warm, warmStep, last, lastStep, max, maxStep
    printf "resident Java heap MiB: first sample %.0f, end %.0f; the rest (RSS - heap): first %.0f, end %.0f\n",
      firstHeap, heap, first - firstHeap, last - heap
    printf "first RSS sample at or after each 1000 updates, MiB (resident heap):"
    for (i = 1; i <= count; i++) printf " %d:%s", order[i], seen[order[i]]
    printf "\n"
  }' "$out/rss.csv"
echo "native memory tracking (update, RSS KiB, JVM committed KiB, Java heap committed KiB):"
cat "$out/nmt.csv"
