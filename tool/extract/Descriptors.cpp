//===- extract/Descriptors.cpp --------------------------------------------===//
#include "extract/Descriptors.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace clang;

namespace lockgraph {
namespace {

std::string storageOf(const Expr *E, const FunctionDecl *FD);

/// What a pointer expression points to, as a descriptor.
std::string pointeeOf(const Expr *E, const FunctionDecl *FD) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    return storageOf(UO->getSubExpr(), FD);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    // An array decays to its first element: every element is one name.
    if (D->getType()->isArrayType())
      return storageOf(E, FD) + "[]";
    if (const auto *PD = dyn_cast<ParmVarDecl>(D); PD && PD->getDeclContext() == FD)
      return "param:" + std::to_string(PD->getFunctionScopeIndex());
  }
  return "";
}

/// The storage an integer lvalue names.
std::string storageOf(const Expr *E, const FunctionDecl *FD) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    return pointeeOf(UO->getSubExpr(), FD);
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    std::string Base = pointeeOf(AS->getBase(), FD);
    if (Base.empty())
      return "";
    return llvm::StringRef(Base).ends_with("[]") ? Base : Base + "[]";
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return "";
    return "field:" + Field->getParent()->getQualifiedNameAsString() + "::" +
           Field->getNameAsString();
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return "";
    if (const auto *PD = dyn_cast<ParmVarDecl>(VD); PD && PD->getDeclContext() == FD)
      return "param:" + std::to_string(PD->getFunctionScopeIndex());
    if (VD->hasGlobalStorage())
      return "global:" + VD->getQualifiedNameAsString();
    return "local:" + VD->getNameAsString();
  }
  return "";
}

/// Whether the source text of a flags argument sets a non-blocking flag
/// (the macros expand to plain numbers, so their spelling is what tells);
/// `flags & ~O_NONBLOCK` clears it.
bool setsNonBlocking(const Expr *Flags, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(Flags->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts());
  for (llvm::StringRef Flag : {"O_NONBLOCK", "SOCK_NONBLOCK", "O_NDELAY"}) {
    size_t At = Text.find(Flag);
    if (At == llvm::StringRef::npos)
      continue;
    llvm::StringRef Before = Text.take_front(At).rtrim();
    if (!Before.ends_with("~"))
      return true;
  }
  return false;
}

const FunctionDecl *calleeOf(const CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  return Callee && Callee->getIdentifier() ? Callee : nullptr;
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(const FunctionDecl *FD, ASTContext &Ctx) : FD(FD), Ctx(Ctx) {}

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = calleeOf(CE);
    if (!Callee)
      return true;
    llvm::StringRef Name = Callee->getName();
    unsigned N = CE->getNumArgs();
    if (Name == "fcntl" && N >= 3) {
      Expr::EvalResult R;
      // F_SETFL is 4 on every platform lockgraph runs on; its spelling is
      // checked too, for the odd one out.
      bool SetFl = CE->getArg(1)->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 4;
      if (SetFl && setsNonBlocking(CE->getArg(2), Ctx))
        add(storageOf(CE->getArg(0), FD));
    } else if (Name == "socketpair" && N >= 4 && setsNonBlocking(CE->getArg(1), Ctx)) {
      add(pointeeOf(CE->getArg(3), FD));
    } else if (Name == "pipe2" && N >= 2 && setsNonBlocking(CE->getArg(1), Ctx)) {
      add(pointeeOf(CE->getArg(0), FD));
    }
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign && BO->getType()->isIntegerType())
      assign(storageOf(BO->getLHS(), FD), BO->getRHS());
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getInit() && VD->getType()->isIntegerType() && !isa<ParmVarDecl>(VD))
      assign("local:" + VD->getNameAsString(), VD->getInit());
    return true;
  }

  DescriptorFacts Out;

private:
  /// `To = From`: a copy of a descriptor, or a new non-blocking one.
  void assign(const std::string &To, const Expr *From) {
    if (To.empty())
      return;
    From = From->IgnoreParenCasts();
    if (const auto *CE = dyn_cast<CallExpr>(From)) {
      const FunctionDecl *Callee = calleeOf(CE);
      llvm::StringRef Name = Callee ? Callee->getName() : "";
      if ((Name == "socket" && CE->getNumArgs() >= 2 && setsNonBlocking(CE->getArg(1), Ctx)) ||
          (Name == "accept4" && CE->getNumArgs() >= 4 && setsNonBlocking(CE->getArg(3), Ctx)))
        add(To);
      return;
    }
    std::string Source = storageOf(From, FD);
    if (!Source.empty() && Source != To)
      Out.Copies.push_back({To, Source});
  }

  void add(const std::string &D) {
    if (!D.empty() && std::find(Out.NonBlocking.begin(), Out.NonBlocking.end(), D) ==
                          Out.NonBlocking.end())
      Out.NonBlocking.push_back(D);
  }

  const FunctionDecl *FD;
  ASTContext &Ctx;
};

} // namespace

DescriptorFacts collectDescriptorFacts(const FunctionDecl *FD, ASTContext &Ctx) {
  Collector C(FD, Ctx);
  if (FD->getBody())
    C.TraverseStmt(FD->getBody());
  std::sort(C.Out.Copies.begin(), C.Out.Copies.end());
  C.Out.Copies.erase(std::unique(C.Out.Copies.begin(), C.Out.Copies.end()), C.Out.Copies.end());
  return std::move(C.Out);
}

std::string argumentDescriptor(const Expr *Arg, const FunctionDecl *FD) {
  if (!Arg)
    return "";
  QualType T = Arg->IgnoreParenImpCasts()->getType();
  if (T->isPointerType() || T->isArrayType())
    return pointeeOf(Arg, FD);
  if (T->isIntegerType())
    return storageOf(Arg, FD);
  return "";
}

std::string ioDescriptor(const Expr *Call, const FunctionDecl *FD) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *Callee = CE ? calleeOf(CE) : nullptr;
  if (!Callee || CE->getNumArgs() == 0 || !CE->getArg(0)->getType()->isIntegerType())
    return "";
  bool OnDescriptor = llvm::StringSwitch<bool>(Callee->getName())
                          .Cases("read", "write", "pread", "pwrite", "readv", "writev", true)
                          .Cases("recv", "recvfrom", "recvmsg", "send", "sendto", true)
                          .Cases("sendmsg", "connect", "accept", "accept4", true)
                          .Default(false);
  return OnDescriptor ? storageOf(CE->getArg(0), FD) : "";
}

} // namespace lockgraph
