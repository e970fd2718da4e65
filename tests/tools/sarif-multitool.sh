#!/bin/sh
# sarif-multitool.sh LOG...: a second opinion on lockgraph's SARIF, beyond the
# schema check that ctest runs (tests/lit/static/sarif.test): Microsoft's SARIF
# Multitool (npm @microsoft/sarif-multitool) with its "Gh" rules, the checks
# GitHub code scanning applies when it ingests a log, plus the JSON schema.
#
# Installs the Multitool (about 100 MB, a self-contained .NET program) with npm
# into $LOCKGRAPH_NPM_PREFIX (default: build/tests/npm) the first time; later
# runs need no network. Not part of ctest: a fresh Debian machine has no npm.
# Exit status: 0 no errors or warnings, 1 problems found, 2 could not run.
set -eu
VERSION=5.7.0
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${LOCKGRAPH_NPM_PREFIX:-$HERE/../../build/tests/npm}
TOOL="$PREFIX/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

[ $# -ge 1 ] || { echo "usage: sarif-multitool.sh LOG..." >&2; exit 2; }
if [ ! -f "$TOOL" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "sarif-multitool: npm is not installed; cannot install @microsoft/sarif-multitool" >&2
    exit 2
  fi
  mkdir -p "$PREFIX"
  if ! npm install --prefix "$PREFIX" --no-audit --no-fund --silent \
      "@microsoft/sarif-multitool@$VERSION" 2>"$PREFIX/npm.err" || [ ! -f "$TOOL" ]; then
    echo "sarif-multitool: npm install @microsoft/sarif-multitool@$VERSION failed:" \
      "$(head -n 1 "$PREFIX/npm.err")" >&2
    exit 2
  fi
fi
# npm may skip the package's postinstall chmod; ICU may be missing.
chmod u+x "$TOOL"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

STATUS=0
for LOG in "$@"; do
  OUT=$(mktemp)
  "$TOOL" validate --rule-kind Gh --level "Error;Warning" \
    -o "$OUT.sarif" "$LOG" >"$OUT" 2>&1 || { cat "$OUT" >&2; rm -f "$OUT" "$OUT.sarif"; exit 2; }
  # The Multitool exits 0 whatever it finds: read its verdict from the log.
  PROBLEMS=$(python3 -c 'import json, sys
log = json.load(open(sys.argv[1]))
for run in log.get("runs", []):
    for r in run.get("results", []):
        if r.get("level", "warning") in ("error", "warning"):
            m = r.get("message", {})
            print("%s: %s" % (r.get("ruleId"), m.get("text") or " | ".join(m.get("arguments", []))))' "$OUT.sarif")
  rm -f "$OUT" "$OUT.sarif"
  if [ -n "$PROBLEMS" ]; then
    echo "$LOG:"; echo "$PROBLEMS"
    STATUS=1
  else
    echo "sarif-multitool: $LOG passes the SARIF Multitool's GitHub (Gh) rules"
  fi
done
exit $STATUS
