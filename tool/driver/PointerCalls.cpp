//===- driver/PointerCalls.cpp - Calls through pointers, for the summary --===//
//
// A library that locks only through a table of callbacks shows no locks at
// all when those calls are not followed: the summary line says how many
// calls through pointers were followed and how many were not, and a note
// says when the ones not followed look like lock calls, so an empty lock
// graph is not mistaken for a clean one.
//
//===----------------------------------------------------------------------===//
#include "driver/Driver.h"

#include <fmt/format.h>

namespace lockgraph {

std::string pointerCallCounts(const AnalysisStats &Stats) {
  unsigned Resolved = Stats.IndirectCallsResolved;
  unsigned NotFollowed = Stats.IndirectCallsUnresolved + Stats.UnresolvedCalls;
  if (!Resolved && !NotFollowed)
    return "";
  if (!Resolved)
    return fmt::format(", {} calls through pointers not followed", NotFollowed);
  if (!NotFollowed)
    return fmt::format(", {} calls through pointers resolved", Resolved);
  return fmt::format(", {} calls through pointers resolved, {} not followed", Resolved,
                     NotFollowed);
}

std::string unseenLockCallsNote(const AnalysisStats &Stats) {
  if (!Stats.LockLikeUnresolved)
    return "";
  const SourceSite &S = Stats.FirstLockLikeSite;
  return fmt::format("lockgraph: note: {} {} through lock-like pointers had no known target, "
                     "so the locks they take are not seen (first: {}:{} '{}')\n",
                     Stats.LockLikeUnresolved,
                     Stats.LockLikeUnresolved == 1 ? "indirect call" : "indirect calls", S.File,
                     S.Line, Stats.FirstLockLikeCallee);
}

} // namespace lockgraph
