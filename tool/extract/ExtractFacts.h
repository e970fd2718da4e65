//===- extract/ExtractFacts.h - One translation unit -> TUFacts -----------===//
//
// Visits every function with a body in user code (not system headers),
// including template instantiations and lambda bodies, and walks each with
// extract/FunctionWalker.h. Functions annotated as acquiring or releasing a
// lock are described by their annotation and not walked, as Clang's
// -Wthread-safety does: their bodies implement the lock.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_EXTRACTFACTS_H
#define LOCKGRAPH_EXTRACT_EXTRACTFACTS_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"

namespace lockgraph {

TUFacts extractFacts(clang::ASTContext &Ctx);

} // namespace lockgraph

#endif
