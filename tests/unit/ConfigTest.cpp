//===- ConfigTest.cpp - .lockgraph.yaml: keys, errors, discovery ----------===//
#include "config/Config.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace lockgraph;

namespace {

std::string errorOf(llvm::Expected<Config> C) {
  EXPECT_FALSE(bool(C));
  return C ? "" : llvm::toString(C.takeError());
}

TEST(Config, ReadsEveryKey) {
  llvm::Expected<Config> C = parseConfig(R"(
# comments are fine
Checks: '-*,lockgraph-double-lock'
Baseline: ci/baseline.json
Suppressions: /abs/supp.txt
GlobalLockThreshold: 4
BlockingFunctions: [my_sleep, 'rpc::call_sync']
LockFunctions:
  - my_lock
UnlockFunctions: [my_unlock]
NonBlockingFunctions: [debug_printf]
IgnoredFunctions: ['trace::dump']
)",
                                         "/proj/.lockgraph.yaml");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(C->Path, "/proj/.lockgraph.yaml");
  EXPECT_EQ(C->Checks, "-*,lockgraph-double-lock");
  // Relative paths are anchored at the config's folder, absolute ones kept.
  EXPECT_EQ(C->Baseline, "/proj/ci/baseline.json");
  EXPECT_EQ(C->Suppressions, "/abs/supp.txt");
  EXPECT_EQ(C->GlobalLockThreshold, 4);
  EXPECT_EQ(C->BlockingFunctions, (std::vector<std::string>{"my_sleep", "rpc::call_sync"}));
  EXPECT_EQ(C->LockFunctions, std::vector<std::string>{"my_lock"});
  EXPECT_EQ(C->UnlockFunctions, std::vector<std::string>{"my_unlock"});
  EXPECT_EQ(C->NonBlockingFunctions, std::vector<std::string>{"debug_printf"});
  EXPECT_EQ(C->IgnoredFunctions, std::vector<std::string>{"trace::dump"});
}

TEST(Config, AbsentKeysStayUnset) {
  llvm::Expected<Config> C = parseConfig("Checks: 'lockgraph-*'\n", "/p/.lockgraph.yaml");
  ASSERT_TRUE(bool(C));
  EXPECT_FALSE(C->Baseline);
  EXPECT_FALSE(C->Suppressions);
  EXPECT_FALSE(C->GlobalLockThreshold);
  EXPECT_TRUE(C->BlockingFunctions.empty());
}

TEST(Config, CommentsOnlyIsEmpty) {
  llvm::Expected<Config> C = parseConfig("# nothing yet\n\n", "/p/.lockgraph.yaml");
  ASSERT_TRUE(bool(C));
  EXPECT_FALSE(C->Checks);
}

TEST(Config, ErrorsAreOneLineWithFileAndPosition) {
  std::string E = errorOf(parseConfig("Checks: x\nChecsk: y\n", "/p/.lockgraph.yaml"));
  EXPECT_EQ(E, "bad config file '/p/.lockgraph.yaml': 2:1: unknown key 'Checsk'");

  E = errorOf(parseConfig("GlobalLockThreshold: many\n", "/p/.lockgraph.yaml"));
  EXPECT_EQ(E, "bad config file '/p/.lockgraph.yaml': 1:22: invalid number");

  E = errorOf(parseConfig("GlobalLockThreshold: 0\n", "/p/.lockgraph.yaml"));
  EXPECT_NE(E.find("GlobalLockThreshold must be at least 1"), std::string::npos) << E;

  E = errorOf(parseConfig("Checks: [unclosed\n", "/p/.lockgraph.yaml"));
  EXPECT_EQ(E.find("bad config file '/p/.lockgraph.yaml': "), 0u) << E;
  EXPECT_EQ(E.find('\n'), std::string::npos) << E;

  E = errorOf(parseConfig("- just\n- a list\n", "/p/.lockgraph.yaml"));
  EXPECT_EQ(E.find("bad config file '/p/.lockgraph.yaml': "), 0u) << E;
}

TEST(Config, MissingFileIsAnError) {
  std::string E = errorOf(readConfigFile("/nonexistent/dir/.lockgraph.yaml"));
  EXPECT_EQ(E.find("cannot read config file '/nonexistent/dir/.lockgraph.yaml': "), 0u) << E;
}

/// A temporary tree: root/.lockgraph.yaml, root/src/a.cpp, root/src/sub/b.cpp
/// and root/src/sub/.lockgraph.yaml; discovery takes the nearest.
TEST(Config, DiscoveryFindsTheNearestFile) {
  llvm::SmallString<128> Root;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("lockgraph-config", Root));
  auto Touch = [&](llvm::StringRef Rel) {
    llvm::SmallString<128> P = Root;
    llvm::sys::path::append(P, Rel);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC);
    return std::string(P);
  };
  std::string Top = Touch(".lockgraph.yaml");
  std::string A = Touch("src/a.cpp");
  std::string Sub = Touch("src/sub/.lockgraph.yaml");
  std::string B = Touch("src/sub/b.cpp");

  EXPECT_EQ(findConfigFile(A), Top);
  EXPECT_EQ(findConfigFile(B), Sub);
  // A folder starts the search in itself.
  EXPECT_EQ(findConfigFile(llvm::sys::path::parent_path(B)), Sub);
  llvm::sys::fs::remove_directories(Root);
}

} // namespace
