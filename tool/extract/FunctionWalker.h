//===- extract/FunctionWalker.h - Held locks along one function's CFG -----===//
//
// A forward may-held dataflow over the function's CFG: the locks at a
// block's entry are the union of its predecessors' exits, so a lock released
// on one branch only stays held on the other, and a lock released on every
// path is gone. Scoped guards are released by the destructor calls the CFG
// places at every scope exit (return, break, continue, exceptions it models).
// A try-lock used as a branch condition is held only on its success branch.
//
// Once the states are stable, one more pass records each acquisition and
// call with the locks held at that point.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_FUNCTIONWALKER_H
#define LOCKGRAPH_EXTRACT_FUNCTIONWALKER_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

#include <functional>
#include <optional>
#include <set>
#include <string>

namespace lockgraph {

class SlotNamer; // extract/FunctionPointers.h

/// What calling a function does to its caller's held locks.
struct LockEffects {
  std::vector<UnheldRelease> Releases; ///< Dropped without being taken (callee frame).
  std::vector<HeldLock> Keeps;         ///< Taken and still held at return.
  /// Keeps are held only when the call's value is non-zero (true) or zero.
  std::optional<bool> KeepsWhenTruthy;
  bool empty() const { return Releases.empty() && Keeps.empty(); }
};

struct WalkerContext {
  clang::ASTContext &Ctx;
  /// The linkage key of a function (equal across TUs).
  std::function<std::string(const clang::FunctionDecl *)> KeyOf;
  /// Locks a function in this TU returns held inside a guard, computed on
  /// demand (for `auto lk = take_lock();`).
  std::function<std::vector<HeldLock>(const clang::FunctionDecl *)> ReturnsHeld;
  /// Lock effects of a function, computed on demand for one defined in this
  /// TU, or known from other TUs' facts (ExtractOptions::Wrappers); empty
  /// for a function being walked (recursion).
  std::function<LockEffects(const clang::FunctionDecl *)> EffectsOf;
  /// Whether calls to this function are worth recording (user code).
  std::function<bool(const clang::FunctionDecl *)> IsInteresting;
  /// Extra blocking, lock and unlock functions by name, from the project
  /// configuration (extract/ExtractFacts.h).
  std::vector<std::string> ExtraBlocking = {};
  std::vector<std::string> ExtraLock = {};
  std::vector<std::string> ExtraUnlock = {};
  /// pthread mutexes the TU makes recursive (extract/RecursiveLocks.h).
  const std::set<std::string> *RecursiveLocks = nullptr;
  /// Whether a function never returns (its facts say so: computed on
  /// demand in this TU, or known from another TU's); false for one being
  /// walked.
  std::function<bool(const clang::FunctionDecl *)> NeverReturns = {};
  /// Functions that never block, and calls not to follow (configuration).
  std::vector<std::string> NonBlocking = {};
  std::vector<std::string> Ignored = {};
  /// Names the slot an indirect call reads its callee from
  /// (extract/FunctionPointers.h); without it, indirect calls are counted.
  const SlotNamer *Slots = nullptr;
  /// What a call through a slot does to its caller's locks: the combined
  /// effects of every function the slot may hold (facts/SlotTargets.h).
  std::function<LockEffects(const std::string &Slot)> SlotEffects = {};
};

/// Whether FD is one of `Names` (qualified, or plain).
bool isNamedIn(const clang::FunctionDecl *FD, const std::vector<std::string> &Names);

/// Facts of one function with a body. Calls through pointers that name no
/// slot are counted in `UnresolvedCalls`.
FunctionFacts walkFunction(const clang::FunctionDecl *FD, WalkerContext &WC,
                           unsigned &UnresolvedCalls);

} // namespace lockgraph

#endif
