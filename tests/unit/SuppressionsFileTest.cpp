//===- SuppressionsFileTest.cpp - check:, lock:, file: rules --------------===//
#include "report/SuppressionsFile.h"

#include <gtest/gtest.h>

#include <memory>

using namespace lockgraph;

namespace {

Finding finding(const std::string &Check, std::vector<std::string> Locks,
                const std::string &File) {
  Finding F;
  F.Check = Check;
  F.LockNames = std::move(Locks);
  F.Site = {File, 10, 3, "f"};
  return F;
}

SuppressionsFile parse(llvm::StringRef Text) {
  llvm::Expected<SuppressionsFile> S = SuppressionsFile::parse(Text);
  EXPECT_TRUE(bool(S)) << (S ? "" : llvm::toString(S.takeError()));
  return S ? std::move(*S) : SuppressionsFile();
}

std::string errorOf(llvm::StringRef Text) {
  llvm::Expected<SuppressionsFile> S = SuppressionsFile::parse(Text);
  EXPECT_FALSE(bool(S));
  return S ? "" : llvm::toString(S.takeError());
}

TEST(SuppressionsFile, CommentsAndBlankLinesAreIgnored) {
  SuppressionsFile S = parse("# header\n\n   \n  # indented comment\n");
  EXPECT_EQ(S.size(), 0u);
  EXPECT_FALSE(S.suppresses(finding("double-lock", {"m"}, "/src/a.cpp")));
}

TEST(SuppressionsFile, CheckRulesMatchTheFullName) {
  SuppressionsFile S = parse("check:lockgraph-double-lock  # known\n");
  EXPECT_TRUE(S.suppresses(finding("double-lock", {"m"}, "/src/a.cpp")));
  EXPECT_FALSE(S.suppresses(finding("lock-order-inversion", {"m"}, "/src/a.cpp")));
  SuppressionsFile Glob = parse("check: lockgraph-*-order\n");
  EXPECT_TRUE(Glob.suppresses(finding("instance-order", {}, "/a.cpp")));
  EXPECT_FALSE(Glob.suppresses(finding("double-lock", {}, "/a.cpp")));
}

TEST(SuppressionsFile, LockRulesMatchAnyLockOfTheFinding) {
  SuppressionsFile S = parse("lock:bank::*\n");
  EXPECT_TRUE(S.suppresses(finding("lock-order-inversion", {"audit::g_mu", "bank::g_ledger_mu"},
                                   "/src/a.cpp")));
  EXPECT_FALSE(S.suppresses(finding("lock-order-inversion", {"audit::g_mu", "banking::mu"},
                                    "/src/a.cpp")));
  // The whole name must match, not a part of it.
  EXPECT_FALSE(parse("lock:g_mu\n").suppresses(finding("double-lock", {"audit::g_mu"}, "/a.cpp")));
}

TEST(SuppressionsFile, FileRulesMatchTheWarningsPath) {
  SuppressionsFile S = parse("file:*/third_party/*\n");
  EXPECT_TRUE(S.suppresses(finding("double-lock", {"m"}, "/src/third_party/zlib/z.c")));
  EXPECT_FALSE(S.suppresses(finding("double-lock", {"m"}, "/src/main.cpp")));
  EXPECT_TRUE(parse("file:*.{h,hpp}\n").suppresses(finding("double-lock", {}, "/src/x.hpp")));
}

TEST(SuppressionsFile, AnyRuleIsEnough) {
  SuppressionsFile S = parse("check:lockgraph-instance-order\nlock:Account::mu_\n");
  EXPECT_TRUE(S.suppresses(finding("double-lock", {"Account::mu_"}, "/a.cpp")));
  EXPECT_TRUE(S.suppresses(finding("instance-order", {"Other::mu_"}, "/a.cpp")));
  EXPECT_FALSE(S.suppresses(finding("double-lock", {"Other::mu_"}, "/a.cpp")));
}

TEST(SuppressionsFile, RulesOutliveTheTextTheyWereReadFrom) {
  // As when read from a file: the buffer is gone before any finding is seen.
  auto Text = std::make_unique<std::string>("check:lockgraph-double-lock\nlock:bank::*\n");
  SuppressionsFile S = parse(*Text);
  Text->assign(Text->size(), 'x');
  Text.reset();
  EXPECT_TRUE(S.suppresses(finding("double-lock", {}, "/a.cpp")));
  EXPECT_TRUE(S.suppresses(finding("lock-order-inversion", {"bank::mu"}, "/a.cpp")));
  EXPECT_FALSE(S.suppresses(finding("instance-order", {"Account::mu_"}, "/a.cpp")));
}

TEST(SuppressionsFile, BadLinesAreOneLineErrorsWithTheLineNumber) {
  EXPECT_EQ(errorOf("# ok\nfunction:foo\n"),
            "line 2: expected 'check:', 'lock:' or 'file:' before the pattern, got "
            "'function:foo'");
  EXPECT_EQ(errorOf("lockgraph-double-lock\n"),
            "line 1: expected 'check:', 'lock:' or 'file:' before the pattern, got "
            "'lockgraph-double-lock'");
  EXPECT_EQ(errorOf("lock:   # nothing\n"), "line 1: empty pattern");
  EXPECT_EQ(errorOf("file:[\n").find("line 1: bad pattern '[': "), 0u);
}

TEST(SuppressionsFile, ReadNamesTheFile) {
  llvm::Expected<SuppressionsFile> S = SuppressionsFile::read("/nonexistent/supp.txt");
  ASSERT_FALSE(bool(S));
  EXPECT_EQ(llvm::toString(S.takeError()),
            "cannot read suppressions file '/nonexistent/supp.txt': No such file or directory");
}

} // namespace
