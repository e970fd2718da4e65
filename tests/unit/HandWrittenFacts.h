//===- HandWrittenFacts.h - Facts written by hand, for the unit tests -----===//
//
// The pieces every analysis test builds its facts from, as extraction would
// produce them: sites in one file, locks of each kind, held locks and call
// arguments. Each test file keeps its own function, call and TU builders,
// whose keys and fields differ with what it tests.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_TESTS_UNIT_HANDWRITTENFACTS_H
#define LOCKGRAPH_TESTS_UNIT_HANDWRITTENFACTS_H

#include "analysis/ProgramAnalysis.h"
#include "findings/ComputeFindings.h"

#include <string>
#include <vector>

namespace lockgraph::handwritten {

inline SourceSite at(unsigned Line, const std::string &Function = "f") {
  return {"a.cpp", Line, 3, Function};
}

inline LockRef global(const std::string &Name) {
  LockRef L;
  L.Kind = LockKind::Global;
  L.Name = Name;
  return L;
}

inline LockRef member(const std::string &Name, const std::string &Instance) {
  LockRef L;
  L.Kind = LockKind::Member;
  L.Name = Name;
  L.Instance = Instance;
  return L;
}

inline LockRef param(unsigned Index) {
  LockRef L;
  L.Kind = LockKind::Param;
  L.ParamIndex = Index;
  L.Name = "p" + std::to_string(Index);
  return L;
}

inline HeldLock held(const LockRef &L, unsigned Line) {
  return {L, AcquireMode::Exclusive, at(Line)};
}

inline CallArg lockArg(const LockRef &L) {
  CallArg A;
  A.IsLock = true;
  A.Lock = L;
  return A;
}

inline CallArg objectArg(const std::string &Instance) {
  CallArg A;
  A.Instance = Instance;
  return A;
}

/// The findings of one check for a program of these TUs.
inline std::vector<Finding> findingsOf(const std::vector<TUFacts> &TUs,
                                       const std::string &Check) {
  std::vector<Finding> Out;
  for (Finding &F : computeFindings(analyzeProgram(TUs)))
    if (F.Check == Check)
      Out.push_back(std::move(F));
  return Out;
}

} // namespace lockgraph::handwritten

#endif
