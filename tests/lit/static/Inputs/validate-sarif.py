#!/usr/bin/env python3
"""validate-sarif.py SCHEMA LOG: checks a SARIF log against the SARIF 2.1.0
JSON schema, then against what GitHub code scanning's ingestion requires
beyond the schema (its "SARIF support for code scanning" page, and the "Gh"
rules of Microsoft's SARIF Multitool, see tests/tools/sarif-multitool.sh): a
$schema, a ruleId that names a rule of the run, a message, at least one
location (and at most 10) with an artifact URI and a region starting at line
1 or later, rules with short and full descriptions and help text, and the
upload limits. Prints one line per problem and exits 1, or prints a summary
line and exits 0.

Needs python3-jsonschema (scripts/install-deps.sh installs it); without it
this fails rather than pass unchecked."""
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    # lit may run under another python3 (a pyenv one) than the system's, for
    # which Debian's python3-jsonschema is installed: try that one once.
    SYSTEM = "/usr/bin/python3"
    if os.path.exists(SYSTEM) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM) \
            and not os.environ.get("VALIDATE_SARIF_REEXEC"):
        os.environ["VALIDATE_SARIF_REEXEC"] = "1"
        os.execv(SYSTEM, [SYSTEM] + sys.argv)
    sys.exit("validate-sarif: python3-jsonschema is not installed "
             "(scripts/install-deps.sh installs it); cannot validate")

# GitHub's documented limits for one upload.
MAX_RUNS = 20
MAX_RESULTS = 25000
MAX_RULES = 25000
MAX_LOCATIONS = 10
MAX_RELATED = 1000
MAX_THREADFLOW_LOCATIONS = 10000
MAX_TAGS = 20

problems = []


def problem(where, what):
    problems.append("%s: %s" % (where, what))


def check_uri(where, artifact):
    uri = artifact.get("uri")
    if not isinstance(uri, str) or not uri:
        problem(where, "artifactLocation has no uri")
        return
    if re.search(r"[\s\\]", uri):
        problem(where, "uri %r has characters that must be percent-encoded" % uri)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", uri)
    if scheme and scheme.group(1) != "file":
        problem(where, "uri %r is neither relative nor a file: URI" % uri)
    if not scheme and "uriBaseId" not in artifact and uri.startswith("/"):
        problem(where, "absolute path %r without a file: scheme" % uri)


def check_location(where, loc, need_region=True):
    phys = loc.get("physicalLocation")
    if not isinstance(phys, dict):
        problem(where, "no physicalLocation")
        return
    check_uri(where, phys.get("artifactLocation") or {})
    region = phys.get("region")
    if region is None:
        if need_region:
            problem(where, "no region")
        return
    if not isinstance(region.get("startLine"), int) or region["startLine"] < 1:
        problem(where, "region.startLine must be 1 or more")
    if "startColumn" in region and region["startColumn"] < 1:
        problem(where, "region.startColumn must be 1 or more")


def check_github(log):
    if log.get("version") != "2.1.0":
        problem("version", "must be 2.1.0")
    if "sarif" not in str(log.get("$schema", "")):
        problem("$schema", "missing; GitHub wants it to name the SARIF 2.1.0 schema")
    runs = log.get("runs", [])
    if len(runs) > MAX_RUNS:
        problem("runs", "more than %d runs" % MAX_RUNS)
    for r, run in enumerate(runs):
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problem("runs[%d].tool.driver" % r, "no name")
        rules = driver.get("rules", [])
        if len(rules) > MAX_RULES:
            problem("runs[%d]" % r, "more than %d rules" % MAX_RULES)
        ids = [rule.get("id") for rule in rules]
        if len(set(ids)) != len(ids):
            problem("runs[%d].tool.driver.rules" % r, "rule ids are not unique")
        for i, rule in enumerate(rules):
            where = "runs[%d].tool.driver.rules[%d]" % (r, i)
            for key in ("shortDescription", "fullDescription", "help"):
                if not rule.get(key, {}).get("text"):
                    problem(where, "no %s.text (GitHub shows it on the alert)" % key)
            if len(rule.get("properties", {}).get("tags", [])) > MAX_TAGS:
                problem(where, "more than %d tags" % MAX_TAGS)
        results = run.get("results")
        if results is None:
            problem("runs[%d]" % r, "no results array")
            continue
        if len(results) > MAX_RESULTS:
            problem("runs[%d]" % r, "more than %d results" % MAX_RESULTS)
        for i, res in enumerate(results):
            where = "runs[%d].results[%d]" % (r, i)
            rule_id = res.get("ruleId")
            if not rule_id:
                problem(where, "no ruleId")
            elif rule_id not in ids:
                problem(where, "ruleId %r is not a rule of the run" % rule_id)
            if "ruleIndex" in res and (res["ruleIndex"] >= len(ids) or
                                       ids[res["ruleIndex"]] != rule_id):
                problem(where, "ruleIndex does not point at rule %r" % rule_id)
            if not res.get("message", {}).get("text"):
                problem(where, "no message.text")
            locations = res.get("locations", [])
            if not locations:
                problem(where, "no locations")
            if len(locations) > MAX_LOCATIONS:
                problem(where, "more than %d locations" % MAX_LOCATIONS)
            for j, loc in enumerate(locations):
                check_location("%s.locations[%d]" % (where, j), loc)
            related = res.get("relatedLocations", [])
            if len(related) > MAX_RELATED:
                problem(where, "more than %d related locations" % MAX_RELATED)
            for j, loc in enumerate(related):
                check_location("%s.relatedLocations[%d]" % (where, j), loc)
            for c, flow in enumerate(res.get("codeFlows", [])):
                for t, thread in enumerate(flow.get("threadFlows", [])):
                    steps = thread.get("locations", [])
                    if len(steps) > MAX_THREADFLOW_LOCATIONS:
                        problem(where, "a threadFlow with more than %d locations"
                                % MAX_THREADFLOW_LOCATIONS)
                    for s, step in enumerate(steps):
                        check_location("%s.codeFlows[%d].threadFlows[%d].locations[%d]"
                                       % (where, c, t, s), step.get("location", {}))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: validate-sarif.py SCHEMA LOG")
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    try:
        with open(sys.argv[2]) as f:
            log = json.load(f)
    except ValueError as e:
        print("%s: not JSON: %s" % (sys.argv[2], e))
        return 1
    validator = jsonschema.Draft4Validator(schema)
    for error in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
        path = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                       for p in error.absolute_path) or "(root)"
        problem("schema " + path, error.message)
    check_github(log)
    for p in problems:
        print(p)
    if problems:
        return 1
    results = sum(len(run.get("results", [])) for run in log.get("runs", []))
    print("sarif-valid: SARIF 2.1.0 schema and GitHub code scanning rules: %d results"
          % results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
