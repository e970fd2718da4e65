//===- findings/ComputeFindings.h - Analysis results -> findings ----------===//
#ifndef LOCKGRAPH_FINDINGS_COMPUTEFINDINGS_H
#define LOCKGRAPH_FINDINGS_COMPUTEFINDINGS_H

#include "analysis/ProgramAnalysis.h"
#include "findings/Finding.h"

#include <string>
#include <vector>

namespace lockgraph {

/// All findings of all checks, sorted by file, line, column, check.
///  - lock-order-inversion: one per distinct cycle of the lock graph that can
///    block (graph/Cycles.h), warned at the acquisition that closes it.
///  - double-lock: a non-recursive lock acquired while held.
///  - instance-order: two instances of one member lock taken nested, unless
///    the same function also takes them in the opposite order (the ordered
///    idiom: `if (&a < &b) {lock a; lock b} else {lock b; lock a}`).
std::vector<Finding> computeFindings(const ProgramAnalysis &A);

/// The notes that explain one edge: where the held lock was taken, each
/// call on the way, and where the second lock was taken. `Held` and
/// `Acquired` are already quoted descriptions of the two locks.
std::vector<Note> explainEdge(const std::string &Held, const std::string &Acquired,
                              const EdgeWitness &W);

/// A finding id: FNV-1a of the parts, 16 hex digits; small, and stable
/// across platforms and runs (std::hash is neither).
std::string stableId(const std::vector<std::string> &Parts);

/// The id of a cycle over these locks, whatever their order and whichever
/// side (static or runtime) found it, so a baseline covers both.
std::string cycleFindingId(const std::string &Check, std::vector<std::string> LockNames);

/// Where a hazard completes in the function that holds the first lock: the
/// call that leads to the second acquisition, or the acquisition itself.
SourceSite hazardSite(const EdgeWitness &W);

} // namespace lockgraph

#endif
