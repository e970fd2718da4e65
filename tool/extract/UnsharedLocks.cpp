//===- extract/UnsharedLocks.cpp ------------------------------------------===//
#include "extract/UnsharedLocks.h"

#include "extract/LockOperations.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <vector>

using namespace clang;

namespace lockgraph {
namespace {

/// A local whose own type is a lock (not a pointer or reference to one).
bool isLockVariable(const VarDecl *VD) {
  return VD->isLocalVarDecl() && !VD->isStaticLocal() && !VD->getType()->isReferenceType() &&
         !VD->getType()->isPointerType() && isLockObjectType(VD->getType());
}

/// Walks one body keeping the chain of enclosing statements, so a use's
/// parent is known without building the TU's parent map (which costs a
/// walk of every header's AST).
class Uses : public RecursiveASTVisitor<Uses> {
public:
  explicit Uses(const LockNamer &Namer) : Namer(Namer) {}
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    Stack.push_back(S);
    bool R = RecursiveASTVisitor::TraverseStmt(S);
    Stack.pop_back();
    return R;
  }

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
  /// The statement `Up` levels above the top of the stack (the visited
  /// DeclRefExpr), past the parentheses, casts and `&` around a lock.
  const Stmt *parentPast(size_t &Up) const {
    while (Up < Stack.size()) {
      const Stmt *P = Stack[Stack.size() - 1 - Up];
      if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr>(P) ||
          (isa<UnaryOperator>(P) && cast<UnaryOperator>(P)->getOpcode() == UO_AddrOf)) {
        ++Up;
        continue;
      }
      return P;
    }
    return nullptr;
  }

  bool isLockUse(const DeclRefExpr *DRE) {
    if (DRE->refersToEnclosingVariableOrCapture())
      return false; // a lambda's copy of the reference may run anywhere
    size_t Up = 1; // Stack.back() is DRE itself
    const Stmt *P = parentPast(Up);
    if (!P)
      return false;
    if (isa<MemberExpr>(P)) { // m.lock(): a method of the lock
      ++Up;
      const auto *Call = Up < Stack.size()
                             ? dyn_cast<CXXMemberCallExpr>(Stack[Stack.size() - 1 - Up])
                             : nullptr;
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

  const LockNamer &Namer;
  std::vector<const Stmt *> Stack;
  std::set<const VarDecl *> Candidates, Escaped;
};

} // namespace

std::set<const VarDecl *> findUnsharedLocalLocks(const FunctionDecl *FD,
                                                 const LockNamer &Namer) {
  if (!FD->getBody())
    return {};
  Uses U(Namer);
  U.TraverseStmt(FD->getBody());
  return U.unshared();
}

} // namespace lockgraph
