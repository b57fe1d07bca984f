#!/usr/bin/env bash
# Prints the path of icl4j's MKL dispatch library (mkl-dispatch.c beside this script) when this process tree should
# preload it, and nothing when it should not; the icl4j launcher puts the path in LD_PRELOAD.
#
# Usage: mkl-dispatch.sh OUT_DIR   (the library is built into OUT_DIR with ${CC:-cc} when missing or older than
# its source)
#
# ICL4J_MKL_DISPATCH chooses:
#   auto      (default) the library on AMD CPUs that report AVX-512 (avx512f in /proc/cpuinfo), nothing elsewhere;
#             when no C compiler is found, a one-line note on stderr and nothing
#   features  the library on any x86-64 CPU (on Intel CPUs it changes nothing); a failed build is an error
#   vendor    nothing: MKL decides by CPU vendor, as PyTorch ships it
# Exit codes: 0, or 2 with one line on stderr for a bad ICL4J_MKL_DISPATCH or a failed build that was asked for.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: mkl-dispatch.sh OUT_DIR}"
mode="${ICL4J_MKL_DISPATCH:-auto}"
source_file="$here/mkl-dispatch.c"
library="$out/libicl4j-mkl-dispatch.so"

case "$mode" in
  vendor) exit 0 ;;
  auto)
    [[ "$(uname -m)" == x86_64 && -r /proc/cpuinfo ]] || exit 0
    grep -q -m 1 '^vendor_id.*AuthenticAMD' /proc/cpuinfo || exit 0
    grep -q -m 1 '^flags.*\bavx512f\b' /proc/cpuinfo || exit 0
    ;;
  features) ;;
  *)
    echo "icl4j: ICL4J_MKL_DISPATCH must be auto, features or vendor, found '$mode'" >&2
    exit 2
    ;;
esac

if [[ ! -f "$library" || "$source_file" -nt "$library" ]]; then
  compiler="${CC:-cc}"
  if ! command -v "$compiler" >/dev/null 2>&1; then
    if [[ "$mode" == features ]]; then
      echo "icl4j: ICL4J_MKL_DISPATCH=features needs a C compiler to build $library, and '$compiler' is not" \
        "installed (apt-get install gcc, or set CC)" >&2
      exit 2
    fi
    echo "icl4j: no C compiler ('$compiler'), so MKL keeps its generic AVX2 path on this AMD CPU; training is" \
      "about 1.5x slower (docs/TRAINING.md, \"Speed\"). Install gcc, or set ICL4J_MKL_DISPATCH=vendor to hide" \
      "this note." >&2
    exit 0
  fi
  mkdir -p "$out"
  # Built beside the target and renamed over it, so that launchers starting together never load a partial file.
  partial="$(mktemp "$out/.libicl4j-mkl-dispatch.XXXXXX")"
  if ! "$compiler" -shared -fPIC -O2 -o "$partial" "$source_file" 2>"$partial.log"; then
    echo "icl4j: building $library with '$compiler' failed: $(head -c 400 "$partial.log")" >&2
    rm -f "$partial" "$partial.log"
    [[ "$mode" == features ]] && exit 2
    exit 0
  fi
  rm -f "$partial.log"
  chmod 755 "$partial"
  mv -f "$partial" "$library"
fi
echo "$library"
