//===- extract/AnnotationText.h - Annotations written but compiled out ----===//
//
// Projects spell thread-safety annotations through macros that expand to
// nothing when the compiler is not clang or the annotations are switched
// off (glog's `EXCLUSIVE_LOCKS_REQUIRED(log_mutex)`, gperftools'
// `NO_THREAD_SAFETY_ANALYSIS`), so the attributes are not in the AST. Their
// spelling still says what the authors meant; this reads it from the text
// of a function's declarations (up to the body or the `;`).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_ANNOTATIONTEXT_H
#define LOCKGRAPH_EXTRACT_ANNOTATIONTEXT_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace lockgraph {

/// The source text of one declaration of a function, from its start to its
/// body or its `;`; "" when it cannot be read (a macro-made declaration).
llvm::StringRef declaratorText(const clang::FunctionDecl *D);

/// Whether `Text` holds the identifier `Name`, or one ending in `_Name`
/// (`ABSL_NO_THREAD_SAFETY_ANALYSIS`), as a whole word.
bool spellsMacro(llvm::StringRef Text, llvm::StringRef Name);

/// A lock a spelled `EXCLUSIVE_LOCKS_REQUIRED(mu)` / `SHARED_LOCKS_REQUIRED`
/// / `REQUIRES` / `REQUIRES_SHARED` names: a global or a field of the
/// function's class, found by name from the function's scope.
struct SpelledRequirement {
  const clang::ValueDecl *Lock = nullptr;
  bool Shared = false;
};

/// The requirements spelled on FD's declarations whose macros left no
/// attribute (an attribute in the AST is read as such instead).
std::vector<SpelledRequirement> spelledRequirements(const clang::FunctionDecl *FD);

} // namespace lockgraph

#endif
