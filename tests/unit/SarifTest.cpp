//===- SarifTest.cpp - SARIF shape: rules, locations, flows, fingerprints -===//
//
// The schema itself is checked end to end (tests/lit/static/sarif.test);
// these pin the choices the schema leaves open: relative URIs, which notes
// become a code flow, and what a finding without a place gets.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace lockgraph;

namespace {

Finding cycle() {
  Finding F;
  F.Check = "lock-order-inversion";
  F.Id = "0123456789abcdef";
  F.Message = "potential deadlock: lock-order cycle 'a' -> 'b' -> 'a'";
  F.Site = {"/root/src/x.cpp", 24, 31, "bank::audit"};
  F.Notes = {{{"/root/src/x.cpp", 17, 31, "bank::deposit"}, "'a' acquired here"},
             {{"/root/src/x.cpp", 12, 31, "bank::post"}, "'b' acquired here while holding 'a'"},
             {{"/root/src/x.cpp", 23, 31, "bank::audit"}, "'b' acquired here"},
             {{"/root/src/x.cpp", 24, 31, "bank::audit"}, "'a' acquired here while holding 'b'"}};
  return F;
}

llvm::json::Object sarif(const std::vector<Finding> &Findings, llvm::StringRef Root = "/root") {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeSarifReport(OS, Findings, Root);
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Out);
  EXPECT_TRUE(bool(V)) << Out;
  return V ? *V->getAsObject() : llvm::json::Object();
}

const llvm::json::Object &run(const llvm::json::Object &Log) {
  return *(*Log.getArray("runs"))[0].getAsObject();
}

const llvm::json::Object &result(const llvm::json::Object &Log, size_t I) {
  return *(*run(Log).getArray("results"))[I].getAsObject();
}

const llvm::json::Object *physical(const llvm::json::Value &Location) {
  return Location.getAsObject()->getObject("physicalLocation");
}

TEST(Sarif, VersionAndOneRulePerCheck) {
  llvm::json::Object Log = sarif({});
  EXPECT_EQ(Log.getString("version"), "2.1.0");
  const llvm::json::Object &Driver = *run(Log).getObject("tool")->getObject("driver");
  EXPECT_EQ(Driver.getString("name"), "lockgraph");
  EXPECT_EQ(Driver.getString("version"), LOCKGRAPH_VERSION);
  const llvm::json::Array &Rules = *Driver.getArray("rules");
  ASSERT_EQ(Rules.size(), allCheckNames().size());
  for (size_t I = 0; I < Rules.size(); ++I) {
    const llvm::json::Object &R = *Rules[I].getAsObject();
    EXPECT_EQ(R.getString("id"), "lockgraph-" + allCheckNames()[I]);
    // Every check has its own description (report/SarifReport.cpp's table,
    // kept in step with docs/checks.md), not the fallback of its name.
    EXPECT_NE(R.getObject("shortDescription")->getString("text"),
              "lockgraph-" + allCheckNames()[I]);
    EXPECT_FALSE(R.getObject("fullDescription")->getString("text")->empty());
    EXPECT_FALSE(R.getObject("help")->getString("text")->empty());
  }
  EXPECT_EQ(run(Log).getArray("results")->size(), 0u);
}

TEST(Sarif, ResultCarriesRuleLocationAndFingerprint) {
  llvm::json::Object Log = sarif({cycle()});
  const llvm::json::Object &R = result(Log, 0);
  EXPECT_EQ(R.getString("ruleId"), "lockgraph-lock-order-inversion");
  EXPECT_EQ(R.getInteger("ruleIndex"), 0);
  EXPECT_EQ(R.getString("level"), "warning");
  EXPECT_EQ(R.getObject("partialFingerprints")->getString("lockgraphFindingId/v1"),
            "0123456789abcdef");
  const llvm::json::Object *P = physical((*R.getArray("locations"))[0]);
  EXPECT_EQ(P->getObject("artifactLocation")->getString("uri"), "src/x.cpp");
  EXPECT_EQ(P->getObject("artifactLocation")->getString("uriBaseId"), "%SRCROOT%");
  EXPECT_EQ(P->getObject("region")->getInteger("startLine"), 24);
  EXPECT_EQ(P->getObject("region")->getInteger("startColumn"), 31);
  EXPECT_EQ(run(Log).getObject("originalUriBaseIds")->getObject("%SRCROOT%")->getString("uri"),
            "file:///root/");
}

