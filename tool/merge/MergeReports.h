//===- merge/MergeReports.h - Static facts + runtime reports -> one report ===//
//
// The static pass sees paths no test ran; a run sees locks reached through
// pointers the static pass could not follow. This joins them:
//
//  1. Name runtime locks in static terms. A runtime lock is an address; its
//     stacks (where it was first taken, and the witnesses of its edges) are
//     symbolized, and the first frame in user code whose file:line is a
//     static acquisition site gives the static name (`Account::mu_`); a
//     line that takes several locks names the second lock of an edge by the
//     static held set. Without debug info, the first function of the
//     program on the stack names the lock when it takes exactly one lock
//     itself. A lock seen only as the held end of edges (at -O0 the shim's
//     held stack is no evidence: see heldStackReliable) is named by the
//     static held sets along the other acquisition's stack. Any other lock
//     is named `<type>@<file>:<line>` after its first frame in user code,
//     `<type>@<function>` without debug info, or keeps its runtime name.
//  2. Add the runtime edges to the static lock graph under those names,
//     remembering for every edge which side saw it. Edges between two locks
//     no static site names (a test framework's own) are left out unless
//     they are part of a cycle.
//  3. Classify each cycle by its set of lock names: confirmed (a run formed
//     the cycle the static pass reports), static only (no run did: the notes
//     say which functions a test would have to run), runtime only (the notes
//     say why the static pass missed it). Double locks and global locks are
//     matched the same way; measured serialization confirms a static
//     global-lock hot spot.
//  4. Sum the contention tables of all runs per lock name.
//
// Findings keep their ids across sides: a runtime-only cycle has the id the
// static pass would give it, so one baseline serves both.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_MERGE_MERGEREPORTS_H
#define LOCKGRAPH_MERGE_MERGEREPORTS_H

#include "analysis/ProgramAnalysis.h"
#include "findings/Finding.h"
#include "merge/RunEvidence.h"
#include "merge/RuntimeReport.h"
#include "merge/StackSymbolizer.h"

#include <string>
#include <vector>

namespace lockgraph {

struct MergedReport {
  /// The static analysis with the runtime's locks and edges added.
  ProgramAnalysis Analysis;
  std::vector<Finding> Findings; ///< Sorted by file, line, check.
  RunEvidence Runs;
};

/// `StaticFindings` are the static pass's findings on `Static` (already
/// filtered by --checks and NOLINT); `Facts` are the TUs it came from (their
/// acquisition sites name runtime locks). Either side may be empty.
MergedReport mergeReports(ProgramAnalysis Static, std::vector<Finding> StaticFindings,
                          const std::vector<TUFacts> &Facts,
                          const std::vector<RuntimeReport> &Runs,
                          StackSymbolizer &Symbolizer);

} // namespace lockgraph

#endif
