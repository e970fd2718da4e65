//===- extract/UnsharedLocks.h - Local locks no other thread can reach ----===//
//
// A lock that is a local variable of a function, whose address never leaves
// that function (it is only locked, unlocked or handed to a guard there),
// cannot be waited on by another thread, so it takes part in no deadlock
// cycle (issue 11, item 8). Anything else that mentions it counts as an
// escape: passing it or its address to any other call, binding a pointer
// or reference to it, capturing it in a lambda. Locals of a class type that
// merely contains a lock are not followed (they count as escaping).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_UNSHAREDLOCKS_H
#define LOCKGRAPH_EXTRACT_UNSHAREDLOCKS_H

#include "extract/LockNaming.h"

#include "clang/AST/ASTContext.h"

#include <set>

namespace lockgraph {

std::set<const clang::VarDecl *> findUnsharedLocalLocks(const clang::FunctionDecl *FD,
                                                        const LockNamer &Namer);

} // namespace lockgraph

#endif
