#!/bin/sh
# fetch-sarif-schema.sh: checks that tests/lit/static/Inputs/sarif-schema-2.1.0.json
# is still the SARIF 2.1.0 schema shipped by the npm package it was copied from
# (see sarif-schema-2.1.0.LICENSE.txt next to it). With --update, copies the
# package's file over it instead.
#
# The schema is committed so that the tests validate offline; this script is
# for whoever refreshes it, and needs npm and the npm registry.
# Exit status: 0 same (or updated), 1 different, 2 could not fetch.
set -eu
PACKAGE=@microsoft/jest-sarif@1.0.0-beta.0
MEMBER=package/lib/schemas/sarif-2.1.0-rtm.5.json
HERE=$(cd "$(dirname "$0")" && pwd)
COPY="$HERE/../lit/static/Inputs/sarif-schema-2.1.0.json"

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-sarif-schema: npm is not installed; cannot fetch $PACKAGE" >&2
  exit 2
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if ! (cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null 2>"$WORK/npm.err"); then
  echo "fetch-sarif-schema: npm pack $PACKAGE failed: $(head -n 1 "$WORK/npm.err")" >&2
  exit 2
fi
tar -xzf "$WORK"/*.tgz -C "$WORK" "$MEMBER"
if [ "${1:-}" = "--update" ]; then
  cp "$WORK/$MEMBER" "$COPY"
  echo "fetch-sarif-schema: updated $COPY from $PACKAGE"
elif cmp -s "$WORK/$MEMBER" "$COPY"; then
  echo "fetch-sarif-schema: $COPY is $PACKAGE's $MEMBER"
else
  echo "fetch-sarif-schema: $COPY differs from $PACKAGE's $MEMBER" >&2
  exit 1
fi
