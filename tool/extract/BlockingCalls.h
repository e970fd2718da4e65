//===- extract/BlockingCalls.h - Calls that can block for long ------------===//
//
// What `lockgraph-blocking-under-lock` looks for: sleeps, file and socket
// I/O, joins and future waits, and condition-variable waits (which release
// their own mutex, but not any other lock the thread holds). The list can
// be extended by name (`BlockingFunctions` in .lockgraph.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_BLOCKINGCALLS_H
#define LOCKGRAPH_EXTRACT_BLOCKINGCALLS_H

#include "clang/AST/Expr.h"

#include <string>
#include <vector>

namespace lockgraph {

enum class BlockingKind {
  None,
  Blocks,       ///< Sleep, I/O, join, future wait.
  ConditionWait ///< Releases one mutex while it waits.
};

struct BlockingInfo {
  BlockingKind Kind = BlockingKind::None;
  /// For ConditionWait: the expression naming what the wait releases (a
  /// guard variable for std::condition_variable, a mutex for pthread).
  const clang::Expr *Released = nullptr;
};

/// Classifies a call or constructor call; `Extra` holds user-listed names
/// (qualified or plain).
BlockingInfo classifyBlocking(const clang::Expr *Call,
                              const std::vector<std::string> &Extra = {});

} // namespace lockgraph

#endif
