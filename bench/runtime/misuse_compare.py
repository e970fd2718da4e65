#!/usr/bin/env python3
"""Run the lock-misuse cases of bench/runtime/misuse/ under three tools.

Each case is one small program that makes one mistake (or none: `clean`).
It is built twice: plain (clang++-19 -O1 -g -pthread), then run under the
lockgraph shim (LD_PRELOAD, JSON report) and under Valgrind's Helgrind; and
with -fsanitize=thread, run under ThreadSanitizer with its deadlock detector
on. The script prints a Markdown table: for each case, whether each tool
reported the mistake, and briefly what it said.

  bench/runtime/misuse_compare.py [--shim build/lib/liblockgraph_rt.so]
                                  [--only NAME[,NAME]] [--keep] [--jobs 2]

A tool "reported" a case when one of its findings falls in a category the
case accepts (the lockgraph check names; a tool's own wording is mapped to
them below). Its other findings are listed after "also:". For `clean`, any
finding is a false positive. TSan's compiler is clang++-19, else g++ (the
script says which); without a working one, or without valgrind, that column
says n/a. The plain binary carries DWARF 4 (-gdwarf-4), which Valgrind 3.19
reads (it cannot read clang 19's default DWARF 5).

This is a benchmark-style comparison, not a test: it is not part of ctest.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASES_DIR = os.path.join(HERE, "misuse")

# name, what the program does wrong, the finding categories that count as
# reporting it.
CASES = [
    ("lock-order-inversion", "lock-order-inversion (A->B, later B->A)", {"lock-order-inversion"}),
    ("double-lock-errorcheck", "double-lock (error-checking mutex, EDEADLK)",
     {"double-lock", "lock-call-failed"}),
    ("double-lock-timed", "double-lock (normal mutex, timed relock, ETIMEDOUT)",
     {"double-lock", "lock-call-failed"}),
    ("rwlock-writer-relock", "double-lock (rwlock writer write-locks again, EDEADLK)",
     {"double-lock", "lock-call-failed"}),
    ("rwlock-reader-writes", "double-lock (rwlock reader asks to write, timed, ETIMEDOUT)",
     {"double-lock", "lock-call-failed"}),
    ("unlock-never-locked", "unlock-not-held (never locked)", {"unlock-not-held", "lock-call-failed"}),
    ("unlock-twice", "unlock-not-held (unlocked twice)", {"unlock-not-held", "lock-call-failed"}),
    ("unlock-other-thread", "unlock-not-held (held by another thread)",
     {"unlock-not-held", "lock-call-failed"}),
    ("lock-destroyed", "lock-call-failed (lock of a destroyed mutex, EINVAL)", {"lock-call-failed"}),
    ("destroy-held-self", "destroy-held-lock (mutex held by the caller, EBUSY)", {"destroy-held-lock"}),
    ("destroy-held-other", "destroy-held-lock (mutex held by another thread, EBUSY)",
     {"destroy-held-lock"}),
    ("destroy-rwlock-held-other", "destroy-held-lock (rwlock read-held by another thread)",
     {"destroy-held-lock"}),
    ("thread-exit-holding", "thread-exit-holding-lock", {"thread-exit-holding-lock"}),
    ("cond-wait-unheld", "cond-wait-not-held (error-checking mutex, EPERM)",
     {"cond-wait-not-held", "unlock-not-held", "lock-call-failed"}),
    ("cond-wait-two-mutexes", "cond-wait-two-mutexes", {"cond-wait-two-mutexes"}),
    ("free-locked-mutex", "free() of a locked heap mutex",
     {"destroy-held-lock", "use-after-free"}),
    ("clean", "nothing (false-positive check)", set()),
]

TSAN_OPTIONS = "detect_deadlocks=1:second_deadlock_stack=1:halt_on_error=0:exitcode=0"
TIMEOUT = 60  # seconds per run; every case ends in well under one

# ThreadSanitizer's report kinds ("WARNING: ThreadSanitizer: <kind> (pid=N)").
TSAN_KINDS = [
    ("lock-order-inversion", "lock-order-inversion"),
    ("unlock of an unlocked mutex", "unlock-not-held"),
    ("read unlock of a write locked mutex", "unlock-not-held"),
    ("double lock of a mutex", "double-lock"),
    ("read lock of a write locked mutex", "double-lock"),
    ("destroy of a locked mutex", "destroy-held-lock"),
    ("use of an invalid mutex", "lock-call-failed"),
    ("heap-use-after-free", "use-after-free"),
    ("data race", "data-race"),
]

# Helgrind's error headlines (the first line of each error block).
HELGRIND_KINDS = [
    (r"lock order .* violated", "lock-order-inversion"),
    (r"re-lock a non-recursive lock", "double-lock"),
    (r"unlocked a not-locked lock", "unlock-not-held"),
    (r"unlocked an invalid lock", "unlock-not-held"),
    (r"currently held by thread", "unlock-not-held"),
    (r"_destroy of a locked mutex|destruction of mutex which is locked|destroy with invalid argument",
     "destroy-held-lock"),
    (r"Exiting thread still holds", "thread-exit-holding-lock"),
    (r"called with un-held mutex", "cond-wait-not-held"),
    (r"cond is associated with a different mutex", "cond-wait-two-mutexes"),
    (r"call to \S+ failed|that is not a mutex|not a lock", "lock-call-failed"),
    (r"data race", "data-race"),
]


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    except OSError:
        return "?"
    return out.splitlines()[0].strip() if out else "?"


def compile_ok(cxx, src, out, flags):
    cmd = [cxx] + flags + [src, "-o", out]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode == 0, p.stdout


def pick_tsan_compiler(tmp, env):
    """The first of clang++-19 and g++ whose -fsanitize=thread links and runs."""
    src = os.path.join(tmp, "probe.cpp")
    with open(src, "w") as f:
        f.write("#include <pthread.h>\nint main() { pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;"
                " pthread_mutex_lock(&M); pthread_mutex_unlock(&M); }\n")
    for cxx in ("clang++-19", "g++"):
        if not shutil.which(cxx):
            continue
        exe = os.path.join(tmp, "probe." + cxx)
        ok, _ = compile_ok(cxx, src, exe, ["-fsanitize=thread", "-O1", "-g"])
        if ok and subprocess.run([exe], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL).returncode == 0:
            return cxx
    return None


def run(cmd, env):
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=TIMEOUT)
        return p.stdout.decode("utf-8", "replace"), False
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"").decode("utf-8", "replace"), True


def lockgraph_findings(report_path):
    """(category, text) per finding of the JSON report."""
    try:
        with open(report_path) as f:
            report = json.load(f)
    except (OSError, ValueError):
        return None
    return [(fd["check"], fd["check"]) for fd in report.get("findings", [])]


def tsan_findings(out):
    found = []
    for kind in re.findall(r"WARNING: ThreadSanitizer: (.+?) \(pid=\d+\)", out):
        cat = next((c for k, c in TSAN_KINDS if kind.startswith(k)), "other")
        found.append((cat, kind))
    return found


def helgrind_findings(out):
    """Helgrind separates errors with a line of dashes; the headline follows."""
    lines = [re.sub(r"^==\d+== ?", "", l) for l in out.splitlines() if re.match(r"^==\d+==", l)]
    found = []
    for i, line in enumerate(lines):
        if not re.fullmatch(r"-{40,}", line.strip()):
            continue
        body = [l.strip() for l in lines[i + 1:i + 4] if l.strip()]
        if not body:
            continue
        head = body[0]
        if head.endswith("failed") and len(body) > 1:  # "...'s call to X failed" / "with error code"
            m = re.search(r"\((E[A-Z]+)", body[1])
            head += " (%s)" % (m.group(1) if m else body[1])
        cat = next((c for k, c in HELGRIND_KINDS if re.search(k, head)), "other")
        # Brief: no thread numbers, no addresses.
        head = re.sub(r"^Thread #\d+(: |'s | )", "", head)
        head = re.sub(r' "0x[0-9A-Fa-f]+ before 0x[0-9A-Fa-f]+"', "", head)
        head = re.sub(r" at 0x[0-9A-Fa-f]+", "", head)
        head = re.sub(r"thread #\d+", "another thread", head)
        found.append((cat, head))
    return found


def dedupe(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def cell(findings, accepted, clean, timed_out):
    """'yes: what it said' / 'no' for one tool and one case."""
    if findings is None:
        return "n/a (no report)"
    hit = dedupe(t for c, t in findings if c in accepted)
    other = dedupe(t for c, t in findings if c not in accepted)
    if clean:
        text = "yes (false positive): " + "; ".join(other) if other else "no"
    elif hit:
        text = "yes: " + "; ".join(hit)
        if other:
            text += "; also: " + "; ".join(other)
    else:
        text = "no" + (" (said: %s)" % "; ".join(other) if other else "")
    if timed_out:
        text += " (timed out after %d s)" % TIMEOUT
    return text.replace("|", "\\|")


def run_case(case, tmp, shim, tsan_cxx, helgrind, base_env):
    name, _, accepted = case
    src = os.path.join(CASES_DIR, name + ".cpp")
    plain = os.path.join(tmp, name)
    ok, log = compile_ok("clang++-19", src, plain, ["-O1", "-g", "-gdwarf-4", "-pthread"])
    if not ok:
        sys.exit("cannot build %s:\n%s" % (src, log))
    clean = not accepted
    res = {}
    report = plain + ".lockgraph.json"
    if os.path.exists(report):
        os.remove(report)
    _, to = run([plain], dict(base_env, LD_PRELOAD=shim, LOCKGRAPH_OPTIONS="report=" + report))
    res["lockgraph"] = cell(lockgraph_findings(report), accepted, clean, to)
    if tsan_cxx:
        exe = plain + ".tsan"
        ok, log = compile_ok(tsan_cxx, src, exe, ["-fsanitize=thread", "-O1", "-g"])
        if ok:
            out, to = run([exe], dict(base_env, TSAN_OPTIONS=TSAN_OPTIONS))
            res["tsan"] = cell(tsan_findings(out), accepted, clean, to)
        else:
            res["tsan"] = "n/a (build failed)"
    else:
        res["tsan"] = "n/a"
    if helgrind:
        out, to = run(["valgrind", "--tool=helgrind", "--error-exitcode=0", plain], base_env)
        res["helgrind"] = cell(helgrind_findings(out), accepted, clean, to)
    else:
        res["helgrind"] = "n/a"
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shim", default=os.path.join(ROOT, "build", "lib", "liblockgraph_rt.so"))
    ap.add_argument("--only", default="", help="comma-separated case names (default: all)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--jobs", type=int, default=2, help="cases run at once (1 or 2)")
    args = ap.parse_args()
    if not os.path.exists(args.shim):
        sys.exit("shim not found: %s (build it, or pass --shim)" % args.shim)
    shim = os.path.abspath(args.shim)
    only = set(filter(None, args.only.split(",")))
    unknown = only - {c[0] for c in CASES}
    if unknown:
        sys.exit("unknown case(s): %s" % ", ".join(sorted(unknown)))
    cases = [c for c in CASES if not only or c[0] in only]

    base_env = dict(os.environ)
    for k in ("LD_PRELOAD", "LOCKGRAPH_OPTIONS", "LOCKGRAPH_REPORT", "TSAN_OPTIONS"):
        base_env.pop(k, None)
    tmp = tempfile.mkdtemp(prefix="lockgraph-misuse.")
    try:
        tsan_cxx = pick_tsan_compiler(tmp, base_env)
        helgrind = shutil.which("valgrind") is not None
        print("lockgraph: %s (commit %s)" % (os.path.relpath(shim, ROOT), tool_version(
            ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])))
        print("plain build: %s, -O1 -g -gdwarf-4 -pthread" % tool_version(["clang++-19", "--version"]))
        if tsan_cxx:
            print("ThreadSanitizer: %s -fsanitize=thread -O1 -g (%s); TSAN_OPTIONS=%s"
                  % (tsan_cxx, tool_version([tsan_cxx, "--version"]), TSAN_OPTIONS))
        else:
            print("ThreadSanitizer: skipped (neither clang++-19 nor g++ builds and runs "
                  "-fsanitize=thread; clang's runtime is in libclang-rt-19-dev)")
        if helgrind:
            print("Helgrind: %s --tool=helgrind --error-exitcode=0"
                  % tool_version(["valgrind", "--version"]))
        else:
            print("Helgrind: skipped (no valgrind)")
        print()
        jobs = max(1, min(2, args.jobs))
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_case, c, tmp, shim, tsan_cxx, helgrind, base_env)
                       for c in cases]
            results = [f.result() for f in futures]
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    print("| case | expected | lockgraph | TSan | Helgrind |")
    print("|---|---|---|---|---|")
    for (name, expected, _), r in zip(cases, results):
        print("| `%s` | %s | %s | %s | %s |" % (name, expected, r["lockgraph"], r["tsan"],
                                              r["helgrind"]))
    if args.keep:
        print("\nkept %s" % tmp)


if __name__ == "__main__":
    main()
