//===- SuppressionsTest.cpp - NOLINT parsing ------------------------------===//
#include "report/Suppressions.h"

#include <gtest/gtest.h>

using namespace lockgraph;

TEST(Nolint, BareNolintCoversEveryCheck) {
  EXPECT_TRUE(nolintCovers("m.lock(); // NOLINT", "NOLINT", "lockgraph-double-lock"));
}

TEST(Nolint, ListNamesChecksAndGlobs) {
  const std::string Check = "lockgraph-double-lock";
  EXPECT_TRUE(nolintCovers("x; // NOLINT(lockgraph-double-lock)", "NOLINT", Check));
  EXPECT_TRUE(nolintCovers("x; // NOLINT(bugprone-*, lockgraph-*)", "NOLINT", Check));
  EXPECT_TRUE(nolintCovers("x; // NOLINT(*)", "NOLINT", Check));
  EXPECT_FALSE(nolintCovers("x; // NOLINT(lockgraph-instance-order)", "NOLINT", Check));
  EXPECT_FALSE(nolintCovers("x; // NOLINT(bugprone-*)", "NOLINT", Check));
}

TEST(Nolint, DirectivesDoNotMatchEachOther) {
  const std::string Check = "lockgraph-double-lock";
  EXPECT_FALSE(nolintCovers("// NOLINTNEXTLINE", "NOLINT", Check));
  EXPECT_TRUE(nolintCovers("// NOLINTNEXTLINE", "NOLINTNEXTLINE", Check));
  EXPECT_FALSE(nolintCovers("// NOLINT", "NOLINTNEXTLINE", Check));
  EXPECT_FALSE(nolintCovers("m.lock();", "NOLINT", Check));
}
