#!/bin/sh
# lockgraph-run: run a program under the lockgraph runtime shim.
#
#   lockgraph-run [--report=PATH] [--exitcode=N] [--watchdog=MS] [--abort]
#                 [-o key=value]... [--] PROGRAM [ARGS...]
#
# Sets LD_PRELOAD to the shim (build/lib/liblockgraph_rt.so next to this
# script's bin/ directory, or $LOCKGRAPH_RT) and LOCKGRAPH_OPTIONS from the
# flags (appended to any LOCKGRAPH_OPTIONS already set), then execs PROGRAM.
# --report sets LOCKGRAPH_REPORT instead, so that PATH may contain ':'.
# Exit status: PROGRAM's (or the exitcode=N chosen for findings); 2 if this
# wrapper could not run it as asked.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shim=${LOCKGRAPH_RT:-$here/../lib/liblockgraph_rt.so}
opts=${LOCKGRAPH_OPTIONS:-}
report=
add() { if [ -n "$opts" ]; then opts="$opts:$1"; else opts=$1; fi; }
usage() { echo 'usage: lockgraph-run [--report=PATH] [--exitcode=N] [--watchdog=MS] [--abort] [-o key=value]... [--] PROGRAM [ARGS...]' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --report=*) report=${1#--report=} ;;
    --exitcode=*) add "exitcode=${1#--exitcode=}" ;;
    --watchdog=*) add "watchdog_ms=${1#--watchdog=}" ;;
    --abort) add "abort_on_deadlock=1" ;;
    -o) [ $# -ge 2 ] || usage; add "$2"; shift ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "lockgraph-run: unknown flag '$1'" >&2; usage ;;
    *) break ;;
  esac
  shift
done
[ $# -ge 1 ] || usage
if [ ! -f "$shim" ]; then
  echo "lockgraph-run: runtime shim not found: $shim (set LOCKGRAPH_RT)" >&2
  exit 2
fi
if [ -n "${LD_PRELOAD:-}" ]; then shim="$shim:$LD_PRELOAD"; fi
if [ -n "$report" ]; then export LOCKGRAPH_REPORT="$report"; fi
LD_PRELOAD=$shim LOCKGRAPH_OPTIONS=$opts exec "$@"
