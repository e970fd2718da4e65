// Units for LOCKGRAPH_OPTIONS parsing: every option, separators, bad values
// and unknown keys (warnings, defaults kept, never a crash).
#include "rt_options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace lockgraph::rt;

namespace {

std::vector<std::string> Warnings;
void Collect(const char *Msg) { Warnings.push_back(Msg); }

Options Parse(const char *Text) {
  Warnings.clear();
  Options O;
  ParseOptions(Text, &O, Collect);
  return O;
}

TEST(Options, Defaults) {
  Options O = Parse(nullptr);
  EXPECT_STREQ(O.Report, "");
  EXPECT_EQ(O.ExitCode, 0);
  EXPECT_EQ(O.StackDepth, 16);
  EXPECT_EQ(O.WatchdogMs, 0);
  EXPECT_FALSE(O.AbortOnDeadlock);
  EXPECT_EQ(O.ContentionTop, 10);
  EXPECT_EQ(O.Gated, GatedMode::Report);
  EXPECT_EQ(O.HoldSampleRate, 64);
  EXPECT_EQ(O.Verbosity, 1);
  EXPECT_TRUE(O.Detect);
  EXPECT_TRUE(Warnings.empty());
}

TEST(Options, AllKeys) {
  Options O = Parse("report=/tmp/x.json:exitcode=7:stack_depth=32:watchdog_ms=1500:"
                    "abort_on_deadlock=1:contention_top=3:gated=hide:hold_sample_rate=1:"
                    "verbosity=0:detect=false");
  EXPECT_STREQ(O.Report, "/tmp/x.json");
  EXPECT_EQ(O.ExitCode, 7);
  EXPECT_EQ(O.StackDepth, 32);
  EXPECT_EQ(O.WatchdogMs, 1500);
  EXPECT_TRUE(O.AbortOnDeadlock);
  EXPECT_EQ(O.ContentionTop, 3);
  EXPECT_EQ(O.Gated, GatedMode::Hide);
  EXPECT_EQ(O.HoldSampleRate, 1);
  EXPECT_EQ(O.Verbosity, 0);
  EXPECT_FALSE(O.Detect);
  EXPECT_TRUE(Warnings.empty());
}

TEST(Options, WhitespaceAndRepeatedSeparators) {
  Options O = Parse("  exitcode=2 ::  verbosity=2\t");
  EXPECT_EQ(O.ExitCode, 2);
  EXPECT_EQ(O.Verbosity, 2);
  EXPECT_TRUE(Warnings.empty());
}

TEST(Options, LastValueWins) {
  EXPECT_EQ(Parse("exitcode=2:exitcode=5").ExitCode, 5);
}

TEST(Options, UnknownKeyWarnsAndContinues) {
  Options O = Parse("bogus=1:exitcode=4");
  EXPECT_EQ(O.ExitCode, 4);
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "unknown option 'bogus' in LOCKGRAPH_OPTIONS (ignored)");
}

TEST(Options, BadValuesKeepDefaults) {
  Options O = Parse("exitcode=300:stack_depth=0:gated=maybe:abort_on_deadlock=yes:"
                    "watchdog_ms=-5:hold_sample_rate=12x");
  EXPECT_EQ(O.ExitCode, 0);
  EXPECT_EQ(O.StackDepth, 16);
  EXPECT_EQ(O.Gated, GatedMode::Report);
  EXPECT_FALSE(O.AbortOnDeadlock);
  EXPECT_EQ(O.WatchdogMs, 0);
  EXPECT_EQ(O.HoldSampleRate, 64);
  ASSERT_EQ(Warnings.size(), 6u);
  EXPECT_EQ(Warnings[0], "bad value for option 'exitcode' in LOCKGRAPH_OPTIONS (default kept)");
}

TEST(Options, KeyWithoutValue) {
  Options O = Parse("verbosity:exitcode=1");
  EXPECT_EQ(O.ExitCode, 1);
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "option without a value 'verbosity' in LOCKGRAPH_OPTIONS (ignored)");
}

TEST(Options, TooLongPathIsRejected) {
  std::string Long = "report=" + std::string(5000, 'a');
  Options O = Parse(Long.c_str());
  EXPECT_STREQ(O.Report, "");
  EXPECT_EQ(Warnings.size(), 1u);
}

TEST(Options, EscapedSeparatorsInAReportPath) {
  Options O = Parse(R"(report=/tmp/a\:b\ c\\d.json:exitcode=3)");
  EXPECT_STREQ(O.Report, R"(/tmp/a:b c\d.json)");
  EXPECT_EQ(O.ExitCode, 3);
  EXPECT_TRUE(Warnings.empty());
}

TEST(Options, OtherBackslashesAreLiteral) {
  EXPECT_STREQ(Parse(R"(report=/tmp/a\b.json)").Report, R"(/tmp/a\b.json)");
  // A trailing backslash escapes nothing.
  EXPECT_STREQ(Parse("report=/tmp/x\\").Report, "/tmp/x\\");
}

TEST(Options, ReportPathOverride) {
  Options O = Parse("report=/tmp/x.json");
  SetReportPath("/tmp/with:colon %p.json", &O, Collect);
  EXPECT_STREQ(O.Report, "/tmp/with:colon %p.json");
  SetReportPath("", &O, Collect); // set but empty: report= stands
  SetReportPath(nullptr, &O, Collect);
  EXPECT_STREQ(O.Report, "/tmp/with:colon %p.json");
  std::string Long(5000, 'a');
  SetReportPath(Long.c_str(), &O, Collect);
  EXPECT_STREQ(O.Report, "/tmp/with:colon %p.json");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "LOCKGRAPH_REPORT is longer than 4095 bytes (ignored)");
}

TEST(Options, WarningsAreBounded) {
  std::string Many;
  for (int I = 0; I < 100; ++I)
    Many += "x" + std::to_string(I) + "=1:";
  Parse(Many.c_str());
  EXPECT_EQ(Warnings.size(), 16u);
}

TEST(Options, NullWarnCallbackIsFine) {
  Options O;
  ParseOptions("bogus=1:exitcode=9", &O, nullptr);
  EXPECT_EQ(O.ExitCode, 9);
}

} // namespace
