//===- facts/SlotTargets.cpp ----------------------------------------------===//
#include "facts/SlotTargets.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cctype>

namespace lockgraph {

void SlotTargets::add(const std::vector<SlotStore> &Stores) {
  for (const SlotStore &S : Stores) {
    if (S.Function.empty())
      CopiedFrom[S.Slot].insert(S.FromSlot);
    else
      Stored[S.Slot].insert({S.Function, S.FunctionName});
  }
  Resolved.clear(); // a new store may reach a slot already asked about
}

const std::vector<SlotTarget> &SlotTargets::targetsOf(const std::string &Slot) {
  auto It = Resolved.find(Slot);
  if (It != Resolved.end())
    return It->second;
  // Everything copied into the slot, transitively (copies may form cycles:
  // `a = b; b = a;`), then what was stored into any of those.
  std::set<std::string> Seen{Slot};
  std::vector<std::string> Work{Slot};
  std::set<SlotTarget> Targets;
  while (!Work.empty()) {
    std::string S = std::move(Work.back());
    Work.pop_back();
    if (auto Found = Stored.find(S); Found != Stored.end())
      Targets.insert(Found->second.begin(), Found->second.end());
    if (auto From = CopiedFrom.find(S); From != CopiedFrom.end())
      for (const std::string &F : From->second)
        if (Seen.insert(F).second)
          Work.push_back(F);
  }
  return Resolved.emplace(Slot, std::vector<SlotTarget>(Targets.begin(), Targets.end()))
      .first->second;
}

std::string slotWrapperKey(const std::string &Slot) { return "slot:" + Slot; }

WrapperEffects combineEffects(const std::vector<WrapperEffects> &Targets) {
  WrapperEffects Out;
  Out.NeverReturns = !Targets.empty();
  bool ConditionsAgree = true;
  std::optional<bool> Condition;
  bool FirstAcquirer = true;
  for (const WrapperEffects &T : Targets) {
    Out.NeverReturns &= T.NeverReturns;
    for (const HeldLock &H : T.Acquires)
      if (std::none_of(Out.Acquires.begin(), Out.Acquires.end(),
                       [&](const HeldLock &O) { return O.Lock.key() == H.Lock.key(); }))
        Out.Acquires.push_back(H);
    for (const UnheldRelease &R : T.Releases)
      if (std::none_of(Out.Releases.begin(), Out.Releases.end(),
                       [&](const UnheldRelease &O) { return O.Lock.key() == R.Lock.key(); }))
        Out.Releases.push_back(R);
    if (T.Acquires.empty())
      continue;
    if (FirstAcquirer)
      Condition = T.AcquiresWhenReturnsTruthy;
    else
      ConditionsAgree &= Condition == T.AcquiresWhenReturnsTruthy;
    FirstAcquirer = false;
  }
  if (ConditionsAgree)
    Out.AcquiresWhenReturnsTruthy = Condition;
  return Out;
}

SlotWrappers::SlotWrappers(const std::vector<std::optional<TUFacts>> &TUs,
                           const std::map<std::string, WrapperEffects> &Wrappers)
    : Wrappers(Wrappers) {
  for (const std::optional<TUFacts> &TU : TUs)
    if (TU)
      Targets.add(TU->SlotStores);
}

void SlotWrappers::addNeeded(const TUFacts &TU,
                             std::map<std::string, WrapperEffects> &Needed) {
  // What the TU defines itself its own walk already knows; a function it
  // only stores (`pthread_cleanup_push(mutexCancelCleanup, &m)` with the
  // handler in another file) needs the effects from where it is defined.
  std::set<std::string> Defined, Called;
  for (const FunctionFacts &F : TU.Functions) {
    Defined.insert(F.Key);
    for (const CallFact &C : F.Calls)
      if (!C.Slot.empty())
        Called.insert(C.Slot);
  }
  for (const std::string &Slot : Called) {
    std::vector<WrapperEffects> Effects;
    for (const SlotTarget &T : Targets.targetsOf(Slot))
      if (!Defined.count(T.Key))
        if (auto It = Wrappers.find(T.Key); It != Wrappers.end())
          Effects.push_back(It->second);
    WrapperEffects Combined = combineEffects(Effects);
    Combined.NeverReturns = false; // a fatal-error callback is not followed that far
    if (!Combined.Acquires.empty() || !Combined.Releases.empty())
      Needed[slotWrapperKey(Slot)] = std::move(Combined);
  }
}

namespace {

bool lockWord(llvm::StringRef Text) {
  std::string Lower = Text.lower();
  // "block" and "clock" are not locks.
  for (const char *NotALock : {"block", "clock"})
    for (size_t At; (At = Lower.find(NotALock)) != std::string::npos;)
      Lower.replace(At, std::char_traits<char>::length(NotALock), "_");
  for (const char *Word : {"lock", "mutex", "mtx", "acquire", "release"})
    if (Lower.find(Word) != std::string::npos)
      return true;
  return false;
}

} // namespace

bool looksLockLike(const CallFact &C) {
  // The slot's own name: a variable's or field's, not the file, function
  // or parameter key it is qualified with (a parameter is its index only).
  llvm::StringRef Own(C.Slot);
  Own.consume_back("[]");
  if (Own.starts_with("param:"))
    Own = "";
  if (size_t At = Own.find_last_of("@:"); At != llvm::StringRef::npos)
    Own = Own.drop_front(At + 1);
  return lockWord(Own) || lockWord(C.CalleeName);
}

} // namespace lockgraph
