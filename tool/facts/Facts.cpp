//===- facts/Facts.cpp ----------------------------------------------------===//
#include "facts/Facts.h"

#include <algorithm>

namespace lockgraph {

std::string LockRef::key() const {
  if (Kind == LockKind::Param)
    return "param:" + std::to_string(ParamIndex);
  return Instance.empty() ? Name : Name + "@" + Instance;
}

std::string LockRef::display() const { return Name; }

bool contradicts(const std::vector<ParamCondition> &When,
                 const std::vector<std::optional<int64_t>> &Constants) {
  for (const ParamCondition &C : When)
    if (C.Field.empty() && C.Param < Constants.size() && Constants[C.Param] &&
        (*Constants[C.Param] == C.Value) != C.Equal)
      return true;
  return false;
}

/// What the call's knowledge of the field says of the condition: true
/// (holds), false (cannot), none (unknown). Only a field's truth is known.
static std::optional<bool> fieldAnswer(const ParamCondition &C, const CallArg &A) {
  for (const auto &[Field, Truthy] : A.KnownFields) {
    if (Field != C.Field)
      continue;
    if (C.Value == 0) // `f == 0` is `!f`, `f != 0` is `f`
      return C.Equal ? !Truthy : Truthy;
    if (!Truthy) // a falsy field is not the non-zero K
      return !C.Equal;
    return std::nullopt;
  }
  return std::nullopt;
}

bool contradictsCall(const std::vector<ParamCondition> &When, const std::vector<CallArg> &Args) {
  for (const ParamCondition &C : When) {
    if (C.Param >= Args.size())
      continue;
    const CallArg &A = Args[C.Param];
    if (C.Field.empty() ? A.Constant && (*A.Constant == C.Value) != C.Equal
                        : fieldAnswer(C, A) == false)
      return true;
  }
  return false;
}

std::vector<ParamCondition> conditionsInCaller(const std::vector<ParamCondition> &When,
                                               const std::vector<CallArg> &Args, size_t Max) {
  std::vector<ParamCondition> Out;
  for (const ParamCondition &C : When) {
    if (C.Param >= Args.size() || !Args[C.Param].ForwardsParam || Out.size() >= Max)
      continue;
    if (!C.Field.empty() && fieldAnswer(C, Args[C.Param]))
      continue; // the call decides it, and it holds
    ParamCondition Mapped = C;
    Mapped.Param = *Args[C.Param].ForwardsParam;
    if (std::find(Out.begin(), Out.end(), Mapped) == Out.end())
      Out.push_back(std::move(Mapped));
  }
  return Out;
}


const char *modeName(AcquireMode M) {
  switch (M) {
  case AcquireMode::Exclusive:
    return "exclusive";
  case AcquireMode::Shared:
    return "shared";
  case AcquireMode::Try:
    return "try";
  }
  return "exclusive";
}

const char *kindName(LockKind K) {
  switch (K) {
  case LockKind::Global:
    return "global";
  case LockKind::Member:
    return "member";
  case LockKind::Param:
    return "param";
  case LockKind::Local:
    return "local";
  case LockKind::Unknown:
    return "unknown";
  }
  return "unknown";
}

namespace {
// What tells two compilations of one function apart: the locks it takes
// and leaves, where, and what it calls. Cheaper than comparing every field,
// and it runs for every inline function of every TU that sees it.
bool sameHeld(const std::vector<HeldLock> &A, const std::vector<HeldLock> &B) {
  return std::equal(A.begin(), A.end(), B.begin(), B.end(),
                    [](const HeldLock &X, const HeldLock &Y) {
                      return X.Mode == Y.Mode && X.AcquiredAt == Y.AcquiredAt &&
                             X.Lock.key() == Y.Lock.key();
                    });
}

bool sameReleases(const std::vector<UnheldRelease> &A, const std::vector<UnheldRelease> &B) {
  return std::equal(A.begin(), A.end(), B.begin(), B.end(),
                    [](const UnheldRelease &X, const UnheldRelease &Y) {
                      return X.Site == Y.Site && X.Lock.key() == Y.Lock.key();
                    });
}
} // namespace

bool sameDefinition(const FunctionFacts &A, const FunctionFacts &B) {
  if (!(A.Site == B.Site) || A.NeverReturns != B.NeverReturns ||
      A.NoThreadSafetyAnalysis != B.NoThreadSafetyAnalysis ||
      A.AcquiresWhenReturnsTruthy != B.AcquiresWhenReturnsTruthy)
    return false;
  auto SameAcquisitions = std::equal(
      A.Acquisitions.begin(), A.Acquisitions.end(), B.Acquisitions.begin(),
      B.Acquisitions.end(), [](const Acquisition &X, const Acquisition &Y) {
        return X.Mode == Y.Mode && X.Site == Y.Site && X.Lock.key() == Y.Lock.key() &&
               X.Held.size() == Y.Held.size();
      });
  auto SameCalls = std::equal(A.Calls.begin(), A.Calls.end(), B.Calls.begin(), B.Calls.end(),
                              [](const CallFact &X, const CallFact &Y) {
                                return X.Callee == Y.Callee && X.Site == Y.Site &&
                                       X.Held.size() == Y.Held.size();
                              });
  auto SameBlocking = std::equal(
      A.BlockingCalls.begin(), A.BlockingCalls.end(), B.BlockingCalls.begin(),
      B.BlockingCalls.end(), [](const BlockingCall &X, const BlockingCall &Y) {
        return X.Callee == Y.Callee && X.Site == Y.Site && X.Held.size() == Y.Held.size();
      });
  return SameAcquisitions && SameCalls && SameBlocking && sameHeld(A.ReturnsHeld, B.ReturnsHeld) &&
         sameHeld(A.HeldAtExit, B.HeldAtExit) && sameHeld(A.AcquiresForCaller, B.AcquiresForCaller) &&
         sameReleases(A.UnheldReleases, B.UnheldReleases) &&
         sameReleases(A.ReleasesForCaller, B.ReleasesForCaller);
}

} // namespace lockgraph
