//===- analysis/IndirectCalls.h - Calls through function pointers ---------===//
//
// The way a virtual call becomes one call per overrider, a call through a
// function pointer becomes one call per function the program stores into
// the slot it reads (facts/SlotTargets.h), at the same site, with the same
// held locks and arguments: `ops->lock(&m)` is `my_lock(&m)` for the
// summaries, so the lock is named `m` in the caller as for a direct call.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_ANALYSIS_INDIRECTCALLS_H
#define LOCKGRAPH_ANALYSIS_INDIRECTCALLS_H

#include "analysis/ProgramAnalysis.h"
#include "facts/SlotTargets.h"

#include <vector>

namespace lockgraph {

/// Appends to `Out` one call per target of the indirect call `C` (its Slot
/// set) and counts it in `Stats` as resolved, or as unresolved (and
/// lock-like, when its pointer is named like a lock function).
void expandIndirectCall(const CallFact &C, SlotTargets &Targets, std::vector<CallFact> &Out,
                        AnalysisStats &Stats);

} // namespace lockgraph

#endif
