//===- MergeReportsTest.cpp - Runtime reports joined with static facts ----===//
//
// The runtime stacks here point into this test binary's own functions, so
// LLVM's symbolizer resolves them from the symbol table (the tests build
// without -g): that exercises the naming of runtime locks by the function
// that takes them, and the classification of cycles.
//
//===----------------------------------------------------------------------===//
#include "findings/ComputeFindings.h"
#include "merge/MergeReports.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace lockgraph;

namespace lgtest {
// Stand-ins for the functions that take the locks at run time.
__attribute__((noinline)) void takeA() { asm volatile(""); }
__attribute__((noinline)) void takeB() { asm volatile(""); }
} // namespace lgtest

namespace {

RuntimeFrame frameIn(void (*Fn)()) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, &Anchor);
  // The offset of a function in a PIE is its link-time address: the load
  // base is where this binary's mapping starts.
  static uintptr_t Base = [] {
    uintptr_t B = 0;
    if (FILE *F = fopen("/proc/self/maps", "r")) {
      if (fscanf(F, "%lx", &B) != 1)
        B = 0;
      fclose(F);
    }
    return B;
  }();
  return {Exe, uint64_t(reinterpret_cast<uintptr_t>(Fn) - Base), ""};
}

LockRef global(const std::string &Name) {
  LockRef L;
  L.Kind = LockKind::Global;
  L.Name = Name;
  L.Type = "std::mutex";
  return L;
}

Acquisition acquire(const std::string &Lock, unsigned Line,
                    std::vector<std::string> Held = {}) {
  Acquisition A;
  A.Lock = global(Lock);
  A.Site = {"/src/shop.cpp", Line, 3, ""};
  for (const std::string &H : Held)
    A.Held.push_back({global(H), AcquireMode::Exclusive, {"/src/shop.cpp", 1, 1, ""}});
  return A;
}

FunctionFacts function(const std::string &Name, std::vector<Acquisition> Acqs) {
  FunctionFacts F;
  F.Key = "_Z" + Name;
  F.Name = Name;
  F.Site = {"/src/shop.cpp", 1, 1, Name};
  for (Acquisition &A : Acqs)
    A.Site.Function = Name;
  F.Acquisitions = std::move(Acqs);
  return F;
}

/// takeA takes A, takeB takes B; `WithCycle` adds functions taking both
/// orders, so the static pass finds the A/B cycle.
TUFacts shopFacts(bool WithCycle) {
  TUFacts TU;
  TU.MainFile = "/src/shop.cpp";
  TU.Functions.push_back(function("lgtest::takeA", {acquire("A", 10)}));
  TU.Functions.push_back(function("lgtest::takeB", {acquire("B", 20)}));
  TU.Functions.push_back(function("lgtest::ab", {acquire("A", 30), acquire("B", 31, {"A"})}));
  if (WithCycle)
    TU.Functions.push_back(function("lgtest::ba", {acquire("B", 40), acquire("A", 41, {"B"})}));
  return TU;
}

/// A run that took B inside takeB while holding A, and A inside takeA while
/// holding B: a cycle over runtime locks 0 (A) and 1 (B).
RuntimeReport abbaRun() {
  RuntimeReport R;
  R.Path = "run.json";
  R.Program = "./shop_tests";
  R.Locks = {{"mutex@0x10(gen 1)", "mutex", "", {}}, {"mutex@0x20(gen 1)", "mutex", "", {}}};
  RuntimeEdge AB, BA;
  AB.From = 0, AB.To = 1, AB.AcquiredStack = {frameIn(lgtest::takeB)};
  BA.From = 1, BA.To = 0, BA.AcquiredStack = {frameIn(lgtest::takeA)};
  R.Edges = {AB, BA};
  RuntimeFinding Cycle;
  Cycle.Check = "lock-order-inversion";
  Cycle.Locks = {0, 1};
  Cycle.Edges = {0, 1};
  R.Findings = {Cycle};
  return R;
}

MergedReport merge(const std::vector<TUFacts> &Facts, const std::vector<RuntimeReport> &Runs) {
  ProgramAnalysis A = analyzeProgram(Facts);
  std::vector<Finding> Static = computeFindings(A);
  StackSymbolizer Symbolizer;
  return mergeReports(std::move(A), std::move(Static), Facts, Runs, Symbolizer);
}

bool hasTag(const Finding &F, const char *Tag) {
  return std::find(F.Tags.begin(), F.Tags.end(), Tag) != F.Tags.end();
}

