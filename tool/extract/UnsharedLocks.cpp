//===- extract/UnsharedLocks.cpp ------------------------------------------===//
#include "extract/UnsharedLocks.h"

#include "extract/LockOperations.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace lockgraph {
namespace {

/// A local whose own type is a lock: std::mutex and friends, the pthread
/// lock types, a project's lock class.
bool isLockVariable(const VarDecl *VD) {
  if (!VD->isLocalVarDecl() || VD->isStaticLocal() || VD->getType()->isReferenceType() ||
      VD->getType()->isPointerType())
    return false;
  QualType T = VD->getType().getUnqualifiedType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return isLockClass(RD) || (RD->isInStdNamespace() && RD->getName().contains("mutex"));
  std::string Name = T.getAsString();
  return Name == "pthread_mutex_t" || Name == "pthread_rwlock_t" || Name == "pthread_spinlock_t";
}

class Uses : public RecursiveASTVisitor<Uses> {
public:
  Uses(ASTContext &Ctx, const LockNamer &Namer) : Ctx(Ctx), Namer(Namer) {}
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitVarDecl(VarDecl *VD) {
    if (isLockVariable(VD))
      Candidates.insert(VD);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && isLockVariable(VD) && !isLockUse(DRE))
      Escaped.insert(VD);
    return true;
  }

  std::set<const VarDecl *> unshared() const {
    std::set<const VarDecl *> Out;
    for (const VarDecl *VD : Candidates)
      if (!Escaped.count(VD))
        Out.insert(VD);
    return Out;
  }

private:
  /// The parent of E, past the parentheses, casts and `&` around a lock.
  const Stmt *useOf(const Expr *E, const Expr *&Operand) {
    const Stmt *Child = E;
    while (true) {
      auto Parents = Ctx.getParents(*Child);
      if (Parents.size() != 1)
        return nullptr;
      const Stmt *P = Parents[0].get<Stmt>();
      if (!P)
        return nullptr;
      if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr>(P) ||
          (isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_AddrOf)) {
        Child = P;
        continue;
      }
      Operand = cast<Expr>(Child);
      return P;
    }
  }

  bool isLockUse(const DeclRefExpr *DRE) {
    if (DRE->refersToEnclosingVariableOrCapture())
      return false; // a lambda's copy of the reference may run anywhere
    const Expr *Operand = nullptr;
    const Stmt *P = useOf(DRE, Operand);
    if (!P)
      return false;
    if (const auto *ME = dyn_cast<MemberExpr>(P)) { // m.lock(): a method of the lock
      auto Parents = Ctx.getParents(*ME);
      const auto *Call = Parents.size() == 1 ? Parents[0].get<CXXMemberCallExpr>() : nullptr;
      return Call && classifyCall(Call, Namer).Kind != OpKind::None;
    }
    if (const auto *CE = dyn_cast<CallExpr>(P))
      return classifyCall(CE, Namer).Kind != OpKind::None ||
             (CE->getDirectCallee() && CE->getDirectCallee()->getIdentifier() &&
              CE->getDirectCallee()->getName().starts_with("pthread_") &&
              (CE->getDirectCallee()->getName().ends_with("_init") ||
               CE->getDirectCallee()->getName().ends_with("_destroy")));
    if (const auto *CC = dyn_cast<CXXConstructExpr>(P))
      return guardKindOf(CC->getType()) != GuardKind::None;
    return false;
  }

  ASTContext &Ctx;
  const LockNamer &Namer;
  std::set<const VarDecl *> Candidates, Escaped;
};

} // namespace

std::set<const VarDecl *> findUnsharedLocalLocks(const FunctionDecl *FD, ASTContext &Ctx,
                                                 const LockNamer &Namer) {
  if (!FD->getBody())
    return {};
  Uses U(Ctx, Namer);
  U.TraverseStmt(FD->getBody());
  return U.unshared();
}

} // namespace lockgraph
