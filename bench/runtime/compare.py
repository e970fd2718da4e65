#!/usr/bin/env python3
"""Compare the lockgraph runtime shim with its peers on four workloads.

Builds each workload twice (plain, and with -fsanitize=thread), runs it bare,
under the shim (LD_PRELOAD), under ThreadSanitizer and under Valgrind's
Helgrind, and prints wall-time slow-down ratios against the bare run, plus
whether each tool reported the lock-order inversion planted in `mixed`.

  bench/runtime/compare.py [--shim build/lib/liblockgraph_rt.so] [--runs 3]
                           [--no-helgrind] [--scale 1.0] [--only churn,mixed]

--shim may be given more than once (e.g. a copy of the shim before a change,
then the current one): each runs in every round, right after the previous,
and gets its own column, so the shims are compared in paired alternating runs
(the "cycle found" column is the last shim's).

Times are the best of --runs runs, taken in rounds (bare, shim, tsan, then
again), so that a change in the machine's load during the script hits every
configuration alike. Helgrind is 50-200x slower, so it runs a tenth of the
iterations and is compared with a bare run of the same size.
This is a benchmark, not a test: the figures depend on the machine.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WORKLOADS = [  # name, default iterations
    ("uncontended", 20000000),
    ("contended_queue", 100000),
    ("mixed", 300000),
    ("churn", 2000000),
]


def build(cxx, src, out, extra, check=True):
    cmd = [cxx, "-O2", "-g", "-pthread", src, "-o", out] + extra
    return subprocess.run(cmd, check=check, stderr=None if check else subprocess.DEVNULL).returncode == 0


def run(cmd, env=None, runs=1):
    best = None
    err = b""
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        err = p.stderr
        best = dt if best is None else min(best, dt)
    return best, err.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shim", action="append", default=None,
                    help="shim library; repeat to compare several (default: build/lib)")
    ap.add_argument("--cxx", default="clang++-19")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--no-helgrind", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated workloads to run (default: all)")
    args = ap.parse_args()
    shims = args.shim or [os.path.join(ROOT, "build", "lib", "liblockgraph_rt.so")]
    for s in shims:
        if not os.path.exists(s):
            sys.exit("shim not found: %s (build it, or pass --shim)" % s)
    helgrind = not args.no_helgrind and shutil.which("valgrind")
    tmp = tempfile.mkdtemp(prefix="lockgraph-bench.")
    base_env = dict(os.environ)
    base_env.pop("LD_PRELOAD", None)
    shim_envs = [dict(base_env, LD_PRELOAD=s, LOCKGRAPH_OPTIONS="verbosity=1") for s in shims]
    tsan_env = dict(base_env, TSAN_OPTIONS="halt_on_error=0:report_signal_unsafe=0")
    rows = []
    tsan_compiler = [args.cxx]
    try:
        only = set(filter(None, args.only.split(",")))
        for name, iters in WORKLOADS:
            if only and name not in only:
                continue
            n = str(max(1, int(iters * args.scale)))
            src = os.path.join(HERE, name + ".cpp")
            plain = os.path.join(tmp, name)
            tsan = os.path.join(tmp, name + ".tsan")
            build(args.cxx, src, plain, [])
            # clang's TSan runtime ships in libclang-rt-19-dev; fall back to g++'s.
            if not build(args.cxx, src, tsan, ["-fsanitize=thread"], check=False):
                build("g++", src, tsan, ["-fsanitize=thread"])
                tsan_compiler[0] = "g++"
            bare = ts = None
            shim = [None] * len(shims)
            for _ in range(args.runs):
                b, _ = run([plain, n], base_env)
                for k, env in enumerate(shim_envs):
                    s, shim_err = run([plain, n], env)
                    shim[k] = s if shim[k] is None else min(shim[k], s)
                t, ts_err = run([tsan, n], tsan_env)
                bare = b if bare is None else min(bare, b)
                ts = t if ts is None else min(ts, t)
            row = {"name": name, "bare": bare, "shim": [s / bare for s in shim], "tsan": ts / bare,
                   "shim_cycle": "lock-order-inversion (potential deadlock)" in shim_err,
                   "tsan_cycle": "lock-order-inversion" in ts_err}
            if helgrind:
                small = str(max(1, int(iters * args.scale / 10)))
                bare_small, _ = run([plain, small], base_env, 1)
                hg, hg_err = run(["valgrind", "--tool=helgrind", "--error-exitcode=0", plain, small],
                                 base_env, 1)
                row["helgrind"] = hg / bare_small
                row["helgrind_cycle"] = "lock order" in hg_err
            rows.append(row)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def flag(b):
        return "yes" if b else "no"

    if len(shims) > 1:
        for k, s in enumerate(shims):
            print("shim%d = %s" % (k + 1, s))
    names = ["shim"] if len(shims) == 1 else ["shim%d" % (k + 1) for k in range(len(shims))]
    print("%-16s %9s %s %8s %9s   %s" % ("workload", "bare (s)", " ".join("%8s" % x for x in names),
                                       "tsan", "helgrind", "cycle found: shim/tsan/helgrind"))
    for r in rows:
        hg = ("%8.1fx" % r["helgrind"]) if "helgrind" in r else "      n/a"
        print("%-16s %9.3f %s %7.2fx %s   %s/%s/%s" % (
            r["name"], r["bare"], " ".join("%7.2fx" % x for x in r["shim"]), r["tsan"], hg,
            flag(r["shim_cycle"]),
            flag(r["tsan_cycle"]), flag(r.get("helgrind_cycle", False)) if "helgrind" in r else "n/a"))
    print("tsan built with %s; goal: shim <= 1.5x on uncontended, <= 1.1x on mixed, "
          "a few percent on churn"
          % tsan_compiler[0])


if __name__ == "__main__":
    main()
