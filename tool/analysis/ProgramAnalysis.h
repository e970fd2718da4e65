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

struct AnalysisStats {
  unsigned TranslationUnits = 0;
  unsigned Functions = 0;
  unsigned Acquisitions = 0;
  unsigned Calls = 0;
  unsigned UnresolvedCalls = 0;
};

struct ProgramAnalysis {
  LockGraph Graph;
  std::vector<DoubleLockFact> DoubleLocks;
  std::vector<InstanceOrderFact> InstanceOrders;
  AnalysisStats Stats;
};

ProgramAnalysis analyzeProgram(const std::vector<TUFacts> &TUs);

/// "param:1:to" -> "to", "this" -> "this", "local:a" -> "a".
std::string instanceDisplayName(const std::string &Instance);

} // namespace lockgraph

#endif
