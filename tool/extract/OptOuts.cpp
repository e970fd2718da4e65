//===- extract/OptOuts.cpp ------------------------------------------------===//
#include "extract/OptOuts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/CharInfo.h"

using namespace clang;

namespace lockgraph {
namespace {

/// Whether the text of D's declarator (up to its body, if any) names a
/// macro ending in NO_THREAD_SAFETY_ANALYSIS.
bool spellsOptOutMacro(const FunctionDecl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Begin = SM.getExpansionLoc(D->getBeginLoc());
  if (Begin.isInvalid())
    return false;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return false;
  // Up to the body or the `;`: an attribute macro written after the
  // parameters (`void f() NO_THREAD_SAFETY_ANALYSIS;`) is outside the
  // declaration's own source range when it expands to nothing.
  size_t From = SM.getFileOffset(Begin);
  size_t To = From;
  if (D->doesThisDeclarationHaveABody()) {
    SourceLocation Body = SM.getExpansionLoc(D->getBody()->getBeginLoc());
    if (SM.getFileID(Body) != SM.getFileID(Begin))
      return false;
    To = SM.getFileOffset(Body);
  } else {
    SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
    if (SM.getFileID(End) != SM.getFileID(Begin))
      return false;
    To = Buffer.find_first_of(";{", SM.getFileOffset(End));
  }
  if (To == llvm::StringRef::npos || To < From)
    return false;
  llvm::StringRef Text = Buffer.slice(From, To);
  constexpr llvm::StringRef Macro = "NO_THREAD_SAFETY_ANALYSIS";
  for (size_t At = Text.find(Macro); At != llvm::StringRef::npos;
       At = Text.find(Macro, At + 1)) {
    size_t After = At + Macro.size();
    // A whole identifier that ends here, not a prefix of a longer name.
    if (After == Text.size() || !isAsciiIdentifierContinue(Text[After]))
      return true;
  }
  return false;
}

} // namespace

bool optsOutOfLockChecks(const FunctionDecl *FD) {
  for (const FunctionDecl *D : FD->redecls())
    if (D->hasAttr<NoThreadSafetyAnalysisAttr>() || spellsOptOutMacro(D))
      return true;
  return false;
}

} // namespace lockgraph
