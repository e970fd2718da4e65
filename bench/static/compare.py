#!/usr/bin/env python3
"""Static-pass benchmarks, printed as ratios (these machines are shared and noisy).

  compare.py [--lockgraph build/bin/lockgraph] [-p BUILD_DIR] [--tus 10000] [--rounds 5]

1. Parse speed: lockgraph over a compile database (-j1 without cache, -jN, and a
   cached re-run) against `clang++-19 -fsyntax-only` over the same commands, one
   process per TU as a build runs it. Default database: the repository's samples
   and lit inputs.
2. Merge: facts of N synthetic TUs (generated, with calls across TUs and a lock
   cycle through them) merged with `lockgraph --from-facts`, at N/10 and N TUs, to
   show that the merge is linear (the ratio of the two times against 10x).
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(cmd, **kw):
    start = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    return time.monotonic() - start, r


def default_database(tmp):
    files = []
    for d in ("samples", "tests/lit/static"):
        for f in sorted(os.listdir(os.path.join(ROOT, d))):
            if f.endswith(".cpp") and "tidy" not in f and "lockgraph-run" not in f:
                files.append(os.path.join(ROOT, d, f))
    db = [{"directory": ROOT, "file": f, "arguments": ["clang++-19", "-std=c++17", "-c", f]}
          for f in files]
    os.makedirs(os.path.join(tmp, "db"), exist_ok=True)
    with open(os.path.join(tmp, "db", "compile_commands.json"), "w") as out:
        json.dump(db, out)
    return os.path.join(tmp, "db")


def syntax_only(build_dir):
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        db = json.load(f)
    total = 0.0
    for entry in db:
        args = entry.get("arguments") or shlex.split(entry["command"])
        # Same flags, but only parse: drop the compiler, -c/-o and the output.
        out, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a == "-o":
                skip = True
                continue
            if a == "-c":
                continue
            out.append(a)
        t, _ = timed(["clang++-19", "-fsyntax-only"] + out, cwd=entry["directory"])
        total += t
    return total, len(db)


def synthetic_facts(directory, tus):
    """TU i defines f_i, which holds lock L(i % 97), takes L((i+1) % 97) (so the
    lock graph is a ring of 97 locks: findings expected) and calls f_(i+1) in
    another TU, in call chains 50 TUs long, the way layers call each other."""
    os.makedirs(directory, exist_ok=True)
    def site(f, line, fn):
        return [f, line, 3, fn]
    def lock(n):
        return {"kind": "global", "name": "lock%d" % n, "type": "std::mutex"}
    for i in range(tus):
        f = "tu%05d.cpp" % i
        fn = "f%d" % i
        held = [{"lock": lock(i % 97), "mode": "exclusive", "at": site(f, 10, fn)}]
        functions = [{
            "key": "_Z1f%d" % i, "name": fn, "site": site(f, 9, fn),
            "acquisitions": [
                {"lock": lock(i % 97), "mode": "exclusive", "site": site(f, 10, fn), "held": []},
                {"lock": lock((i + 1) % 97), "mode": "exclusive", "site": site(f, 11, fn),
                 "held": held}],
            "calls": [] if (i + 1) % 50 == 0 else
                     [{"callee": "_Z1f%d" % (i + 1), "callee_name": "f%d" % (i + 1),
                       "site": site(f, 12, fn), "held": held, "args": []}],
        }]
        for k in range(4):  # lock-free helpers, as most functions are
            functions.append({"key": "_Z1h%d_%d" % (i, k), "name": "h%d_%d" % (i, k),
                              "site": site(f, 20 + k, "h"), "acquisitions": [],
                              "calls": [{"callee": "_Z1f%d" % i, "callee_name": fn,
                                         "site": site(f, 21 + k, "h"), "held": [], "args": []}]})
        with open(os.path.join(directory, f + ".facts"), "w") as out:
            json.dump({"format": "lockgraph-facts", "version": 2, "main_file": f,
                       "unresolved_calls": 0, "inputs": [], "functions": functions}, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lockgraph", default=os.path.join(ROOT, "build", "bin", "lockgraph"))
    ap.add_argument("-p", dest="build_dir")
    ap.add_argument("--tus", type=int, default=10000)
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    lg = args.lockgraph
    with tempfile.TemporaryDirectory() as tmp:
        build_dir = args.build_dir or default_database(tmp)
        cache = os.path.join(tmp, "cache")
        # Paired, alternating rounds: each ratio compares runs made side by
        # side, so a noisy neighbour slows both sides of one round.
        ratios = {"one": [], "par": [], "cached": []}
        speedups = []
        for _ in range(args.rounds):
            base, n = syntax_only(build_dir)
            one, _ = timed([lg, "-p", build_dir, "-j", "1", "--no-cache", "--quiet"])
            par, _ = timed([lg, "-p", build_dir, "-j", str(args.j), "--no-cache", "--quiet"])
            shutil.rmtree(cache, ignore_errors=True)
            timed([lg, "-p", build_dir, "--cache-dir", cache, "--quiet"])
            cached, _ = timed([lg, "-p", build_dir, "--cache-dir", cache, "--quiet"])
            ratios["one"].append(one / base)
            ratios["par"].append(par / base)
            ratios["cached"].append(cached / base)
            speedups.append(one / par)

        def spread(xs):
            xs = sorted(xs)
            return "%5.2fx  (min %.2fx, max %.2fx)" % (xs[len(xs) // 2], xs[0], xs[-1])
        print("parse, %d TUs, median of %d paired rounds (clang++-19 -fsyntax-only, one process "
              "per TU = 1.00x):" % (n, args.rounds))
        print("  lockgraph -j1             " + spread(ratios["one"]))
        print("  lockgraph -j%-2d            %s   (speed-up over -j1: %.2fx)"
              % (args.j, spread(ratios["par"]), sorted(speedups)[len(speedups) // 2]))
        print("  lockgraph cached re-run   " + spread(ratios["cached"]))

        small = max(args.tus // 10, 1)
        synthetic_facts(os.path.join(tmp, "small"), small)
        synthetic_facts(os.path.join(tmp, "large"), args.tus)
        t_small, r_small = timed([lg, "--from-facts", os.path.join(tmp, "small"), "--quiet"])
        t_large, r_large = timed([lg, "--from-facts", os.path.join(tmp, "large"), "--quiet"])
        for r in (r_small, r_large):
            if r.returncode != 1:  # the synthetic ring is a cycle: findings expected
                sys.exit("merge run failed (exit %d): %s" % (r.returncode, r.stderr.decode()))
        print("merge of synthetic facts:")
        print("  %d TUs vs %d TUs: %.1fx the time for %.0fx the TUs (linear = %.0fx)"
              % (args.tus, small, t_large / t_small, args.tus / small, args.tus / small))
        print("  %d TUs merged in %.2f s (%.0f us per TU)" % (args.tus, t_large, 1e6 * t_large / args.tus))


if __name__ == "__main__":
    main()
