//===- merge/RuntimeReport.h - A runtime shim report, read back -----------===//
//
// The runtime shim writes its report (runtime/rt_report.cpp) in the shared
// `lockgraph-report` schema (docs/report-format.md) with raw stacks: each
// frame a module and an offset into it, to be symbolized here, on the tool
// side, where the debug info and LLVM are. This file only parses: names,
// ids and stacks exactly as the run wrote them.
//
// A report that is not JSON, not a lockgraph report, of an unknown version,
// or whose edges and findings name locks it does not list, is refused with
// an error naming the file (the caller turns it into exit status 2).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_MERGE_RUNTIMEREPORT_H
#define LOCKGRAPH_MERGE_RUNTIMEREPORT_H

#include "facts/Facts.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lockgraph {

/// One return address: the module it falls in and the offset into it (the
/// shim already subtracted one, so it points into the call instruction).
struct RuntimeFrame {
  std::string Module;
  uint64_t Offset = 0;
  std::string Symbol; ///< What dladdr said, often empty.
};
/// Innermost frame first.
using RuntimeStack = std::vector<RuntimeFrame>;

struct RuntimeLock {
  std::string Name; ///< `mutex@0x55..(gen 1)`.
  std::string Type; ///< `mutex`, `rwlock`, `spin`.
  std::string ClassKey;
  RuntimeStack Site; ///< Where the lock was first acquired (one frame).
  /// The full stack of its first contended acquisition (`wait_stack`), empty
  /// when it never waited or the report predates the key.
  RuntimeStack WaitStack;
};

struct RuntimeEdge {
  unsigned From = 0, To = 0;
  int64_t Thread = 0;
  AcquireMode Mode = AcquireMode::Exclusive, HeldMode = AcquireMode::Exclusive;
  RuntimeStack HeldStack;     ///< Where `From` was taken.
  RuntimeStack AcquiredStack; ///< Where `To` was taken while `From` was held.
};

struct RuntimeFinding {
  std::string Check; ///< lock-order-inversion, double-lock, live-deadlock, global-lock, misuse.
  std::string Severity, Message;
  std::vector<unsigned> Locks, Edges;
  std::vector<std::string> Tags; ///< `gated`, `single-thread`.
  std::vector<int64_t> Threads;  ///< double-lock, live-deadlock.
  std::vector<RuntimeStack> Stacks;
};

/// Per-lock contention figures, as measured.
struct RuntimeContention {
  unsigned Lock = 0;
  uint64_t Acquisitions = 0, Contended = 0, WaitNsTotal = 0, WaitNsMax = 0;
  uint64_t HoldNsTotal = 0, HoldSamples = 0, CondWaits = 0, CondWaitNsTotal = 0;
  uint64_t CondTimeouts = 0;
  unsigned Threads = 0;
};

/// The run's global-lock verdict (docs/runtime.md): a mutex held, or a
/// lock built on a condition variable busy, for most of the wall time
/// while other threads waited.
struct RuntimeGlobalLock {
  unsigned Lock = 0;
  std::string Kind;   ///< `mutex` or `condvar`.
  double Share = 0;   ///< held_share (mutex) or busy_share (condvar).
  double WaitShare = 0;
  unsigned ThreadsWaiting = 0;
  double EffectiveParallelism = 0;
};

struct RuntimeReport {
  std::string Path;    ///< The file it was read from.
  std::string Program; ///< argv[0] of the run.
  int64_t Pid = 0;
  std::vector<RuntimeLock> Locks;
  std::vector<RuntimeEdge> Edges;
  std::vector<RuntimeFinding> Findings;
  std::vector<RuntimeContention> Contention;
  std::optional<RuntimeGlobalLock> GlobalLock;
  bool EdgesTruncated = false;
  uint64_t WallNs = 0, CpuNs = 0;
};

/// Parses one runtime report; errors name `Path`.
llvm::Expected<RuntimeReport> parseRuntimeReport(llvm::StringRef Text, llvm::StringRef Path);
llvm::Expected<RuntimeReport> readRuntimeReport(llvm::StringRef Path);

} // namespace lockgraph

#endif
