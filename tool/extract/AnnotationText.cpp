//===- extract/AnnotationText.cpp -----------------------------------------===//
#include "extract/AnnotationText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace lockgraph {

llvm::StringRef declaratorText(const FunctionDecl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Begin = SM.getExpansionLoc(D->getBeginLoc());
  if (Begin.isInvalid())
    return "";
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return "";
  // Up to the body or the `;`: an annotation macro written after the
  // parameters (`void f() NO_THREAD_SAFETY_ANALYSIS;`) is outside the
  // declaration's own source range when it expands to nothing.
  size_t From = SM.getFileOffset(Begin), To;
  if (D->doesThisDeclarationHaveABody()) {
    SourceLocation Body = SM.getExpansionLoc(D->getBody()->getBeginLoc());
    if (SM.getFileID(Body) != SM.getFileID(Begin))
      return "";
    To = SM.getFileOffset(Body);
  } else {
    SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
    if (SM.getFileID(End) != SM.getFileID(Begin))
      return "";
    To = Buffer.find_first_of(";{", SM.getFileOffset(End));
  }
  if (To == llvm::StringRef::npos || To < From)
    return "";
  return Buffer.slice(From, To);
}

/// Where `Name` starts as (the end of) a whole identifier, from `From`.
static size_t findMacro(llvm::StringRef Text, llvm::StringRef Name, size_t From = 0) {
  for (size_t At = Text.find(Name, From); At != llvm::StringRef::npos;
       At = Text.find(Name, At + 1)) {
    size_t After = At + Name.size();
    bool EndsWord = After == Text.size() || !isAsciiIdentifierContinue(Text[After]);
    bool StartsWord = At == 0 || !isAsciiIdentifierContinue(Text[At - 1]) || Text[At - 1] == '_';
    if (EndsWord && StartsWord)
      return At;
  }
  return llvm::StringRef::npos;
}

bool spellsMacro(llvm::StringRef Text, llvm::StringRef Name) {
  return findMacro(Text, Name) != llvm::StringRef::npos;
}

/// The declaration `Name` (`mu_`, `ns::g_mu`) means from FD's scope.
static const ValueDecl *lookUp(const FunctionDecl *FD, llvm::StringRef Name) {
  Name = Name.trim();
  while (Name.consume_front("&") || Name.consume_front("this->"))
    Name = Name.trim();
  llvm::StringRef Last = Name.rsplit("::").second.empty() ? Name : Name.rsplit("::").second;
  if (Last.empty() || !llvm::all_of(Last, [](char C) { return isAsciiIdentifierContinue(C); }))
    return nullptr;
  IdentifierInfo &II = FD->getASTContext().Idents.get(Last);
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC); RD && !RD->hasDefinition())
      continue;
    for (const NamedDecl *ND : DC->lookup(&II))
      if (const auto *VD = dyn_cast<ValueDecl>(ND);
          VD && (isa<FieldDecl>(VD) || (isa<VarDecl>(VD) && cast<VarDecl>(VD)->hasGlobalStorage())))
        return VD;
  }
  return nullptr;
}

std::vector<SpelledRequirement> spelledRequirements(const FunctionDecl *FD) {
  std::vector<SpelledRequirement> Out;
  if (FD->hasAttr<RequiresCapabilityAttr>())
    return Out;
  struct Spelling {
    llvm::StringRef Macro;
    bool Shared;
  };
  static const Spelling Spellings[] = {{"EXCLUSIVE_LOCKS_REQUIRED", false},
                                       {"SHARED_LOCKS_REQUIRED", true},
                                       {"REQUIRES", false},
                                       {"REQUIRES_SHARED", true}};
  for (const FunctionDecl *D : FD->redecls()) {
    llvm::StringRef Text = declaratorText(D);
    for (const Spelling &S : Spellings)
      for (size_t At = findMacro(Text, S.Macro); At != llvm::StringRef::npos;
           At = findMacro(Text, S.Macro, At + 1)) {
        llvm::StringRef Rest = Text.drop_front(At + S.Macro.size()).ltrim();
        if (!Rest.consume_front("("))
          continue;
        llvm::StringRef Args = Rest.take_until([](char C) { return C == ')'; });
        llvm::SmallVector<llvm::StringRef, 4> Names;
        Args.split(Names, ',');
        for (llvm::StringRef N : Names)
          if (const ValueDecl *VD = lookUp(FD, N))
            Out.push_back({VD, S.Shared});
      }
  }
  return Out;
}

} // namespace lockgraph
