//===- facts/Facts.cpp ----------------------------------------------------===//
#include "facts/Facts.h"

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
    if (C.Param < Constants.size() && Constants[C.Param] &&
        (*Constants[C.Param] == C.Value) != C.Equal)
      return true;
  return false;
}

std::vector<std::optional<int64_t>> CallFact::constants() const {
  std::vector<std::optional<int64_t>> Out;
  Out.reserve(Args.size());
  for (const CallArg &A : Args)
    Out.push_back(A.Constant);
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

} // namespace lockgraph