TEST(Sarif, CycleNotesAreRelatedLocationsAndOneThreadFlow) {
  llvm::json::Object Log = sarif({cycle()});
  const llvm::json::Object &R = result(Log, 0);
  const llvm::json::Array &Related = *R.getArray("relatedLocations");
  ASSERT_EQ(Related.size(), 4u);
  EXPECT_EQ(Related[1].getAsObject()->getObject("message")->getString("text"),
            "'b' acquired here while holding 'a'");
  const llvm::json::Array &Flows = *R.getArray("codeFlows");
  ASSERT_EQ(Flows.size(), 1u);
  const llvm::json::Array &Threads = *Flows[0].getAsObject()->getArray("threadFlows");
  ASSERT_EQ(Threads.size(), 1u);
  const llvm::json::Array &Steps = *Threads[0].getAsObject()->getArray("locations");
  ASSERT_EQ(Steps.size(), 4u);
  const llvm::json::Object &Step = *Steps[3].getAsObject()->getObject("location");
  EXPECT_EQ(Step.getObject("message")->getString("text"), "'a' acquired here while holding 'b'");
  EXPECT_EQ(Step.getObject("physicalLocation")->getObject("region")->getInteger("startLine"), 24);
}

TEST(Sarif, OtherChecksHaveNoCodeFlow) {
  Finding F = cycle();
  F.Check = "double-lock";
  llvm::json::Object Log = sarif({F});
  EXPECT_EQ(result(Log, 0).getString("ruleId"), "lockgraph-double-lock");
  EXPECT_EQ(result(Log, 0).getInteger("ruleIndex"), 1);
  EXPECT_EQ(result(Log, 0).getArray("codeFlows"), nullptr);
  EXPECT_EQ(result(Log, 0).getArray("relatedLocations")->size(), 4u);
}

TEST(Sarif, PathsOutsideTheRootAreAbsoluteFileUris) {
  Finding F = cycle();
  F.Site.File = "/usr/include/my lib/m:x.h";
  llvm::json::Object Log = sarif({F});
  const llvm::json::Object *P = physical((*result(Log, 0).getArray("locations"))[0]);
  EXPECT_EQ(P->getObject("artifactLocation")->getString("uri"),
            "file:///usr/include/my%20lib/m%3Ax.h");
  EXPECT_EQ(P->getObject("artifactLocation")->getString("uriBaseId"), std::nullopt);
  // A root given with a trailing slash or dots means the same folder.
  llvm::json::Object Again = sarif({cycle()}, "/root/src/../");
  P = physical((*result(Again, 0).getArray("locations"))[0]);
  EXPECT_EQ(P->getObject("artifactLocation")->getString("uri"), "src/x.cpp");
}

TEST(Sarif, AFindingWithoutAPlaceBorrowsItsFirstNotes) {
  Finding F = cycle();
  F.Site = {};
  llvm::json::Object Log = sarif({F});
  const llvm::json::Object *P = physical((*result(Log, 0).getArray("locations"))[0]);
  EXPECT_EQ(P->getObject("region")->getInteger("startLine"), 17);
}

TEST(Sarif, UnknownCheckGetsARuleToo) {
  Finding F = cycle();
  F.Check = "future-check";
  llvm::json::Object Log = sarif({F});
  const llvm::json::Array &Rules =
      *run(Log).getObject("tool")->getObject("driver")->getArray("rules");
  EXPECT_EQ(Rules.back().getAsObject()->getString("id"), "lockgraph-future-check");
  EXPECT_EQ(result(Log, 0).getInteger("ruleIndex"), int64_t(Rules.size() - 1));
}

} // namespace
