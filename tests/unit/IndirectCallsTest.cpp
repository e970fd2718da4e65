//===- IndirectCallsTest.cpp - Calls through function pointers ------------===//
//
// Slot stores and indirect calls written by hand, as extraction would
// produce them (extract/FunctionPointers.h), so resolution and the
// analysis of calls through pointers are tested without parsing C.
//
//===----------------------------------------------------------------------===//
#include "analysis/ProgramAnalysis.h"
#include "facts/SlotTargets.h"
#include "findings/ComputeFindings.h"
#include "HandWrittenFacts.h"

#include <gtest/gtest.h>

using namespace lockgraph;
using namespace lockgraph::handwritten;

namespace {

FunctionFacts function(const std::string &Name) {
  FunctionFacts F;
  F.Key = "key:" + Name;
  F.Name = Name;
  return F;
}

SlotStore stores(const std::string &Slot, const std::string &Function) {
  return {Slot, "key:" + Function, Function, "", at(1)};
}

SlotStore copies(const std::string &Slot, const std::string &From) {
  return {Slot, "", "", From, at(1)};
}

/// `Spelled(args)` through `Slot` at `Line` while holding `Held`.
CallFact &callThrough(FunctionFacts &F, const std::string &Slot, const std::string &Spelled,
                      unsigned Line, std::vector<HeldLock> Held = {}) {
  CallFact C;
  C.Slot = Slot;
  C.CalleeName = Spelled;
  C.Site = at(Line, F.Name);
  C.Held = std::move(Held);
  F.Calls.push_back(std::move(C));
  return F.Calls.back();
}

TUFacts tu(std::vector<FunctionFacts> Functions, std::vector<SlotStore> Stores = {}) {
  TUFacts T;
  T.MainFile = "a.cpp";
  T.Functions = std::move(Functions);
  T.SlotStores = std::move(Stores);
  return T;
}

std::vector<std::string> keys(const std::vector<SlotTarget> &Targets) {
  std::vector<std::string> Out;
  for (const SlotTarget &T : Targets)
    Out.push_back(T.Key);
  return Out;
}

TEST(SlotTargets, StoresAndCopiesReachASlotInAnyOrder) {
  SlotTargets T;
  // g_hook = fn (in set_hook); set_hook(take) and set_hook(grab) elsewhere;
  // copies between a and b form a cycle.
  T.add({copies("var:g_hook", "param:set_hook#0"), copies("var:a", "var:b"),
         copies("var:b", "var:a"), stores("var:b", "other")});
  T.add({stores("param:set_hook#0", "take"), stores("param:set_hook#0", "grab")});
  EXPECT_EQ(keys(T.targetsOf("var:g_hook")),
            (std::vector<std::string>{"key:grab", "key:take"}));
  EXPECT_EQ(keys(T.targetsOf("var:a")), std::vector<std::string>{"key:other"});
  EXPECT_TRUE(T.targetsOf("field:ops::lock").empty());
  // A store added after a question is still seen by the next one.
  T.add({stores("field:ops::lock", "my_lock")});
  EXPECT_EQ(keys(T.targetsOf("field:ops::lock")), std::vector<std::string>{"key:my_lock"});
}

TEST(SlotTargets, CombinedEffectsAreTheUnionOfTheTargets) {
  WrapperEffects Lock{{held(param(0), 1)}, {}, false, std::nullopt};
  WrapperEffects TryLock{{held(param(0), 2)}, {}, false, true};
  WrapperEffects Unlock{{}, {{param(0), at(3)}}, false, std::nullopt};
  WrapperEffects Fatal{{}, {}, true, std::nullopt};
  WrapperEffects Both = combineEffects({Lock, Unlock, Lock});
  EXPECT_EQ(Both.Acquires.size(), 1u) << "one lock, however many targets take it";
  EXPECT_EQ(Both.Releases.size(), 1u);
  EXPECT_FALSE(Both.NeverReturns);
  EXPECT_FALSE(combineEffects({Lock, TryLock}).AcquiresWhenReturnsTruthy)
      << "the targets disagree on when the lock is held";
  EXPECT_EQ(combineEffects({TryLock, Unlock}).AcquiresWhenReturnsTruthy, true)
      << "a target that takes nothing has no say";
  EXPECT_TRUE(combineEffects({Fatal, Fatal}).NeverReturns);
  EXPECT_FALSE(combineEffects({Fatal, Lock}).NeverReturns);
  EXPECT_FALSE(combineEffects({}).NeverReturns);
}

TEST(SlotTargets, LockLikeByTheSlotsOwnNameOrTheCalleeAsWritten) {
  auto Call = [](const std::string &Slot, const std::string &Spelled) {
    CallFact C;
    C.Slot = Slot;
    C.CalleeName = Spelled;
    return C;
  };
  EXPECT_TRUE(looksLockLike(Call("field:ops::lock", "o->lock")));
  EXPECT_TRUE(looksLockLike(Call("field:sqlite3_mutex_methods::xMutexEnter", "m->xMutexEnter")));
  EXPECT_TRUE(looksLockLike(Call("var:a.c@g_release_cb[]", "g_release_cb[i]")));
  EXPECT_FALSE(looksLockLike(Call("field:io::read_block", "io->read_block")));
  EXPECT_FALSE(looksLockLike(Call("field:timer::clock", "t->clock")));
  // Neither the file, the record nor the function a slot is qualified
  // with makes it lock-like.
  EXPECT_FALSE(looksLockLike(Call("var:lock.c@g_log", "g_log")));
  EXPECT_FALSE(looksLockLike(Call("field:lock_state::log", "s->log")));
  EXPECT_FALSE(looksLockLike(Call("param:with_lock#0", "fn")));
}

TEST(IndirectCalls, ACallThroughATableReachesWhatItsFunctionsTake) {
  // TU 1 stores flush_disk into field:sink::write; TU 2 holds A and calls
  // s->write(); k takes B then A: a cycle through the table.
  FunctionFacts Flush = function("flush_disk"), F = function("f"), K = function("k");
  Flush.Acquisitions.push_back({global("B"), AcquireMode::Exclusive, at(20, "flush_disk"), {}});
  callThrough(F, "field:sink::write", "s->write", 2, {held(global("A"), 1)});
  K.Acquisitions.push_back({global("B"), AcquireMode::Exclusive, at(30, "k"), {}});
  K.Acquisitions.push_back(
      {global("A"), AcquireMode::Exclusive, at(31, "k"), {held(global("B"), 30)}});
  std::vector<TUFacts> TUs{tu({Flush}, {stores("field:sink::write", "flush_disk")}), tu({F, K})};
  ProgramAnalysis A = analyzeProgram(TUs);
  EXPECT_EQ(A.Stats.IndirectCallsResolved, 1u);
  EXPECT_EQ(A.Stats.IndirectCallsUnresolved, 0u);
  std::vector<Finding> Cycles;
  for (Finding &Fi : computeFindings(A))
    if (Fi.Check == "lock-order-inversion")
      Cycles.push_back(std::move(Fi));
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Message, "potential deadlock: lock-order cycle 'A' -> 'B' -> 'A'");
  bool NamesTheTarget = false;
  for (const Note &N : Cycles[0].Notes)
    NamesTheTarget |= N.Message == "calls 'flush_disk' while holding 'A'";
  EXPECT_TRUE(NamesTheTarget);
}

