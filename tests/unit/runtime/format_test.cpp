// Units for the allocation-free formatter used by the reports.
#include "rt_format.h"

#include <gtest/gtest.h>

#include <string>
#include <unistd.h>
#include <cstdint>

using lockgraph::rt::OutBuf;

namespace {

std::string Fmt(void (*F)(OutBuf &)) {
  char Buf[256];
  OutBuf O(Buf, sizeof(Buf), -1);
  F(O);
  return O.CStr();
}

TEST(OutBuf, Numbers) {
  EXPECT_EQ(Fmt([](OutBuf &O) { O.U64(0).Ch(' ').U64(18446744073709551615ULL); }),
            "0 18446744073709551615");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.I64(-42).Ch(' ').I64(INT64_MIN); }),
            "-42 -9223372036854775808");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Hex(0).Ch(' ').Hex(0xdeadbeef); }), "0x0 0xdeadbeef");
}

TEST(OutBuf, Fixed) {
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Fixed(0.93, 2); }), "0.93");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Fixed(1.005, 1); }), "1.0");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Fixed(12.3456, 3); }), "12.346");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Fixed(-2.5, 1); }), "-2.5");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Fixed(0.0 / 0.0, 2); }), "0.00");
}

TEST(OutBuf, JsonEscapes) {
  EXPECT_EQ(Fmt([](OutBuf &O) { O.JsonStr("a\"b\\c\n\x01"); }), "\"a\\\"b\\\\c\\u000a\\u0001\"");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.JsonStr(nullptr); }), "\"\"");
}

TEST(OutBuf, Pad) {
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Str("ab").Pad(5).Str("c"); }), "ab   c");
  EXPECT_EQ(Fmt([](OutBuf &O) { O.Str("abcdef").Pad(3).Str("g"); }), "abcdef g");
}

TEST(OutBuf, StringBuilderTruncates) {
  char Buf[8];
  OutBuf O(Buf, sizeof(Buf), -1);
  O.Str("0123456789");
  EXPECT_TRUE(O.Truncated());
  EXPECT_STREQ(O.CStr(), "0123456");
}

TEST(OutBuf, FlushesToFd) {
  int P[2];
  ASSERT_EQ(pipe(P), 0);
  {
    char Buf[4]; // smaller than the text: flushed in pieces
    OutBuf O(Buf, sizeof(Buf), P[1]);
    O.Str("hello, world");
  }
  close(P[1]);
  char R[64] = {0};
  ssize_t N = read(P[0], R, sizeof(R) - 1);
  close(P[0]);
  EXPECT_EQ(std::string(R, N > 0 ? N : 0), "hello, world");
}

} // namespace
