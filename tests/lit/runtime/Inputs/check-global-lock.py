"""Checks the global-lock verdict of a lockgraph runtime JSON report against
loose thresholds (the numbers vary with the machine's load; the verdict must
not). Prints the measured values, so a failing run says why.

    check-global-lock.py REPORT condvar   a lock built on a condvar serialized the run
    check-global-lock.py REPORT none      no global-lock verdict
"""
import json
import sys

report, want = sys.argv[1], sys.argv[2]
r = json.load(open(report))
g, st = r["global_lock"], r["stats"]
wall = st["wall_ns"]
par = st["cpu_ns"] / wall
top = max(r["cond_waits"], key=lambda c: c["wait_ns_total"], default=None)
busy = top["busy_ns"] / wall if top else 0.0
print("verdict=%s busy=%.3f parallelism=%.2f wall=%.2fs" %
      (g and g.get("kind"), busy, par, wall / 1e9))
errors = []
if want == "none":
    if g is not None:
        errors.append("unexpected global-lock verdict: %r" % g)
    if busy >= 0.5:
        errors.append("a condvar had a waiter %.0f%% of the time" % (100 * busy))
else:
    if not g or g.get("kind") != want:
        errors.append("expected a %s global-lock verdict, got %r" % (want, g))
    else:
        print("busy_share=%.3f wait_share=%.3f threads_waiting=%d handoff=%d waits=%d "
              "timeouts=%d effective_parallelism=%.2f" %
              (g["busy_share"], g["wait_share"], g["threads_waiting"], g["handoff_threads"],
               g["waits"], g["timeouts"], g["effective_parallelism"]))
        if g["busy_share"] < 0.5:
            errors.append("busy share below 0.5")
        if g["effective_parallelism"] >= 1.5:
            errors.append("effective parallelism %.2f, expected < 1.5" % g["effective_parallelism"])
        if g["threads_waiting"] < 4 or g["handoff_threads"] < 2:
            errors.append("expected >= 4 waiting threads, >= 2 that also signalled")
        if not g["sites"] or not g["sites"][0]["stack"]:
            errors.append("no waiting site")
        if g["lock"] >= len(r["locks"]) or g["cond"] != top["cond"]:
            errors.append("the verdict is not about the condvar waited on most")
for e in errors:
    print("error:", e)
sys.exit(1 if errors else 0)
