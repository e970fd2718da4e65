//===- tidy/TUFindings.h - The engine's findings for clang-tidy's TU ------===//
//
// clang-tidy runs each check separately over one TU; lockgraph's checks
// share one analysis of it. The first check to ask computes it, the others
// reuse it, and every check drops it at the end of the TU.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_TIDY_TUFINDINGS_H
#define LOCKGRAPH_TIDY_TUFINDINGS_H

#include "findings/Finding.h"

#include "clang/AST/ASTContext.h"

#include <vector>

namespace lockgraph {

/// Findings of every check for the TU of `Ctx`. Not thread-safe: clang-tidy
/// runs the checks of one TU on one thread.
const std::vector<Finding> &findingsForTU(clang::ASTContext &Ctx);
void forgetTU();

} // namespace lockgraph

#endif
