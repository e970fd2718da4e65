//===- extract/RecursiveLocks.h - pthread mutexes made recursive ---------===//
//
// A pthread mutex is recursive by how it was initialised, not by its type:
//   pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
//   pthread_mutex_init(&m, &a);
// (in one function or in two of the TU), or
//   pthread_mutex_t m = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
// Such a lock may be re-taken by its holder: no double lock. The names are
// lock names as LockNamer gives them; an attribute object reached other than
// through a plain variable is not followed (the lock then stays
// non-recursive, which can only add a double-lock report, never hide one).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_RECURSIVELOCKS_H
#define LOCKGRAPH_EXTRACT_RECURSIVELOCKS_H

#include "clang/AST/ASTContext.h"

#include <set>
#include <string>

namespace lockgraph {

std::set<std::string> findRecursiveLocks(clang::ASTContext &Ctx);

} // namespace lockgraph

#endif
