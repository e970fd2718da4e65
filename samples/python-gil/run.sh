#!/bin/sh
# Runs the two Python programs under the lockgraph runtime shim (no change to
# Python: LD_PRELOAD only) and prints the two verdicts side by side.
#   samples/python-gil/run.sh [path/to/liblockgraph_rt.so] [path/to/python3]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shim=${1:-$here/../../build/lib/liblockgraph_rt.so}
py=${2:-${PYTHON:-/usr/bin/python3}}
out=${TMPDIR:-/tmp}/lockgraph-python-gil.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
for prog in cpu_bound io_bound; do
  LD_PRELOAD="$shim" LOCKGRAPH_OPTIONS="report=$out/$prog.json" "$py" "$here/$prog.py" \
    > "$out/$prog.out" 2> "$out/$prog.err"
done
for prog in cpu_bound io_bound; do
  echo "== $prog.py: $(cat "$out/$prog.out")"
  # The verdict line and its waiting sites (frames #0-#1), else the cond table.
  if grep -q "WARNING: global-lock" "$out/$prog.err"; then
    sed -n '/WARNING: global-lock/,/SUMMARY/p' "$out/$prog.err" | grep -v -E "^      #[2-9]|SUMMARY"
  else
    echo "no global-lock verdict"
    sed -n '/condition variables:/,/==lockgraph: [WS]/p' "$out/$prog.err" | grep -v "==lockgraph: [WS]" || true
  fi
done
echo
# Side by side, from the JSON reports (run with the same python3 as the programs).
"$py" - "$out/cpu_bound.json" "$out/io_bound.json" <<'PY'
import json, sys
cols = []
for path in sys.argv[1:]:
    r = json.load(open(path))
    g, st = r["global_lock"], r["stats"]
    wall = st["wall_ns"]
    top = max(r["cond_waits"], key=lambda c: c["wait_ns_total"], default=None)
    cols.append({
        "global-lock verdict": ("yes (%s)" % g.get("kind", "mutex")) if g else "none",
        "some thread waiting": "%.1f%% of wall" % (100.0 * top["busy_ns"] / wall) if top else "-",
        "threads waiting": str(top["threads"]) if top else "0",
        "cond waits / timeouts": "%d / %d" % (top["waits"], top["timeouts"]) if top else "0 / 0",
        "waited (all threads)": "%.0f ms" % (top["wait_ns_total"] / 1e6) if top else "0 ms",
        "effective parallelism": "%.2f" % (st["cpu_ns"] / wall),
        "wall time": "%.2f s" % (wall / 1e9),
    })
print("%-24s %-22s %s" % ("", "cpu_bound.py", "io_bound.py"))
for k in cols[0]:
    print("%-24s %-22s %s" % (k, cols[0][k], cols[1][k]))
PY