TEST(MergeReports, RunConfirmsStaticCycle) {
  MergedReport M = merge({shopFacts(true)}, {abbaRun()});
  ASSERT_EQ(M.Findings.size(), 1u);
  const Finding &F = M.Findings[0];
  EXPECT_EQ(F.Check, "lock-order-inversion");
  EXPECT_TRUE(hasTag(F, TagConfirmed));
  EXPECT_EQ(M.Runs.Confirmed, 1u);
  EXPECT_EQ(M.Runs.StaticOnly + M.Runs.RuntimeOnly, 0u);
  // The run's locks became A and B: no new node, and both edges seen twice.
  EXPECT_EQ(M.Analysis.Graph.nodes().size(), 2u);
  for (const EdgeOrigin &O : M.Runs.EdgeOrigins)
    EXPECT_TRUE(O.Static && O.Runtime);
}

TEST(MergeReports, StaticCycleNoRunFormed) {
  RuntimeReport Empty;
  Empty.Program = "./other_tests";
  MergedReport M = merge({shopFacts(true)}, {Empty});
  ASSERT_EQ(M.Findings.size(), 1u);
  EXPECT_TRUE(hasTag(M.Findings[0], TagStaticOnly));
  EXPECT_EQ(M.Runs.StaticOnly, 1u);
  // The last note names the functions a test has to run.
  const std::string &Hint = M.Findings[0].Notes.back().Message;
  EXPECT_NE(Hint.find("'lgtest::ab'"), std::string::npos) << Hint;
  EXPECT_NE(Hint.find("'lgtest::ba'"), std::string::npos) << Hint;
}

TEST(MergeReports, RuntimeOnlyCycleSaysWhyStaticMissedIt) {
  MergedReport M = merge({shopFacts(false)}, {abbaRun()});
  ASSERT_EQ(M.Findings.size(), 1u);
  const Finding &F = M.Findings[0];
  EXPECT_TRUE(hasTag(F, TagRuntimeOnly));
  EXPECT_EQ(M.Runs.RuntimeOnly, 1u);
  // The same id the static pass would give the cycle, for baselines.
  EXPECT_EQ(F.Id, cycleFindingId("lock-order-inversion", {"A", "B"}));
  bool Explained = std::any_of(F.Notes.begin(), F.Notes.end(), [](const Note &N) {
    return N.Message.find("never saw 'A' taken while 'B' is held") != std::string::npos;
  });
  EXPECT_TRUE(Explained);
  // B -> A is new: a runtime-only edge in the merged graph.
  int A = M.Analysis.Graph.findLock("A"), B = M.Analysis.Graph.findLock("B");
  ASSERT_GE(A, 0);
  ASSERT_GE(B, 0);
  int BA = M.Analysis.Graph.findEdge(LockId(B), LockId(A));
  ASSERT_GE(BA, 0);
  EXPECT_FALSE(M.Runs.EdgeOrigins[BA].Static);
  EXPECT_TRUE(M.Runs.EdgeOrigins[BA].Runtime);
}

TEST(MergeReports, GatedRunCyclesAreNotDeadlocks) {
  RuntimeReport R = abbaRun();
  R.Findings[0].Tags = {"gated"};
  MergedReport M = merge({shopFacts(false)}, {R});
  EXPECT_TRUE(M.Findings.empty());
}

TEST(MergeReports, FindingsWithoutLocksAreIgnored) {
  RuntimeReport R = abbaRun();
  R.Findings[0].Locks.clear();
  RuntimeFinding NoEdges;
  NoEdges.Check = "lock-order-inversion";
  NoEdges.Locks = {0, 1};
  RuntimeFinding Double;
  Double.Check = "double-lock";
  R.Findings.push_back(NoEdges);
  R.Findings.push_back(Double);
  MergedReport M = merge({shopFacts(false)}, {R});
  EXPECT_TRUE(M.Findings.empty());
}

TEST(MergeReports, OneHazardSeenByManyRunsIsOneFinding) {
  RuntimeReport R = abbaRun();
  R.Findings.clear();
  RuntimeFinding Double;
  Double.Check = "double-lock";
  Double.Message = "non-recursive lock re-acquired by its owner";
  Double.Locks = {0};
  Double.Stacks = {{frameIn(lgtest::takeA)}};
  R.Findings = {Double};
  MergedReport M = merge({shopFacts(false)}, {R, R, R});
  ASSERT_EQ(M.Findings.size(), 1u);
  EXPECT_EQ(M.Findings[0].Check, "double-lock");
  EXPECT_EQ(M.Findings[0].LockNames, std::vector<std::string>{"A"});
  EXPECT_TRUE(hasTag(M.Findings[0], TagRuntimeOnly));
}

