#!/bin/sh
# Builds both samples and runs them under the lockgraph runtime shim, then
# prints the two verdicts side by side.
#   samples/global-lock/run.sh [path/to/liblockgraph_rt.so]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shim=${1:-$here/../../build/lib/liblockgraph_rt.so}
cxx=${CXX:-clang++-19}
out=${TMPDIR:-/tmp}/lockgraph-global-lock.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
for prog in cpu_bound io_release; do
  "$cxx" -O2 -g -pthread -rdynamic "$here/$prog.cpp" -o "$out/$prog"
  LD_PRELOAD="$shim" LOCKGRAPH_OPTIONS="report=$out/$prog.json" "$out/$prog" 2> "$out/$prog.err"
done
for prog in cpu_bound io_release; do
  echo "== $prog"
  grep -E "global-lock|contention|^  (lock|M[0-9])" "$out/$prog.err" || true
  if ! grep -q "global-lock" "$out/$prog.err"; then
    echo "no global-lock verdict"
  fi
  grep -o '"global_lock": .*' "$out/$prog.json"
done