TEST(IndirectCalls, ArgumentsNameTheTargetsParameterLocks) {
  // eat(l, r) takes l then r; callers pass (X, Y) and (Y, X) through a
  // pointer that holds eat.
  FunctionFacts Eat = function("eat"), P1 = function("p1"), P2 = function("p2");
  Eat.Acquisitions.push_back({param(0), AcquireMode::Exclusive, at(1, "eat"), {}});
  Eat.Acquisitions.push_back(
      {param(1), AcquireMode::Exclusive, at(2, "eat"), {held(param(0), 1)}});
  callThrough(P1, "var:g_eat", "g_eat", 10).Args = {lockArg(global("X")), lockArg(global("Y"))};
  callThrough(P2, "var:g_eat", "g_eat", 20).Args = {lockArg(global("Y")), lockArg(global("X"))};
  ProgramAnalysis A = analyzeProgram({tu({Eat, P1, P2}, {stores("var:g_eat", "eat")})});
  EXPECT_EQ(A.Stats.IndirectCallsResolved, 2u);
  ASSERT_EQ(A.Graph.edges().size(), 2u) << "X -> Y and Y -> X";
}

TEST(IndirectCalls, UnresolvedLockLikeCallsAreCountedWithTheFirstByPlace) {
  FunctionFacts F = function("f"), G = function("g");
  callThrough(F, "field:ops::lock", "ops->lock", 9, {held(global("A"), 1)});
  callThrough(G, "field:ops::lock", "o->lock", 5);
  callThrough(G, "field:ops::log", "o->log", 6);
  ProgramAnalysis A = analyzeProgram({tu({F, G})});
  EXPECT_EQ(A.Stats.IndirectCallsResolved, 0u);
  EXPECT_EQ(A.Stats.IndirectCallsUnresolved, 3u);
  EXPECT_EQ(A.Stats.LockLikeUnresolved, 2u);
  EXPECT_EQ(A.Stats.FirstLockLikeSite.Line, 5u);
  EXPECT_EQ(A.Stats.FirstLockLikeCallee, "o->lock");
  EXPECT_TRUE(A.Graph.edges().empty());
}

} // namespace