TEST(MergeReports, ContentionIsSummedPerLockName) {
  RuntimeReport R1 = abbaRun(), R2 = abbaRun();
  R1.Contention = {{0, 100, 5, 2000, 900, 0, 0, 0, 0, 0, 3}};
  R2.Contention = {{0, 50, 1, 500, 400, 0, 0, 0, 0, 0, 4}};
  MergedReport M = merge({shopFacts(true)}, {R1, R2});
  ASSERT_EQ(M.Runs.Contention.size(), 1u);
  const ContentionRow &Row = M.Runs.Contention[0];
  EXPECT_EQ(Row.Lock, "A");
  EXPECT_EQ(Row.Acquisitions, 150u);
  EXPECT_EQ(Row.Contended, 6u);
  EXPECT_EQ(Row.WaitNsTotal, 2500u);
  EXPECT_EQ(Row.WaitNsMax, 900u);
  EXPECT_EQ(Row.Threads, 4u);
  EXPECT_EQ(Row.Runs, 2u);
}

TEST(RuntimeReport, ParsesAndRefusesBadInput) {
  auto Ok = parseRuntimeReport(
      R"json({"format": "lockgraph-report", "version": 1,
          "producer": {"side": "runtime", "program": "./p", "pid": 7},
          "locks": [{"id": 0, "name": "mutex@0x1(gen 1)", "type": "mutex",
                     "site": [{"module": "/bin/p", "offset": "0x1f", "symbol": "f"}]}],
          "edges": [], "findings": [{"check": "double-lock", "locks": [0], "edges": [],
                     "stacks": [[{"module": "/bin/p", "offset": "0x20", "symbol": ""}]]}],
          "contention": [{"lock": 0, "acquisitions": 3, "contended": 1}],
          "global_lock": {"lock": 0, "kind": "condvar", "busy_share": 0.9,
                          "threads_waiting": 3, "effective_parallelism": 1.1}})json",
      "ok.json");
  ASSERT_TRUE(bool(Ok)) << llvm::toString(Ok.takeError());
  EXPECT_EQ(Ok->Program, "./p");
  EXPECT_EQ(Ok->Locks[0].Site[0].Offset, 0x1fu);
  EXPECT_EQ(Ok->Findings[0].Stacks[0][0].Offset, 0x20u);
  EXPECT_EQ(Ok->Contention[0].Acquisitions, 3u);
  ASSERT_TRUE(Ok->GlobalLock.has_value());
  EXPECT_DOUBLE_EQ(Ok->GlobalLock->Share, 0.9);

  auto Error = [](const char *Text) {
    auto R = parseRuntimeReport(Text, "bad.json");
    EXPECT_FALSE(bool(R));
    return R ? std::string() : llvm::toString(R.takeError());
  };
  EXPECT_NE(Error("{").find("bad.json: not a lockgraph report"), std::string::npos);
  EXPECT_NE(Error(R"json({"format": "lockgraph-report", "version": 2})json").find("version 2"),
            std::string::npos);
  EXPECT_NE(Error(R"json({"format": "lockgraph-report", "version": 1,
                      "producer": {"side": "static"}, "locks": [], "edges": [],
                      "findings": []})json")
                .find("not a runtime report"),
            std::string::npos);
  EXPECT_NE(Error(R"json({"format": "lockgraph-report", "version": 1,
                      "producer": {"side": "runtime"}, "locks": [], "edges": [],
                      "findings": [{"check": "x", "locks": [3]}]})json")
                .find("finding #0"),
            std::string::npos);
  EXPECT_NE(Error(R"json({"format": "lockgraph-report", "version": 1,
                      "producer": {"side": "runtime"},
                      "locks": [{"name": "m", "site": [{"module": "p", "offset": "12"}]}],
                      "edges": [], "findings": []})json")
                .find("site of lock #0"),
            std::string::npos);
}

TEST(StackSymbolizer, FunctionNameWithoutParams) {
  EXPECT_EQ(functionNameWithoutParams("ns::f(int) const"), "ns::f");
  EXPECT_EQ(functionNameWithoutParams("(anonymous namespace)::g()"),
            "(anonymous namespace)::g");
  EXPECT_EQ(functionNameWithoutParams("std::function<void (int)>::operator()(int) const"),
            "std::function<void (int)>::operator()");
  EXPECT_EQ(functionNameWithoutParams("main"), "main");
  EXPECT_EQ(functionNameWithoutParams("<invalid>"), "");
}

} // namespace
