//===- findings/Finding.h - A hazard to report, in clang's shape ----------===//
//
// A finding is a warning at the place that completes the hazard plus one
// note per step that led there, the way clang-tidy's use-after-move adds
// "move occurred here". The same structure feeds every output format.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_FINDINGS_FINDING_H
#define LOCKGRAPH_FINDINGS_FINDING_H

#include "facts/Facts.h"
#include "graph/LockGraph.h"

#include <string>
#include <vector>

namespace lockgraph {

struct Note {
  SourceSite Site;
  std::string Message;
};

struct Finding {
  std::string Check; ///< Without the "lockgraph-" prefix: "double-lock".
  /// Stable across unrelated edits: a hash of the check and the lock names
  /// (and the function, for single-function hazards), never of line numbers.
  std::string Id;
  std::string Message;
  SourceSite Site;
  std::vector<Note> Notes;
  std::vector<LockId> Locks;   ///< Graph nodes involved, when in the graph.
  std::vector<unsigned> Edges; ///< Graph edges involved, for cycles.
  /// Names of the locks involved (`bank::g_mu`, `Account::mu_`), for every
  /// check, in or out of the graph: suppressions files' `lock:` rules match
  /// them (report/SuppressionsFile.h), so every check should fill it.
  std::vector<std::string> LockNames;
  std::vector<std::string> Tags;
};

/// The checks this engine implements, by name without the prefix.
const std::vector<std::string> &allCheckNames();

} // namespace lockgraph

#endif
