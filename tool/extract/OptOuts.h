//===- extract/OptOuts.h - Functions that opt out of the lock checks ------===//
//
// `__attribute__((no_thread_safety_analysis))` turns clang's own analysis off
// for one function's body; lockgraph honours it the same way (issue 12,
// item 2): no lock-leak, unlock-not-held or double-lock is reported for that
// body, while its acquisitions still count for lock order. The usual case is
// a `pthread_atfork` pair that locks everything in `prepare` and unlocks it
// in `parent` / `child`.
//
// Projects spell it through a macro (`NO_THREAD_SAFETY_ANALYSIS`,
// `ABSL_NO_THREAD_SAFETY_ANALYSIS`) that is often defined empty when the
// compiler is not clang or the annotations are switched off, so the
// attribute is not in the AST: the macro's name written on any declaration
// of the function counts too.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_OPTOUTS_H
#define LOCKGRAPH_EXTRACT_OPTOUTS_H

#include "clang/AST/Decl.h"

namespace lockgraph {

bool optsOutOfLockChecks(const clang::FunctionDecl *FD);

} // namespace lockgraph

#endif
