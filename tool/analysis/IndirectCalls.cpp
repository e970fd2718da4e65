//===- analysis/IndirectCalls.cpp -----------------------------------------===//
#include "analysis/IndirectCalls.h"

#include <tuple>

namespace lockgraph {

void expandIndirectCall(const CallFact &C, SlotTargets &Targets, std::vector<CallFact> &Out,
                        AnalysisStats &Stats) {
  const std::vector<SlotTarget> &Stored = Targets.targetsOf(C.Slot);
  if (!Stored.empty()) {
    ++Stats.IndirectCallsResolved;
    for (const SlotTarget &T : Stored) {
      CallFact Copy = C;
      Copy.Callee = T.Key;
      Copy.CalleeName = T.Name;
      Out.push_back(std::move(Copy));
    }
    return;
  }
  ++Stats.IndirectCallsUnresolved;
  if (!looksLockLike(C))
    return;
  // The first by place, so the note is the same whatever order TUs came in.
  auto Place = [](const SourceSite &S) { return std::tie(S.File, S.Line, S.Column); };
  if (!Stats.LockLikeUnresolved++ || Place(C.Site) < Place(Stats.FirstLockLikeSite)) {
    Stats.FirstLockLikeSite = C.Site;
    Stats.FirstLockLikeCallee = C.CalleeName;
  }
}

} // namespace lockgraph
