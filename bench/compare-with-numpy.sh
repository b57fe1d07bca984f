#!/usr/bin/env bash
# Runs icl4j's prefix-prediction benchmarks and the numpy baseline side by side, with the machine's details and
# load, as recorded in docs/BENCHMARKS.md. Build first: mvn -q -B -pl bench -am package -DskipTests
# Usage: bench/compare-with-numpy.sh [measure seconds per case, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-2}"
jar=bench/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  echo "missing $jar: build it with mvn -q -B -pl bench -am package -DskipTests" >&2
  exit 2
fi
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpus: $(nproc), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
echo "java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$jar" PrefixPredictionBenchmark -wi 2 -w 1 -i 3 -r "$seconds" 2>&1 \
  | grep -E '^(Benchmark|PrefixPredictionBenchmark)'
java -Dicl4j.parallelism=1 -cp "$jar" org.icl4j.bench.CpuTimeThroughput "$seconds" 8 20
python3 bench/python/numpy_baseline.py --seconds "$seconds"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
