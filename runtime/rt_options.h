//===- rt_options.h - lockgraph runtime: LOCKGRAPH_OPTIONS parsing -*- C++ -*-===//
//
// Options come from one environment variable in the sanitizers' style:
//   LOCKGRAPH_OPTIONS=report=/tmp/lg.json:exitcode=3:watchdog_ms=2000
// Separators are ':' and whitespace; in a value, a backslash before a
// separator or a backslash takes it literally (report=/tmp/a\:b.json). Unknown
// keys and malformed values produce one warning line each (through the Warn
// callback) and are otherwise ignored; parsing never fails and never
// allocates. LOCKGRAPH_REPORT, when set and not empty, names the report file
// as is (any character) and overrides report= (SetReportPath).
//
// Capacity: report paths up to 4095 bytes (longer: warning, option ignored);
// at most 16 warnings are produced per parse.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_OPTIONS_H
#define LOCKGRAPH_RT_OPTIONS_H

#include <cstdint>

namespace lockgraph {
namespace rt {

enum class GatedMode : uint8_t { Report, Hide };

struct Options {
  char Report[4096] = {0};   // report=PATH or LOCKGRAPH_REPORT: JSON report file ("%p" -> pid)
  int ExitCode = 0;          // exitcode=N: exit status when a deadlock finding was made
  int StackDepth = 16;       // stack_depth=N (1..64): frames kept per stack
  int WatchdogMs = 0;        // watchdog_ms=N: live-deadlock bound, 0 = off
  bool AbortOnDeadlock = false; // abort_on_deadlock=0|1
  int ContentionTop = 10;    // contention_top=N: rows of the contention table
  GatedMode Gated = GatedMode::Report; // gated=report|hide
  int HoldSampleRate = 64;   // hold_sample_rate=N: time 1 in N holds, 0 = never
  int Verbosity = 1;         // verbosity=N: 0 findings only, 1 + tables, 2 + debug
  bool Detect = true;        // detect=0|1: 0 passes everything through
};

// Warn receives a complete message without a trailing newline.
using WarnFn = void (*)(const char *Msg);

// Parses Text (may be null) over the defaults already in *Out.
void ParseOptions(const char *Text, Options *Out, WarnFn Warn);
// The value of LOCKGRAPH_REPORT (may be null): replaces Out->Report unless
// it is empty or too long (then one warning and Out->Report is kept).
void SetReportPath(const char *Path, Options *Out, WarnFn Warn);

} // namespace rt
} // namespace lockgraph

#endif
