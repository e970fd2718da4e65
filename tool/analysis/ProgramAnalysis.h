//===- analysis/ProgramAnalysis.h - Facts of many TUs -> one lock graph ---===//
//
// Links functions across translation units by their linkage key, computes a
// summary per function (the locks it may acquire, transitively, each with the
// shortest call chain that reaches the acquisition), and forms the edges of
// the lock graph:
//   - an acquisition of B while A is held gives A -> B;
//   - a call made while A is held, to a function whose summary acquires B,
//     gives A -> B with the call chain as witness.
// Summaries are computed callees first and iterated to a fixed point, so
// recursion terminates: a summary only grows, and its lock keys come from a
// finite set.
//
// Locks a function received as parameters are named in the caller's terms:
// the callee's `param:N` becomes the caller's argument, and a member lock on
// `this` or on a parameter object takes the caller's instance. Edges between
// parameter locks that no caller names stay unnamed and are not reported.
//
// Two acquisitions of one lock name never form an edge: with the same
// instance they are a double lock, with two different known instances of a
// member lock an instance-order hazard, and with an unknown instance nothing.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_ANALYSIS_PROGRAMANALYSIS_H
#define LOCKGRAPH_ANALYSIS_PROGRAMANALYSIS_H

#include "facts/Facts.h"
#include "graph/LockGraph.h"

#include <map>
#include <string>
#include <vector>

namespace lockgraph {

/// A non-recursive lock acquired while it is already held.
struct DoubleLockFact {
  LockRef Lock;
  EdgeWitness Witness;
  std::string Function; ///< Where the outer lock is held.
};

/// Two instances of one member lock taken nested.
struct InstanceOrderFact {
  LockRef Lock;
  std::string FirstInstance, SecondInstance; ///< Instance paths.
  EdgeWitness Witness;
  std::string Function;
};

/// A call that can block while a lock is held (directly or in a callee).
struct BlockingFact {
  std::string Callee; ///< The blocking function.
  HeldLock Held;
  SourceSite CallSite; ///< The blocking call itself.
  std::vector<ChainStep> Chain;
  std::string Function;
  /// I/O on a file descriptor that no code seen makes non-blocking: it
  /// blocks only if the descriptor is blocking.
  bool OnDescriptor = false;
};

/// A lock taken by hand and still held on some path at a function's exit.
struct LeakFact {
  HeldLock Lock;
  SourceSite ExitSite;
  std::string Function;
};

struct UnheldReleaseFact {
  LockRef Lock;
  SourceSite Site;
  std::string Function;
  std::string Via;       ///< The release wrapper called at Site, if any.
  SourceSite ReleasedAt; ///< Where that wrapper unlocks.
};

/// A namespace-scope or static lock that many threads' code takes.
struct GlobalLockFact {
  LockRef Lock;
  std::vector<ThreadStart> Starts; ///< Thread starts whose code takes it.
  SourceSite AcquiredAt;           ///< Reached from the first start.
  std::vector<ChainStep> Chain;    ///< From that start's entry.
  /// The function that makes the most calls while holding the lock, and
  /// how many: the longest critical section visible statically.
  std::string BusiestFunction;
  unsigned CallsUnderLock = 0;
  SourceSite BusiestSite;
};

/// An edge that goes against an acquired_before / acquired_after order.
struct DeclaredOrderFact {
  DeclaredOrder Order;
  unsigned Edge; ///< Index in the graph: Order.After -> Order.Before.
};

struct AnalysisOptions {
  /// How many thread starts (a start in a loop counts as this many) must
  /// reach a global lock for lockgraph-global-lock.
  unsigned GlobalLockThreshold = 3;
};

struct AnalysisStats {
  unsigned TranslationUnits = 0;
  unsigned Functions = 0;
  unsigned Acquisitions = 0;
  unsigned Calls = 0;
  unsigned UnresolvedCalls = 0;
  /// Calls through function pointers (analysis/IndirectCalls.h): those
  /// whose slot the program stores functions into, each followed to all of
  /// them, and those whose slot has no known target. Of the latter, the
  /// ones through a pointer named like a lock function, and the first of
  /// those (by site).
  unsigned IndirectCallsResolved = 0;
  unsigned IndirectCallsUnresolved = 0;
  unsigned LockLikeUnresolved = 0;
  SourceSite FirstLockLikeSite;
  std::string FirstLockLikeCallee;
  /// Further definitions of a name already defined with other facts (two
  /// programs of one build, or one file compiled with different -Ds).
  unsigned DuplicateDefinitions = 0;
  /// Calls to such a name that took every definition: no link unit holds
  /// both the caller and just one of them (design.md, "Programs").
  unsigned AmbiguousCalls = 0;
  /// Whether any translation unit was placed in a link unit.
  bool LinkUnitsKnown = false;
  /// Releases of locks the pass cannot name (LockRef::unnamed), not
  /// checked against the held set.
  unsigned UncheckedReleases = 0;
};

struct ProgramAnalysis {
  LockGraph Graph;
  std::vector<DoubleLockFact> DoubleLocks;
  std::vector<InstanceOrderFact> InstanceOrders;
  std::vector<BlockingFact> Blocking;
  std::vector<LeakFact> Leaks;
  std::vector<UnheldReleaseFact> UnheldReleases;
  std::vector<GlobalLockFact> GlobalLocks;
  std::vector<DeclaredOrderFact> DeclaredOrderViolations;
  /// For each function (by qualified name) the thread starts whose entry
  /// reaches it through calls, to rank cycles by the threads that can
  /// run their edges.
  std::map<std::string, std::vector<ThreadStart>> ThreadsReaching;
  AnalysisStats Stats;
};

ProgramAnalysis analyzeProgram(const std::vector<TUFacts> &TUs,
                               const AnalysisOptions &Options = {});

/// "param:1:to" -> "to", "this" -> "this", "local:a" -> "a".
std::string instanceDisplayName(const std::string &Instance);

} // namespace lockgraph

#endif
