//===- extract/FunctionPointers.cpp ---------------------------------------===//
#include "extract/FunctionPointers.h"

#include "extract/LockNaming.h"
#include "extract/LockOperations.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

using namespace clang;

namespace lockgraph {

namespace {

/// The function whose address `E` is (`f`, `&f`, `(fn_t)f`), or null. A
/// non-static method's address is a member pointer, not followed.
const FunctionDecl *functionAt(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref))
    E = UO->getSubExpr()->IgnoreParenCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD); MD && !MD->isStatic())
    return nullptr;
  return FD;
}

std::string recordName(const RecordDecl *RD) {
  if (RD->getName().empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      return TD->getQualifiedNameAsString();
  return RD->getQualifiedNameAsString();
}

} // namespace

std::string SlotNamer::varSlot(const VarDecl *VD) const {
  if (const auto *PD = dyn_cast<ParmVarDecl>(VD)) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(PD->getDeclContext());
    return FD ? paramSlot(FD, PD->getFunctionScopeIndex()) : "";
  }
  if (VD->isLocalVarDecl()) {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
    return FD ? fmt::format("var:{}::{}", KeyOf(FD), VD->getName()) : "";
  }
  // Internal linkage: the same name in two TUs is two variables.
  if (!VD->isExternallyVisible())
    return fmt::format("var:{}@{}", MainFile, VD->getQualifiedNameAsString());
  return "var:" + VD->getQualifiedNameAsString();
}

std::string SlotNamer::fieldSlot(const FieldDecl *FD) const {
  return fmt::format("field:{}::{}", recordName(FD->getParent()), FD->getName());
}

std::string SlotNamer::paramSlot(const FunctionDecl *FD, unsigned Index) const {
  return fmt::format("param:{}#{}", KeyOf(FD), Index);
}

std::string SlotNamer::slotOf(const Expr *E) const {
  // Bounded: `(*****fp)()` is legal C.
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref) {
      // `*fp` calls what fp holds; `*tbl` reads tbl's first element.
      if (UO->getType()->isFunctionType()) {
        E = UO->getSubExpr();
        continue;
      }
      std::string Base = slotOf(UO->getSubExpr());
      return Base.empty() ? "" : Base + "[]";
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD ? varSlot(VD) : "";
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        return fieldSlot(FD);
      const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()); // a static member
      return VD ? varSlot(VD) : "";
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      std::string Base = slotOf(AS->getBase());
      return Base.empty() ? "" : Base + "[]";
    }
    return "";
  }
  return "";
}

std::string SlotNamer::calleeSlot(const CallExpr *CE) const {
  // A member-function pointer call (`(obj.*pm)()`) is not followed.
  if (CE->getDirectCallee() || isa<CXXMemberCallExpr>(CE) || CE->isTypeDependent())
    return "";
  return slotOf(CE->getCallee());
}

std::string SlotNamer::calleeText(const CallExpr *CE) const {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(CE->getCallee()->getSourceRange());
  std::string Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str();
  // One line, and short: it is a name in a message.
  std::string Out;
  for (char C : Text)
    if (!std::isspace(static_cast<unsigned char>(C)) || (!Out.empty() && Out.back() != ' '))
      Out += std::isspace(static_cast<unsigned char>(C)) ? ' ' : C;
  constexpr size_t MaxLength = 60;
  if (Out.size() > MaxLength)
    Out = Out.substr(0, MaxLength - 3) + "...";
  return Out.empty() ? slotOf(CE->getCallee()) : Out;
}

namespace {

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(ASTContext &Ctx, const SlotNamer &Namer)
      : SM(Ctx.getSourceManager()), Namer(Namer), Sites(Ctx, nullptr) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  /// System headers are most of a C++ TU and store nothing a walked body
  /// reads: not entered at all.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        !user(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign && !BO->isTypeDependent() && user(BO->getOperatorLoc()))
      store(Namer.slotOf(BO->getLHS()), BO->getRHS(), BO->getLHS()->getType());
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (!isa<ParmVarDecl>(VD) && VD->getInit() && !VD->getType()->isDependentType() &&
        user(VD->getLocation()))
      storeInit(Namer.varSlot(VD), VD->getInit());
    return true;
  }

  /// Every aggregate initialiser fills the fields of its type, wherever it
  /// stands (a compound literal, a return, a nested member).
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isTypeDependent() && user(ILE->getBeginLoc()))
      storeInit("", ILE);
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
    if (!user(CD->getLocation()) || CD->isDependentContext())
      return true;
    for (const CXXCtorInitializer *I : CD->inits())
      if (I->isMemberInitializer())
        storeInit(Namer.fieldSlot(I->getMember()), I->getInit());
    return true;
  }

  bool VisitFieldDecl(FieldDecl *FD) {
    if (FD->hasInClassInitializer() && FD->getInClassInitializer() && user(FD->getLocation()) &&
        !FD->getType()->isDependentType())
      storeInit(Namer.fieldSlot(FD), FD->getInClassInitializer());
    return true;
  }

  /// `register_lock_cb(my_lock)`: the callee's parameter holds it.
  bool VisitCallExpr(CallExpr *CE) {
    if (!CE->isTypeDependent())
      storeArgs(CE->getDirectCallee(), callArgs(CE), CE->getBeginLoc());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    storeArgs(CE->getConstructor(), {CE->arg_begin(), CE->arg_end()}, CE->getBeginLoc());
    return true;
  }

  std::vector<TUSlotStore> Stores;

