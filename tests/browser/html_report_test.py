#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium over W3C WebDriver.

Builds samples/abba.cpp, runs it under the shim, merges the run with the
static facts into `lockgraph report --format=html`, then checks that the page
  - references nothing outside itself (in the file, and in the browser:
    no resource was loaded, with any network access pointed at a dead proxy);
  - loads without a script error and draws the graph: 2 nodes, 2 edges,
    both edges of the cycle;
  - opens each edge's witness on a click (lock names, file:line of the
    acquisitions, the source line as an excerpt);
  - lists the finding with its "confirmed" badge, and highlights the
    finding's edges when it is clicked.

WebDriver is spoken directly with urllib (python3's standard library only).
Exit 77 (ctest's SKIP_RETURN_CODE) when chromium or chromedriver is missing.
Set LOCKGRAPH_HTML_SCREENSHOT=<file.png> to keep a screenshot of the page.
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"  # W3C WebDriver's element id key


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def run(cmd, expect, **kwargs):
    """Runs cmd; fails unless it exits with `expect`."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    if proc.returncode not in (expect if isinstance(expect, tuple) else (expect,)):
        raise Failure("%s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(cmd), proc.returncode, expect, proc.stdout[-4000:], proc.stderr[-4000:]))
    return proc


def make_report(args, tmp):
    """(a) static facts + a run of abba under the shim -> report.html and report.json."""
    abba = os.path.join(args.samples, "abba.cpp")
    exe = os.path.join(tmp, "abba")
    run([args.clangxx, "-g", "-O0", "-pthread", abba, "-o", exe], 0)
    # abba can really deadlock when its two threads overlap (likelier on a
    # loaded machine): the watchdog then writes the report and aborts, so
    # the run ends either way with its cycle recorded.
    env = dict(os.environ, LD_PRELOAD=args.runtime,
               LOCKGRAPH_OPTIONS="report=" + os.path.join(tmp, "run.json") +
               ":watchdog_ms=2000:abort_on_deadlock=1")
    deadlocked = run([exe], (0, -6), env=env, timeout=120).returncode == -6
    check(os.path.exists(os.path.join(tmp, "run.json")), "the run wrote no run.json")
    facts = os.path.join(tmp, "facts")
    run([args.lockgraph, "--emit-facts", facts, abba, "--", "-std=c++17"], 1)
    merged = [args.lockgraph, "report", "--static", facts, "--runtime", os.path.join(tmp, "run.json")]
    html = os.path.join(tmp, "report.html")
    run(merged + ["--format=html", "-o", html], 1)
    # The same merge as JSON says which lines each edge's witness names.
    run(merged + ["--format=json", "-o", os.path.join(tmp, "report.json")], 1)
    with open(os.path.join(tmp, "report.json")) as f:
        return html, json.load(f), deadlocked


def check_self_contained(html):
    """(b) Nothing in the file points outside it."""
    with open(html, encoding="utf-8") as f:
        text = f.read()
    urls = re.findall(r"https?://[^\s\"'<>]*", text)
    check(not urls, "the page references URLs: %s" % urls[:5])
    refs = re.findall(r"""\b(?:src|href)\s*=\s*["']?[^\s"'>]*""", text, re.I)
    check(not refs, "the page has src=/href= attributes: %s" % refs[:5])
    check('<script type="application/json" id="lockgraph-data">' in text, "no lockgraph-data script")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """The few W3C WebDriver commands this test needs."""

    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read().decode() or "{}").get("value")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            try:
                v = json.loads(detail)["value"]
                detail = "%s: %s" % (v.get("error"), v.get("message", "").splitlines()[0])
            except (ValueError, KeyError, TypeError, IndexError):
                pass
            raise Failure("WebDriver %s %s failed (%d): %s" % (method, path, e.code, detail))

    def wait_ready(self, proc, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            check(proc.poll() is None, "chromedriver exited with %s" % proc.returncode)
            try:
                if (self.call("GET", "/status", timeout=2) or {}).get("ready"):
                    return
            except (Failure, OSError):
                pass
            time.sleep(0.2)
        raise Failure("chromedriver did not become ready in %ds" % seconds)

    def start(self, chromium):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                # Root in a container needs --no-sandbox. A dead proxy and no
                # DNS: any fetch the page tried would fail (and be counted below).
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                         "--window-size=1400,1000"],
            }}}}
        value = self.call("POST", "/session", caps, timeout=120)
        self.session = value["sessionId"]

    def cmd(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find_all(self, css):
        return [e[ELEMENT_KEY] for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def click(self, element):
        self.cmd("POST", "/element/%s/click" % element, {})

    def text(self, element):
        return self.cmd("GET", "/element/%s/text" % element)

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", "/session/%s" % self.session, timeout=30)
            except (Failure, OSError) as e:
                print("note: deleting the session failed: %s" % e, file=sys.stderr)
            self.session = None


def file_line(site):
    return "%s:%d" % (os.path.basename(site["file"]), site["line"])


def source_line(path, line):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()[line - 1].strip()


def check_page(wd, html, report, deadlocked):
    """(c) Load, draw, click."""
    wd.cmd("POST", "/url", {"url": "file://" + html})
    deadline = time.time() + 10
    while wd.js("return document.body.getAttribute('data-ready')") != "1":
        errors = wd.js("return window.lockgraphErrors || null")
        check(time.time() < deadline, "the page's script never finished; errors: %s" % errors)
        time.sleep(0.1)

    errors = wd.js("return window.lockgraphErrors")
    check(errors == [], "script errors in the page: %s" % errors)
    resources = wd.js("return performance.getEntriesByType('resource').map(function (r) { return r.name; })")
    check(resources == [], "the page loaded resources: %s" % resources)

    nodes = wd.js("return Array.from(document.querySelectorAll('#graph .node')).map(function (n) { return n.textContent; })")
    check(len(nodes) == 2, "expected 2 nodes in the graph, got %d: %s" % (len(nodes), nodes))
    names = [l["name"] for l in report["locks"]]
    check(sorted(names) == ["bank::g_accounts_mu", "bank::g_ledger_mu"], "unexpected locks in the report: %s" % names)
    for name in names:
        check(any(name in n for n in nodes), "no node shows %s: %s" % (name, nodes))
    edge_classes = wd.js("return Array.from(document.querySelectorAll('#graph .edge')).map(function (e) { return e.getAttribute('class'); })")
    check(len(edge_classes) == 2, "expected 2 edges in the graph, got %s" % edge_classes)
    check(all("cycle" in c.split() for c in edge_classes), "both edges should be drawn as the cycle: %s" % edge_classes)
    check(wd.find_all(".edge") == wd.find_all("#graph .edge"), "an .edge element outside the graph")

    # Each edge opens its own witness: both locks, the held and the acquiring
    # sites as file:line, and the acquiring line's source.
    abba = os.path.join(os.path.dirname(report["edges"][0]["witness"]["acquired_at"]["file"]), "abba.cpp")
    witness = wd.find_all("#witness")[0]
    for element in wd.find_all("#graph .edge"):
        index = int(wd.js("return arguments[0].getAttribute('data-edge')", {ELEMENT_KEY: element}))
        edge = report["edges"][index]
        wd.click(element)
        text = wd.text(witness)
        what = "after a click on edge %d, #witness" % index
        for name in names:
            check(name in text, "%s lacks the lock name %s:\n%s" % (what, name, text))
        w = edge["witness"]
        for site in (w["held_at"], w["acquired_at"]):
            check(file_line(site) in text, "%s lacks %s:\n%s" % (what, file_line(site), text))
        excerpt = source_line(abba, w["acquired_at"]["line"])
        check("std::lock_guard<std::mutex>" in excerpt, "abba.cpp changed: line %d is %r" % (w["acquired_at"]["line"], excerpt))
        check(excerpt in text, "%s lacks the source excerpt %r:\n%s" % (what, excerpt, text))
        program = edge.get("program")
        check(program and program in text, "%s does not name the run's program %r:\n%s" % (what, program, text))
        active = wd.js("return Array.from(document.querySelectorAll('#graph .edge.active')).map(function (e) { return e.getAttribute('data-edge'); })")
        check(active == [str(index)], "after a click on edge %d the active edges are %s" % (index, active))

    # One inversion, confirmed by the run; a run whose threads overlapped
    # and really deadlocked adds the watchdog's live-deadlock, nothing else.
    findings = wd.find_all("#findings .finding")
    texts = [wd.text(f) for f in findings]
    expected = 2 if deadlocked else 1
    check(len(findings) == expected, "expected %d finding(s) in #findings (the run %s), got %d:\n%s" % (
        expected, "deadlocked" if deadlocked else "ended", len(findings), "\n".join(texts)))
    inversions = [i for i, t in enumerate(texts) if "lock-order-inversion" in t]
    check(len(inversions) == 1, "expected one lock-order-inversion finding:\n%s" % "\n".join(texts))
    if deadlocked:
        check(any("live-deadlock" in t for t in texts), "the run deadlocked but no live-deadlock finding:\n%s" % "\n".join(texts))
    text = texts[inversions[0]]
    check("confirmed" in text, "the finding has no 'confirmed' badge:\n%s" % text)
    wd.click(findings[inversions[0]])
    highlighted = wd.js("return document.querySelectorAll('#graph .edge.highlight').length")
    check(highlighted == 2, "a click on the finding highlighted %s edges, expected 2" % highlighted)

    summary = wd.text(wd.find_all("#summary")[0])
    check("1 confirmed" in summary, "the header lacks the classification:\n%s" % summary)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lockgraph", required=True)
    parser.add_argument("--runtime", required=True, help="liblockgraph_rt.so")
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--samples", required=True)
    args = parser.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        print("SKIP: needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)")
        return SKIP
    for path in (args.lockgraph, args.runtime, args.clangxx):
        if not os.path.exists(path):
            print("FAIL: %s does not exist (build it first)" % path)
            return 1

    tmp = tempfile.mkdtemp(prefix="lockgraph-html-")
    driver = wd = None
    ok = False
    try:
        html, report, deadlocked = make_report(args, tmp)
        check_self_contained(html)
        port = free_port()
        driver = subprocess.Popen([chromedriver, "--port=%d" % port], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        wd = WebDriver(port)
        wd.wait_ready(driver)
        wd.start(chromium)
        try:
            check_page(wd, html, report, deadlocked)
        finally:
            shot = os.environ.get("LOCKGRAPH_HTML_SCREENSHOT")
            if shot:
                with open(shot, "wb") as f:
                    f.write(base64.b64decode(wd.cmd("GET", "/screenshot")))
        ok = True
        print("PASS: the HTML report loads offline, draws the cycle and opens witnesses")
        return 0
    except Failure as e:
        print("FAIL: %s" % e)
        print("(files kept in %s)" % tmp)
        return 1
    finally:
        if wd:
            wd.quit()
        if driver:
            driver.terminate()
            try:
                driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                driver.kill()
                driver.wait()
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
