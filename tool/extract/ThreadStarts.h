//===- extract/ThreadStarts.h - Where threads begin -----------------------===//
//
// Thread entry points: the callable given to std::thread / std::jthread
// (directly, or through a container's emplace_back / push_back), or the
// start routine given to pthread_create. A start inside a loop stands for
// many threads.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_THREADSTARTS_H
#define LOCKGRAPH_EXTRACT_THREADSTARTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace lockgraph {

/// The function a thread created by `Call` starts in, or null.
const clang::FunctionDecl *threadEntryOf(const clang::Expr *Call);

/// Whether `E` sits inside a loop of its function.
bool isInLoop(const clang::Expr *E, clang::ASTContext &Ctx);

} // namespace lockgraph

#endif
