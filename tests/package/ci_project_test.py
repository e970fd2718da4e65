#!/usr/bin/env python3
"""The installed CMake package, used by a separate project.

Installs this build into a fresh prefix, configures samples/ci-project
against it with find_package(lockgraph), builds it and runs its ctest. The
project's unit tests must pass and its `lockgraph` check must fail, having
classified its two planted cycles: Store::mu_ / Ledger::mu_, which a test
exercises (confirmed at run time), and g_audit_mu / Ledger::mu_, which no
test reaches (static only). Also checks that plain ctest runs of the
instrumented binary left their reports in the build tree.

  ci_project_test.py <lockgraph build dir> <samples/ci-project> <work dir>
"""
import glob
import json
import os
import shutil
import subprocess
import sys


def run(cmd, **kw):
    print("+ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, text=True, **kw)


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def main():
    build, project, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    prefix, ci = os.path.join(work, "prefix"), os.path.join(work, "ci-project")

    if run(["cmake", "--install", build, "--prefix", prefix],
           stdout=subprocess.DEVNULL).returncode != 0:
        fail("cmake --install failed")
    for f in ["bin/lockgraph", "bin/lockgraph-run", "lib/liblockgraph_rt.so",
              "lib/liblockgraph-tidy.so", "lib/cmake/lockgraph/lockgraphConfig.cmake"]:
        if not os.path.exists(os.path.join(prefix, f)):
            fail("not installed: " + f)

    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    if run(["cmake", "-S", project, "-B", ci, "-DCMAKE_PREFIX_PATH=" + prefix] + generator,
           stdout=subprocess.DEVNULL).returncode != 0:
        fail("the project does not configure against the installed package")
    if run(["cmake", "--build", ci], stdout=subprocess.DEVNULL).returncode != 0:
        fail("the project does not build against the installed package")

    ctest = run(["ctest", "--test-dir", ci, "--output-on-failure"],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = ctest.stdout
    print(out)
    if ctest.returncode == 0:
        fail("the lockgraph check passed although the project has two cycles")
    for test in ["Store.RestockIsRecorded", "Store.ReconcileWhileRestocking",
                 "Audit.LogAcceptsLines"]:
        if not any(test in line and "Passed" in line for line in out.splitlines()):
            fail("unit test %s did not pass under the runtime shim" % test)
    if not any("lockgraph" in l and "Failed" in l for l in out.splitlines()):
        fail("the lockgraph test did not fail")

    # Plain ctest runs of the instrumented binary wrote their own reports.
    runs = glob.glob(os.path.join(ci, "lockgraph", "runs", "stock_tests-*.json"))
    if len(runs) < 3:
        fail("expected a report per test run in lockgraph/runs, found %d" % len(runs))

    out_dir = os.path.join(ci, "lockgraph", "lockgraph")
    with open(os.path.join(out_dir, "report.json")) as f:
        report = json.load(f)
    if report["producer"]["side"] != "merged":
        fail("report.json is not a merged report")
    # The check merged the ctest runs' reports beside its own run.
    if len(report["producer"]["runs"]) < len(runs) + 1:
        fail("the check merged %d runs, expected the %d ctest runs and its own"
             % (len(report["producer"]["runs"]), len(runs)))
    want = {"confirmed": 1, "static_only": 1, "runtime_only": 0}
    if report["classification"] != want:
        fail("classification %s, expected %s" % (report["classification"], want))
    names = {l["id"]: l["name"] for l in report["locks"]}
    cycles = {}
    for f in report["findings"]:
        if f["check"] == "lock-order-inversion":
            cycles[frozenset(names[i] for i in f["locks"])] = f
    confirmed = cycles.get(frozenset({"stock::Store::mu_", "stock::Ledger::mu_"}))
    static_only = cycles.get(frozenset({"stock::g_audit_mu", "stock::Ledger::mu_"}))
    if not confirmed or "confirmed" not in confirmed["tags"]:
        fail("Store::mu_ / Ledger::mu_ is not reported as confirmed: %s" % confirmed)
    if not static_only or "static-only" not in static_only["tags"]:
        fail("g_audit_mu / Ledger::mu_ is not reported as static only: %s" % static_only)
    hint = " ".join(n["message"] for n in static_only["notes"])
    for fn in ["stock::Ledger::flush", "stock::audit_snapshot"]:
        if fn not in hint:
            fail("the static-only cycle does not say a test must call %s: %s" % (fn, hint))
    # The cycle a run formed has a runtime witness on its edges.
    origins = [report["edges"][e].get("origin") for e in confirmed["edges"]]
    if origins != ["both", "both"]:
        fail("edges of the confirmed cycle have origins %s" % origins)

    with open(os.path.join(out_dir, "report.sarif")) as f:
        sarif = json.load(f)
    if sarif.get("version") != "2.1.0" or len(sarif["runs"][0]["results"]) != 2:
        fail("report.sarif is not SARIF 2.1.0 with two results")
    if not os.path.getsize(os.path.join(out_dir, "report.html")):
        fail("report.html is empty")
    print("PASS: the installed package classified both cycles")


if __name__ == "__main__":
    main()
