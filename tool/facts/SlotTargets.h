//===- facts/SlotTargets.h - Which functions a function pointer may hold --===//
//
// A field-based, flow-insensitive points-to for function pointers, the way C
// call-graph builders resolve indirect calls: a slot (a variable, a field of
// a struct type, a table, a parameter; extract/FunctionPointers.h names
// them) may hold every function whose address is stored into it anywhere in
// the program, and everything any slot copied into it may hold. Where in the
// program, and in what order, the stores happen does not matter, so a lock
// table filled at start-up in one file resolves the calls made through it
// in every other file.
//
// Cost: adding stores is linear; the first question about a slot walks the
// copies into it (linear in the copies reachable from it) and the answer is
// kept. Not thread-safe: one resolver per thread.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_FACTS_SLOTTARGETS_H
#define LOCKGRAPH_FACTS_SLOTTARGETS_H

#include "facts/Facts.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lockgraph {

/// One function a slot may hold: its linkage key and qualified name.
struct SlotTarget {
  std::string Key;
  std::string Name;
  bool operator<(const SlotTarget &O) const { return Key < O.Key; }
};

class SlotTargets {
public:
  void add(const std::vector<SlotStore> &Stores);
  /// Every function `Slot` may hold, by key; empty when nothing is known
  /// to be stored into it.
  const std::vector<SlotTarget> &targetsOf(const std::string &Slot);

private:
  std::map<std::string, std::set<SlotTarget>> Stored;
  std::map<std::string, std::set<std::string>> CopiedFrom; ///< Into slot <- from.
  std::map<std::string, std::vector<SlotTarget>> Resolved;
};

/// The key under which ExtractOptions::Wrappers carries the combined lock
/// effects of a slot's targets to a TU that calls through it.
std::string slotWrapperKey(const std::string &Slot);

/// What a call that may run any of `Targets` does to its caller: it may take
/// (or drop) any lock one of them takes (or drops) for its caller, so a
/// lock table whose default entries do nothing still locks. It is a
/// conditional acquire only when every target that acquires agrees on the
/// condition, and never returns only when no target returns.
WrapperEffects combineEffects(const std::vector<WrapperEffects> &Targets);

/// What each TU needs to know, for its next round of extraction, about the
/// slots it calls through: the combined lock effects of the functions other
/// TUs store there. Only lock effects: a call through a pointer never ends
/// the caller's path.
class SlotWrappers {
public:
  /// `Wrappers` holds the effects of the program's wrappers by function key.
  SlotWrappers(const std::vector<std::optional<TUFacts>> &TUs,
               const std::map<std::string, WrapperEffects> &Wrappers);
  /// Adds to `Needed`, under slotWrapperKey(slot), the effects for each slot
  /// `TU` calls through of the targets stored there by other TUs only (the
  /// TU combines those it stores itself: reading it again for them would
  /// change nothing).
  void addNeeded(const TUFacts &TU, std::map<std::string, WrapperEffects> &Needed);

private:
  SlotTargets Targets;
  const std::map<std::string, WrapperEffects> &Wrappers;
};

/// Whether an indirect call's pointer is named like a lock function (its
/// slot's own name, or the callee as written, says lock, mutex, mtx,
/// acquire or release): an unresolved one may hide locks.
bool looksLockLike(const CallFact &C);

} // namespace lockgraph

#endif
