//===- extract/ThreadStarts.cpp -------------------------------------------===//
#include "extract/ThreadStarts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace lockgraph {

static bool isStdThread(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "thread" || RD->getName() == "jthread");
}

/// The function a callable expression denotes: a function, its address, a
/// lambda, or a member-function pointer.
static const FunctionDecl *calleeOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BT->getSubExpr();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *CC = dyn_cast<CXXConstructExpr>(E); CC && CC->getNumArgs() == 1) {
      E = CC->getArg(0); // a copied or moved lambda
      continue;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(E))
      return LE->getCallOperator();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<FunctionDecl>(DRE->getDecl());
    return nullptr;
  }
  return nullptr;
}

const FunctionDecl *threadEntryOf(const Expr *Call) {
  if (const auto *CC = dyn_cast<CXXConstructExpr>(Call)) {
    if (isStdThread(CC->getType()) && CC->getNumArgs() >= 1 &&
        !CC->getConstructor()->isCopyOrMoveConstructor())
      return calleeOf(CC->getArg(0));
    return nullptr;
  }
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier())
    return nullptr;
  if (FD->getName() == "pthread_create" && CE->getNumArgs() >= 3)
    return calleeOf(CE->getArg(2));
  // threads.emplace_back(worker, ...) on a container of std::thread.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    StringRef Name = FD->getName();
    if ((Name == "emplace_back" || Name == "emplace" || Name == "push_back") &&
        MC->getNumArgs() >= 1) {
      const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          MC->getRecordDecl());
      if (Spec && Spec->getTemplateArgs().size() >= 1 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          isStdThread(Spec->getTemplateArgs()[0].getAsType())) {
        const Expr *Arg = MC->getArg(0);
        if (const FunctionDecl *Entry = calleeOf(Arg))
          return Entry;
        // push_back(std::thread(worker)): the thread is built in the call.
        const Expr *Inner = Arg->IgnoreImplicit();
        if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(Inner))
          Inner = FC->getSubExpr()->IgnoreImplicit();
        if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Inner))
          return threadEntryOf(Ctor);
      }
    }
  }
  return nullptr;
}

bool isInLoop(const Expr *E, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*E);
  while (!Parents.empty()) {
    const DynTypedNode &P = Parents[0];
    if (P.get<ForStmt>() || P.get<WhileStmt>() || P.get<DoStmt>() ||
        P.get<CXXForRangeStmt>())
      return true;
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>())
      return false;
    Parents = Ctx.getParents(P);
  }
  return false;
}

} // namespace lockgraph
