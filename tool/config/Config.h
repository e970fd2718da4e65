//===- config/Config.h - A project's .lockgraph.yaml ----------------------===//
//
// The settings a project keeps next to its sources, so CI and every developer
// run lockgraph the same way without repeating flags:
//
//   # .lockgraph.yaml
//   Checks: '-*,lockgraph-lock-order-inversion,lockgraph-double-lock'
//   Baseline: lockgraph-baseline.json          # relative to this file
//   Suppressions: lockgraph-suppressions.txt   # relative to this file
//   GlobalLockThreshold: 4
//   BlockingFunctions: [my_sleep, rpc::call_sync]
//   LockFunctions: [my_lock]
//   UnlockFunctions: [my_unlock]
//   NonBlockingFunctions: [debug_printf]
//   IgnoredFunctions: [trace_dump]
//
// It is found the way clang-tidy finds `.clang-tidy`: the nearest file named
// `.lockgraph.yaml` in the source file's directory or one of its parents.
// Every key is optional; an absent key leaves the built-in default (and a
// flag given on the command line always wins). An unknown key is an error,
// so a typo does not silently do nothing.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_CONFIG_CONFIG_H
#define LOCKGRAPH_CONFIG_CONFIG_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace lockgraph {

/// The name clang-tidy-style discovery looks for.
constexpr const char *ConfigFileName = ".lockgraph.yaml";

struct Config {
  /// Where it was read from; empty when no file was found.
  std::string Path;

  /// Check globs, the syntax of `--checks` (`-*,lockgraph-double-lock`).
  std::optional<std::string> Checks;
  /// Baseline and suppressions files, made absolute against the directory of
  /// the config file (a project names them relative to its root).
  std::optional<std::string> Baseline;
  std::optional<std::string> Suppressions;
  /// lockgraph-global-lock: how many thread entry points must reach a
  /// namespace-scope lock before it is reported.
  std::optional<int> GlobalLockThreshold;
  /// lockgraph-blocking-under-lock: extra functions that block (qualified
  /// names), added to the built-in list.
  std::vector<std::string> BlockingFunctions;
  /// Extra lock APIs without thread-safety attributes: functions that take
  /// (LockFunctions) or release (UnlockFunctions) a lock: `name` (the first
  /// argument), `name(N)` (the Nth), `name(N->field)` (a field of it); a
  /// name may be `Record::field`, a function-pointer field called through a
  /// lock table (extract/LockOperations.h).
  std::vector<std::string> LockFunctions;
  std::vector<std::string> UnlockFunctions;
  /// lockgraph-blocking-under-lock: functions whose calls never count as
  /// blocking, built-in (`write` on what the project knows is a pipe) or
  /// the project's own, with everything they call (a debug printer that
  /// writes only when tracing is on).
  std::vector<std::string> NonBlockingFunctions;
  /// Calls to these are not followed at all: no lock, edge or blocking
  /// call is reached through them (their own bodies are still checked).
  std::vector<std::string> IgnoredFunctions;
};

/// Parses the text of a config file. `Path` names it in errors and anchors
/// its relative paths. Errors are one line:
/// `bad config file '<path>': <line>:<col>: <why>`.
llvm::Expected<Config> parseConfig(llvm::StringRef Text, llvm::StringRef Path);

/// Reads and parses the file at `Path` (error: cannot read, or bad YAML).
llvm::Expected<Config> readConfigFile(llvm::StringRef Path);

/// The nearest `.lockgraph.yaml` in the directory of `SourceFile` (made
/// absolute against the current directory) or its parents; an empty
/// `SourceFile` starts in the current directory. Empty when there is none.
std::string findConfigFile(llvm::StringRef SourceFile);

struct AnalysisOptions; // analysis/ProgramAnalysis.h
/// The analysis tuning a config asks for (GlobalLockThreshold), the
/// defaults for what it leaves out.
AnalysisOptions analysisOptions(const Config &C);

} // namespace lockgraph

#endif