private:
  bool user(SourceLocation Loc) const {
    return Loc.isValid() && !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  void storeArgs(const FunctionDecl *Callee, const std::vector<const Expr *> &Args,
                 SourceLocation Loc) {
    // A library's parameters are never read by a walked body.
    if (!Callee || !user(Loc) || !user(Callee->getLocation()))
      return;
    for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I)
      if (!Args[I]->isValueDependent())
        store(Namer.paramSlot(Callee, I), Args[I], Callee->getParamDecl(I)->getType());
  }

  /// `Value` flows into `Slot`: a function's address, or another slot's.
  void store(const std::string &Slot, const Expr *Value, QualType Dest) {
    if (Slot.empty() || !Value || Value->isValueDependent())
      return;
    Value = Value->IgnoreParenCasts();
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Value)) {
      store(Slot, CO->getTrueExpr(), Dest);
      store(Slot, CO->getFalseExpr(), Dest);
      return;
    }
    SourceSite Site = Sites.site(Value->getBeginLoc());
    if (const FunctionDecl *F = functionAt(Value)) {
      add({{Slot, Namer.keyOf(F), qualifiedFunctionName(F), "", Site}, F});
      return;
    }
    if (!Dest->isFunctionPointerType() && !Value->getType()->isFunctionPointerType())
      return;
    std::string From = Namer.slotOf(Value);
    if (!From.empty() && From != Slot)
      add({{Slot, "", "", From, Site}, nullptr});
  }

  /// An initialiser of `Slot` (empty when only its fields matter): braces
  /// fill an array's elements (`SLOT[]`) or a record's fields, by position
  /// in the semantic form, which has designators already applied.
  void storeInit(const std::string &Slot, const Expr *Init) {
    if (!Init)
      return;
    const Expr *E = Init->IgnoreImplicit()->IgnoreParens();
    if (const auto *CL = dyn_cast<CompoundLiteralExpr>(E))
      E = CL->getInitializer()->IgnoreImplicit()->IgnoreParens();
    const auto *ILE = dyn_cast<InitListExpr>(E);
    if (!ILE) {
      store(Slot, E, E->getType());
      return;
    }
    if (!ILE->isSemanticForm() && ILE->getSemanticForm())
      ILE = ILE->getSemanticForm();
    if (!Lists.insert(ILE).second)
      return;
    QualType T = ILE->getType();
    if (T->isArrayType()) {
      for (const Expr *Element : ILE->inits())
        storeInit(Slot.empty() ? "" : Slot + "[]", Element);
      return;
    }
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!RD) { // `fn_t f = { my_lock };`
      if (ILE->getNumInits() == 1)
        storeInit(Slot, ILE->getInit(0));
      return;
    }
    if (RD->isUnion()) {
      if (const FieldDecl *F = ILE->getInitializedFieldInUnion(); F && ILE->getNumInits() == 1)
        storeInit(Namer.fieldSlot(F), ILE->getInit(0));
      return;
    }
    unsigned I = 0;
    if (const auto *CRD = dyn_cast<CXXRecordDecl>(RD)) // C++17 aggregates: bases first
      for (; I < CRD->getNumBases() && I < ILE->getNumInits(); ++I)
        storeInit("", ILE->getInit(I));
    for (const FieldDecl *F : RD->fields()) {
      if (F->isUnnamedBitField())
        continue;
      if (I >= ILE->getNumInits())
        break;
      storeInit(Namer.fieldSlot(F), ILE->getInit(I++));
    }
  }

  void add(TUSlotStore S) {
    std::string Key = S.Fact.Slot + '\n' + S.Fact.Function + '\n' + S.Fact.FromSlot;
    if (Seen.insert(std::move(Key)).second)
      Stores.push_back(std::move(S));
  }

  const SourceManager &SM;
  const SlotNamer &Namer;
  LockNamer Sites;
  std::set<const InitListExpr *> Lists;
  std::set<std::string> Seen;
};

} // namespace

std::vector<TUSlotStore> collectSlotStores(ASTContext &Ctx, const SlotNamer &Namer) {
  StoreCollector C(Ctx, Namer);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(C.Stores);
}

} // namespace lockgraph
