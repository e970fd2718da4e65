//===- ProgramAnalysisTest.cpp - Summaries, substitution, findings --------===//
//
// Facts written by hand, as extraction would produce them, so the
// interprocedural rules are tested without parsing C++.
//
//===----------------------------------------------------------------------===//
#include "analysis/ProgramAnalysis.h"
#include "findings/ComputeFindings.h"
#include "HandWrittenFacts.h"

#include <gtest/gtest.h>

using namespace lockgraph;
using namespace lockgraph::handwritten;

namespace {

FunctionFacts function(const std::string &Name) {
  FunctionFacts F;
  F.Key = "_Z" + Name;
  F.Name = Name;
  return F;
}

void acquire(FunctionFacts &F, const LockRef &L, unsigned Line,
             std::vector<HeldLock> Held = {}, AcquireMode Mode = AcquireMode::Exclusive) {
  F.Acquisitions.push_back({L, Mode, at(Line, F.Name), std::move(Held)});
}

CallFact &call(FunctionFacts &F, const std::string &Callee, unsigned Line,
               std::vector<HeldLock> Held = {}) {
  CallFact C;
  C.Callee = "_Z" + Callee;
  C.CalleeName = Callee;
  C.Site = at(Line, F.Name);
  C.Held = std::move(Held);
  F.Calls.push_back(std::move(C));
  return F.Calls.back();
}

TUFacts tu(std::vector<FunctionFacts> Functions) {
  TUFacts T;
  T.MainFile = "a.cpp";
  T.Functions = std::move(Functions);
  return T;
}

TEST(ProgramAnalysis, DirectNestingIsAnEdge) {
  FunctionFacts F = function("f");
  acquire(F, global("A"), 1);
  acquire(F, global("B"), 2, {held(global("A"), 1)});
  ProgramAnalysis A = analyzeProgram({tu({F})});
  ASSERT_EQ(A.Graph.edges().size(), 1u);
  EXPECT_EQ(A.Graph.node(A.Graph.edges()[0].From).Name, "A");
  EXPECT_EQ(A.Graph.node(A.Graph.edges()[0].To).Name, "B");
  EXPECT_TRUE(findingsOf({tu({F})}, "lock-order-inversion").empty());
}

TEST(ProgramAnalysis, CallChainIsTheWitnessAcrossTranslationUnits) {
  // TU 1: f holds A and calls g; TU 2: g calls h; h takes B. TU 2 also
  // has k, which holds B and takes A: a cycle across files.
  FunctionFacts F = function("f"), G = function("g"), H = function("h"),
                K = function("k");
  acquire(F, global("A"), 1);
  call(F, "g", 2, {held(global("A"), 1)});
  call(G, "h", 10);
  acquire(H, global("B"), 20);
  acquire(K, global("B"), 30);
  acquire(K, global("A"), 31, {held(global("B"), 30)});
  auto Cycles = findingsOf({tu({F}), tu({G, H, K})}, "lock-order-inversion");
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Message, "potential deadlock: lock-order cycle 'A' -> 'B' -> 'A'");
  // A acquired, calls g, calls h, B acquired; B acquired, A acquired.
  ASSERT_EQ(Cycles[0].Notes.size(), 6u);
  EXPECT_EQ(Cycles[0].Notes[1].Message, "calls 'g' while holding 'A'");
  EXPECT_EQ(Cycles[0].Notes[2].Message, "calls 'h'");
  EXPECT_EQ(Cycles[0].Notes[3].Site.Line, 20u);
}

TEST(ProgramAnalysis, OneFunctionSeenInTwoTranslationUnitsCountsOnce) {
  FunctionFacts F = function("inline_f");
  acquire(F, global("A"), 1);
  ProgramAnalysis A = analyzeProgram({tu({F}), tu({F})});
  EXPECT_EQ(A.Stats.Functions, 1u);
  EXPECT_EQ(A.Stats.TranslationUnits, 2u);
}

TEST(ProgramAnalysis, ParameterLocksAreNamedByTheCaller) {
  // eat(l, r) takes l then r; callers pass (X, Y) and (Y, X).
  FunctionFacts Eat = function("eat"), P1 = function("p1"), P2 = function("p2");
  acquire(Eat, param(0), 1);
  acquire(Eat, param(1), 2, {held(param(0), 1)});
  call(P1, "eat", 10).Args = {lockArg(global("X")), lockArg(global("Y"))};
  call(P2, "eat", 20).Args = {lockArg(global("Y")), lockArg(global("X"))};
  auto Cycles = findingsOf({tu({Eat, P1, P2})}, "lock-order-inversion");
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Site.Line, 20u) << "warned at the call that names the locks";
  EXPECT_EQ(Cycles[0].Notes[0].Message, "in the call to 'eat' here");
}

