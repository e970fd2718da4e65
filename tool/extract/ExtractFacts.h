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

#include <map>

namespace lockgraph {

/// Project-specific additions to what counts as locking and blocking
/// (.lockgraph.yaml: LockFunctions, UnlockFunctions, BlockingFunctions),
/// by qualified or plain function name. A lock or unlock function takes
/// the lock passed as its first argument (or, for a method with no
/// arguments, its object).
struct ExtractOptions {
  std::vector<std::string> LockFunctions;
  std::vector<std::string> UnlockFunctions;
  std::vector<std::string> BlockingFunctions;
  /// Lock wrappers and never-returning functions defined in other TUs, by
  /// linkage key, as their own TU's facts inferred them: a call to one takes
  /// or drops its lock (or ends the path) here as if it were defined in
  /// this TU.
  std::map<std::string, WrapperEffects> Wrappers;
  /// .lockgraph.yaml: NonBlockingFunctions, IgnoredFunctions.
  std::vector<std::string> NonBlockingFunctions;
  std::vector<std::string> IgnoredFunctions;
};

TUFacts extractFacts(clang::ASTContext &Ctx, const ExtractOptions &Options = {});

} // namespace lockgraph

#endif
