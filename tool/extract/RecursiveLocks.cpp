//===- extract/RecursiveLocks.cpp -----------------------------------------===//
#include "extract/RecursiveLocks.h"

#include "extract/LockNaming.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <vector>

using namespace clang;

namespace lockgraph {
namespace {

const VarDecl *plainVar(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripAddressing(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

bool namesRecursiveKind(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  const auto *EC = DRE ? dyn_cast<EnumConstantDecl>(DRE->getDecl()) : nullptr;
  return EC && EC->getName().contains("RECURSIVE");
}

class Finder : public RecursiveASTVisitor<Finder> {
public:
  explicit Finder(ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // System headers make no project lock recursive; skipping them keeps
    // this extra walk of the TU cheap.
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD)
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = Current;
    Current = FD;
    bool R = RecursiveASTVisitor::TraverseDecl(D);
    Current = Outer;
    return R;
  }

  bool VisitCallExpr(CallExpr *CE) {
    VisitCallExprArgs(CE);
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->getIdentifier() || CE->getNumArgs() < 2)
      return true;
    StringRef Name = FD->getName();
    if (Name == "pthread_mutexattr_settype" && namesRecursiveKind(CE->getArg(1))) {
      if (const VarDecl *A = plainVar(CE->getArg(0)))
        RecursiveAttrs.insert(A);
    } else if (Name == "pthread_mutex_init") {
      Inits.push_back({CE, Current});
    }
    return true;
  }

  /// Every call with its arguments: `init_attr(&a)` makes `a` recursive
  /// when init_attr sets its parameter's type.
  bool VisitCallExprArgs(const CallExpr *CE) {
    if (CE->getDirectCallee())
      Calls.push_back(CE);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    const Expr *Init = VD->getInit();
    if (!Init || !VD->hasGlobalStorage())
      return true;
    SourceLocation Loc = Init->getBeginLoc();
    if (!Loc.isMacroID())
      return true;
    StringRef Macro = Lexer::getImmediateMacroName(Loc, Ctx.getSourceManager(), Ctx.getLangOpts());
    if (Macro.contains("RECURSIVE_MUTEX_INITIALIZER"))
      Found.insert(globalLockName(VD));
    return true;
  }

  std::set<std::string> finish() {
    // A parameter made recursive makes the callers' arguments recursive;
    // a few rounds follow helpers of helpers.
    for (unsigned Round = 0; Round < 4; ++Round) {
      size_t Before = RecursiveAttrs.size();
      for (const CallExpr *CE : Calls) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (const FunctionDecl *Def = Callee->getDefinition())
          Callee = Def;
        for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I)
          if (RecursiveAttrs.count(Callee->getParamDecl(I)))
            if (const VarDecl *A = plainVar(CE->getArg(I)))
              RecursiveAttrs.insert(A);
      }
      if (RecursiveAttrs.size() == Before)
        break;
    }
    for (const auto &[CE, Fn] : Inits)
      if (const VarDecl *A = plainVar(CE->getArg(1)); A && RecursiveAttrs.count(A))
        Found.insert(LockNamer(Ctx, Fn).lockOf(CE->getArg(0)).Name);
    return std::move(Found);
  }

private:
  ASTContext &Ctx;
  const FunctionDecl *Current = nullptr;
  std::set<const VarDecl *> RecursiveAttrs;
  std::vector<std::pair<const CallExpr *, const FunctionDecl *>> Inits;
  std::vector<const CallExpr *> Calls;
  std::set<std::string> Found;
};

} // namespace

std::set<std::string> findRecursiveLocks(ASTContext &Ctx) {
  Finder F(Ctx);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
  return F.finish();
}

} // namespace lockgraph