TEST(ProgramAnalysis, UnnamedParameterLocksFormNoEdge) {
  FunctionFacts Eat = function("eat");
  acquire(Eat, param(0), 1);
  acquire(Eat, param(1), 2, {held(param(0), 1)});
  EXPECT_TRUE(analyzeProgram({tu({Eat})}).Graph.edges().empty());
}

TEST(ProgramAnalysis, SameInstanceIsADoubleLockOtherInstanceAnInstanceOrder) {
  // send(to): holds this->mu, calls to.deposit() and this->deposit().
  FunctionFacts Deposit = function("deposit"), Send = function("send");
  acquire(Deposit, member("Account::mu", "this"), 1);
  acquire(Send, member("Account::mu", "this"), 10);
  call(Send, "deposit", 11, {held(member("Account::mu", "this"), 10)}).ObjectInstance =
      "param:0:to";
  call(Send, "deposit", 12, {held(member("Account::mu", "this"), 10)}).ObjectInstance =
      "this";
  std::vector<TUFacts> TUs = {tu({Deposit, Send})};
  auto Orders = findingsOf(TUs, "instance-order");
  ASSERT_EQ(Orders.size(), 1u);
  EXPECT_EQ(Orders[0].Site.Line, 11u);
  EXPECT_NE(Orders[0].Message.find("('this' then 'to')"), std::string::npos);
  auto Doubles = findingsOf(TUs, "double-lock");
  ASSERT_EQ(Doubles.size(), 1u);
  EXPECT_EQ(Doubles[0].Site.Line, 12u);
}

TEST(ProgramAnalysis, UnknownInstanceSaysNothing) {
  FunctionFacts Deposit = function("deposit"), Send = function("send");
  acquire(Deposit, member("Account::mu", "this"), 1);
  acquire(Send, member("Account::mu", "this"), 10);
  call(Send, "deposit", 11, {held(member("Account::mu", "this"), 10)}); // object unknown
  std::vector<TUFacts> TUs = {tu({Deposit, Send})};
  EXPECT_TRUE(findingsOf(TUs, "instance-order").empty());
  EXPECT_TRUE(findingsOf(TUs, "double-lock").empty());
}

TEST(ProgramAnalysis, BothOrdersInOneFunctionAreAnOrderedIdiom) {
  FunctionFacts F = function("transfer");
  LockRef From = member("Account::mu", "param:0:from"), To = member("Account::mu", "param:1:to");
  acquire(F, From, 1);
  acquire(F, To, 2, {held(From, 1)});
  acquire(F, To, 4);
  acquire(F, From, 5, {held(To, 4)});
  EXPECT_TRUE(findingsOf({tu({F})}, "instance-order").empty());
}

TEST(ProgramAnalysis, RecursionReachesAFixedPoint) {
  // ping holds A, calls pong; pong calls ping and takes B.
  FunctionFacts Ping = function("ping"), Pong = function("pong");
  acquire(Ping, global("A"), 1);
  call(Ping, "pong", 2, {held(global("A"), 1)});
  call(Pong, "ping", 10);
  acquire(Pong, global("B"), 11);
  ProgramAnalysis A = analyzeProgram({tu({Ping, Pong})});
  ASSERT_EQ(A.Graph.edges().size(), 1u); // A -> B
  ASSERT_EQ(A.DoubleLocks.size(), 1u);   // A again, through pong -> ping
  EXPECT_EQ(A.DoubleLocks[0].Witness.Chain.size(), 2u);
}

TEST(ProgramAnalysis, TryAcquisitionsAddNoEdgeIntoTheirLock) {
  FunctionFacts F = function("f");
  acquire(F, global("A"), 1);
  acquire(F, global("B"), 2, {held(global("A"), 1)}, AcquireMode::Try);
  EXPECT_TRUE(analyzeProgram({tu({F})}).Graph.edges().empty());
}

TEST(ProgramAnalysis, RecursiveLocksMayBeReentered) {
  FunctionFacts F = function("f");
  LockRef R = global("R");
  R.Recursive = true;
  acquire(F, R, 1);
  acquire(F, R, 2, {held(R, 1)});
  EXPECT_TRUE(analyzeProgram({tu({F})}).DoubleLocks.empty());
}

