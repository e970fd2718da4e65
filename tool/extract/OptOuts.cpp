//===- extract/OptOuts.cpp ------------------------------------------------===//
#include "extract/OptOuts.h"

#include "extract/AnnotationText.h"

#include "clang/AST/Attr.h"

using namespace clang;

namespace lockgraph {

bool optsOutOfLockChecks(const FunctionDecl *FD) {
  for (const FunctionDecl *D : FD->redecls())
    if (D->hasAttr<NoThreadSafetyAnalysisAttr>() ||
        spellsMacro(declaratorText(D), "NO_THREAD_SAFETY_ANALYSIS"))
      return true;
  return false;
}

} // namespace lockgraph
