//===- BaselineTest.cpp - Baseline files: round trip and bad input --------===//
#include "report/Baseline.h"

#include <gtest/gtest.h>

using namespace lockgraph;

namespace {

Finding finding(const std::string &Check, const std::string &Id) {
  Finding F;
  F.Check = Check;
  F.Id = Id;
  F.Message = "message of " + Id;
  return F;
}

std::string errorOf(llvm::Expected<Baseline> B) {
  EXPECT_FALSE(bool(B));
  return B ? "" : llvm::toString(B.takeError());
}

TEST(Baseline, WritesSortedByCheckAndIdOnce) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeBaseline(OS, {finding("lock-order-inversion", "00000000000000bb"),
                     finding("double-lock", "00000000000000cc"),
                     finding("lock-order-inversion", "00000000000000aa"),
                     finding("double-lock", "00000000000000cc")});
  EXPECT_EQ(Out, R"({
  "format": "lockgraph-baseline",
  "version": 1,
  "findings": [
    {
      "id": "00000000000000cc",
      "check": "double-lock",
      "message": "message of 00000000000000cc"
    },
    {
      "id": "00000000000000aa",
      "check": "lock-order-inversion",
      "message": "message of 00000000000000aa"
    },
    {
      "id": "00000000000000bb",
      "check": "lock-order-inversion",
      "message": "message of 00000000000000bb"
    }
  ]
}
)");
}

TEST(Baseline, RoundTripMatchesByIdOnly) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeBaseline(OS, {finding("double-lock", "1111111111111111")});
  llvm::Expected<Baseline> B = Baseline::parse(Out);
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_EQ(B->size(), 1u);
  Finding Moved = finding("double-lock", "1111111111111111");
  Moved.Message = "reworded, on another line";
  Moved.Site = {"other.cpp", 99, 1, "g"};
  EXPECT_TRUE(B->contains(Moved));
  EXPECT_FALSE(B->contains(finding("double-lock", "2222222222222222")));
}

TEST(Baseline, EmptyFindingsIsValid) {
  llvm::Expected<Baseline> B =
      Baseline::parse(R"({"format":"lockgraph-baseline","version":1,"findings":[]})");
  ASSERT_TRUE(bool(B));
  EXPECT_EQ(B->size(), 0u);
}

TEST(Baseline, BadInputIsOneLineError) {
  EXPECT_EQ(errorOf(Baseline::parse("{\"format\": ")).find("invalid JSON: "), 0u);
  EXPECT_EQ(errorOf(Baseline::parse(R"({"format":"lockgraph-report","version":1})")),
            "not a lockgraph baseline (expected \"format\": \"lockgraph-baseline\")");
  EXPECT_EQ(errorOf(Baseline::parse(R"({"format":"lockgraph-baseline"})")), "no \"version\"");
  EXPECT_EQ(errorOf(Baseline::parse(R"({"format":"lockgraph-baseline","version":2,"findings":[]})")),
            "baseline version 2 is not supported (this lockgraph reads version 1)");
  EXPECT_EQ(errorOf(Baseline::parse(R"({"format":"lockgraph-baseline","version":1})")),
            "no \"findings\" array");
  EXPECT_EQ(errorOf(Baseline::parse(
                R"({"format":"lockgraph-baseline","version":1,"findings":[{"id":"a"},{"check":"x"}]})")),
            "findings[1] has no \"id\" string");
  EXPECT_EQ(errorOf(Baseline::parse("[]")),
            "not a lockgraph baseline (expected \"format\": \"lockgraph-baseline\")");
}

TEST(Baseline, ReadNamesTheFile) {
  std::string E = errorOf(Baseline::read("/nonexistent/baseline.json"));
  EXPECT_EQ(E, "cannot read baseline '/nonexistent/baseline.json': No such file or directory");
}

} // namespace