TEST(ProgramAnalysis, FindingIdsIgnoreLineNumbers) {
  auto Build = [](unsigned Shift) {
    FunctionFacts F = function("f"), G = function("g");
    acquire(F, global("A"), 1 + Shift);
    acquire(F, global("B"), 2 + Shift, {held(global("A"), 1 + Shift)});
    acquire(G, global("B"), 10 + Shift);
    acquire(G, global("A"), 11 + Shift, {held(global("B"), 10 + Shift)});
    return findingsOf({tu({F, G})}, "lock-order-inversion");
  };
  auto Before = Build(0), After = Build(7);
  ASSERT_EQ(Before.size(), 1u);
  ASSERT_EQ(After.size(), 1u);
  EXPECT_EQ(Before[0].Id, After[0].Id);
  EXPECT_EQ(Before[0].Id.size(), 16u);
}

TEST(ProgramAnalysis, ConstantArgumentsRuleOutACalleesTestedPaths) {
  // g(mode) takes B only where mode != 0. f holds A and calls g(0), then
  // g(2); k takes B then A. Only the second call forms A -> B.
  FunctionFacts F = function("f"), G = function("g"), K = function("k");
  acquire(G, global("B"), 20);
  G.Acquisitions.back().When = {{0, 0, false}};
  acquire(F, global("A"), 1);
  CallArg Zero, Two;
  Zero.Constant = 0;
  Two.Constant = 2;
  call(F, "g", 2, {held(global("A"), 1)}).Args = {Zero};
  ProgramAnalysis Silent = analyzeProgram({tu({F, G, K})});
  EXPECT_TRUE(Silent.Graph.edges().empty());
  call(F, "g", 3, {held(global("A"), 1)}).Args = {Two};
  acquire(K, global("B"), 30);
  acquire(K, global("A"), 31, {held(global("B"), 30)});
  auto Cycles = findingsOf({tu({F, G, K})}, "lock-order-inversion");
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Notes[1].Site.Line, 3u);
}

TEST(ProgramAnalysis, ParamConditionsContradictOnlyKnownConstants) {
  std::vector<ParamCondition> When = {{1, 5, true}};
  EXPECT_TRUE(contradicts(When, {std::nullopt, int64_t(4)}));
  EXPECT_FALSE(contradicts(When, {std::nullopt, int64_t(5)}));
  EXPECT_FALSE(contradicts(When, {int64_t(4), std::nullopt}));
  EXPECT_FALSE(contradicts(When, {int64_t(4)})); // fewer arguments: unknown
  EXPECT_TRUE(contradicts({{0, 0, false}}, {int64_t(0)}));
}

TEST(ProgramAnalysis, FieldConditionsFollowTheCallersKnowledge) {
  // The callee takes its lock only under `c->busy == 0`.
  std::vector<ParamCondition> When = {{0, 0, true, "busy"}};
  CallArg Marked;
  Marked.KnownFields = {{"busy", true}};
  CallArg Cleared;
  Cleared.KnownFields = {{"busy", false}};
  CallArg Forwarded;
  Forwarded.ForwardsParam = 2;
  EXPECT_TRUE(contradictsCall(When, {Marked}));
  EXPECT_FALSE(contradictsCall(When, {Cleared}));
  EXPECT_FALSE(contradictsCall(When, {Forwarded}));
  EXPECT_FALSE(contradictsCall(When, {CallArg{}}));
  // `c->busy != 3` says nothing of a truthy field; `== 3` needs one.
  EXPECT_FALSE(contradictsCall({{0, 3, false, "busy"}}, {Marked}));
  EXPECT_TRUE(contradictsCall({{0, 3, true, "busy"}}, {Cleared}));

  // Passed on unchanged, the test becomes one of the caller's parameter;
  // decided by the call (the caller cleared it), it is dropped.
  std::vector<ParamCondition> Up = conditionsInCaller(When, {Forwarded}, 4);
  ASSERT_EQ(Up.size(), 1u);
  EXPECT_EQ(Up[0], (ParamCondition{2, 0, true, "busy"}));
  CallArg ForwardedCleared = Forwarded;
  ForwardedCleared.KnownFields = {{"busy", false}};
  EXPECT_TRUE(conditionsInCaller(When, {ForwardedCleared}, 4).empty());
  EXPECT_TRUE(conditionsInCaller(When, {CallArg{}}, 4).empty());
  EXPECT_TRUE(conditionsInCaller(When, {Forwarded}, 0).empty());
}

} // namespace
