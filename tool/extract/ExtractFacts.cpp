//===- extract/ExtractFacts.cpp -------------------------------------------===//
#include "extract/ExtractFacts.h"

#include "extract/FunctionPointers.h"
#include "extract/FunctionWalker.h"
#include "extract/LockNaming.h"
#include "extract/LockOperations.h"
#include "extract/RecursiveLocks.h"
#include "facts/SlotTargets.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <map>
#include <set>

using namespace clang;

namespace lockgraph {
namespace {

class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    return true;
  }
  bool VisitDeclaratorDecl(DeclaratorDecl *D) {
    if (D->hasAttr<AcquiredBeforeAttr>() || D->hasAttr<AcquiredAfterAttr>())
      OrderedLocks.push_back(D);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;
  std::vector<const DeclaratorDecl *> OrderedLocks;

private:
  void add(const FunctionDecl *FD) {
    if (FD && FD->doesThisDeclarationHaveABody() && Seen.insert(FD).second)
      Functions.push_back(FD);
  }
  std::set<const FunctionDecl *> Seen;
};

class TUExtractor {
public:
  TUExtractor(ASTContext &Ctx, const ExtractOptions &Options)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Mangler(Ctx.createMangleContext()),
        Options(Options) {
    WC = std::make_unique<WalkerContext>(WalkerContext{
        Ctx, [this](const FunctionDecl *FD) { return keyOf(FD); },
        [this](const FunctionDecl *FD) { return returnsHeld(FD); },
        [this](const FunctionDecl *FD) { return lockEffects(FD); },
        [this](const FunctionDecl *FD) { return isUserCode(FD); },
        Options.BlockingFunctions, Options.LockFunctions, Options.UnlockFunctions});
    RecursiveLocks = findRecursiveLocks(Ctx);
    WC->RecursiveLocks = &RecursiveLocks;
    WC->NonBlocking = Options.NonBlockingFunctions;
    WC->Ignored = Options.IgnoredFunctions;
    WC->NeverReturns = [this](const FunctionDecl *FD) { return neverReturns(FD); };
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainFile = Main->getName().str();
    Slots = std::make_unique<SlotNamer>(
        Ctx, [this](const FunctionDecl *FD) { return keyOf(FD); }, MainFile);
    WC->Slots = Slots.get();
    WC->SlotEffects = [this](const std::string &Slot) { return slotEffects(Slot); };
  }

  TUFacts run() {
    TUFacts Out;
    Out.MainFile = MainFile;
    // Stores first: a call through a slot this TU fills may take a lock.
    for (TUSlotStore &S : collectSlotStores(Ctx, *Slots)) {
      if (S.Function)
        StoredFunctions.emplace(S.Fact.Function, S.Function);
      Out.SlotStores.push_back(std::move(S.Fact));
    }
    LocalSlots.add(Out.SlotStores);
    FunctionCollector C;
    C.TraverseDecl(Ctx.getTranslationUnitDecl());
    for (const FunctionDecl *FD : C.Functions) {
      if (!shouldWalk(FD))
        continue;
      Out.Functions.push_back(facts(FD));
      if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
        addOverrides(MD, MD, Out.Overrides);
    }
    Out.UnresolvedCalls = Unresolved;
    for (const DeclaratorDecl *D : C.OrderedLocks)
      addDeclaredOrders(D, Out.DeclaredOrders);
    // Absolute: the cache checks them from another working directory.
    for (auto It = SM.fileinfo_begin(), End = SM.fileinfo_end(); It != End; ++It) {
      llvm::SmallString<256> Path(It->first.getName());
      SM.getFileManager().makeAbsolutePath(Path);
      Out.Inputs.push_back(std::string(Path));
    }
    std::sort(Out.Inputs.begin(), Out.Inputs.end());
    return Out;
  }

private:
  /// `mu_ ACQUIRED_BEFORE(other_)` and `ACQUIRED_AFTER` on a lock's
  /// declaration, by lock name.
  void addDeclaredOrders(const DeclaratorDecl *D, std::vector<DeclaredOrder> &Out) {
    LockNamer Namer(Ctx, nullptr);
    std::string Self;
    if (const auto *FD = dyn_cast<FieldDecl>(D))
      Self = fieldLockName(FD);
    else if (const auto *VD = dyn_cast<VarDecl>(D))
      Self = globalLockName(VD);
    else
      Self = D->getQualifiedNameAsString();
    SourceSite Site = Namer.site(D->getLocation());
    for (const auto *A : D->specific_attrs<AcquiredBeforeAttr>())
      for (const Expr *Arg : A->args())
        Out.push_back({Self, Namer.lockOf(Arg).Name, Site});
    for (const auto *A : D->specific_attrs<AcquiredAfterAttr>())
      for (const Expr *Arg : A->args())
        Out.push_back({Namer.lockOf(Arg).Name, Self, Site});
  }

  bool isUserCode(const FunctionDecl *FD) const {
    if (FD->isInStdNamespace() || FD->getBuiltinID())
      return false;
    SourceLocation Loc = FD->getLocation();
    return !Loc.isValid() || !SM.isInSystemHeader(SM.getExpansionLoc(Loc));
  }

  bool shouldWalk(const FunctionDecl *FD) const {
    if (FD->isDependentContext() || FD->isInvalidDecl() || !FD->hasBody())
      return false;
    if (!isUserCode(FD) || hasLockAnnotation(FD))
      return false;
    // Trusted like an annotation: its callers take or drop the lock the
    // entry names, and its own body is not reported (a lock-leak finding
    // suggests exactly this entry).
    if (isConfiguredLockFunction(FD, Options.LockFunctions) ||
        isConfiguredLockFunction(FD, Options.UnlockFunctions))
      return false;
    // A scoped_lockable guard's constructor and destructor are the lock.
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (guardKindOf(Ctx.getRecordType(MD->getParent())) == GuardKind::Annotated &&
          (isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD)))
        return false;
    return true;
  }

  const FunctionFacts &facts(const FunctionDecl *FD) {
    auto It = Done.find(FD);
    if (It != Done.end())
      return It->second;
    InProgress.insert(FD);
    FunctionFacts F = walkFunction(FD, *WC, Unresolved);
    InProgress.erase(FD);
    return Done.emplace(FD, std::move(F)).first->second;
  }

  /// The facts of FD's definition in this TU, walked on demand; null when
  /// it has none, is not walked, or is being walked (recursion).
  const FunctionFacts *definitionFacts(const FunctionDecl *FD) {
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def || InProgress.count(Def) || !shouldWalk(Def))
      return nullptr;
    return &facts(Def);
  }

  bool neverReturns(const FunctionDecl *FD) {
    if (!FD->getDefinition()) {
      auto It = Options.Wrappers.find(keyOf(FD));
      return It != Options.Wrappers.end() && It->second.NeverReturns;
    }
    const FunctionFacts *F = definitionFacts(FD);
    return F && F->NeverReturns;
  }

  std::vector<HeldLock> returnsHeld(const FunctionDecl *FD) {
    const FunctionFacts *F = definitionFacts(FD);
    return F ? F->ReturnsHeld : std::vector<HeldLock>{};
  }

  /// `Overrider` may run for a call to any method it overrides, at any depth.
  void addOverrides(const CXXMethodDecl *Overrider, const CXXMethodDecl *MD,
                    std::vector<OverrideFact> &Out) {
    for (const CXXMethodDecl *Base : MD->overridden_methods()) {
      Out.push_back({keyOf(Base), keyOf(Overrider), qualifiedFunctionName(Overrider)});
      addOverrides(Overrider, Base, Out);
    }
  }

  LockEffects lockEffects(const FunctionDecl *FD) {
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def && !Options.Wrappers.empty()) {
      auto It = Options.Wrappers.find(keyOf(FD));
      if (It != Options.Wrappers.end())
        return {It->second.Releases, It->second.Acquires, It->second.AcquiresWhenReturnsTruthy};
    }
    const FunctionFacts *F = definitionFacts(FD);
    if (!F)
      return {};
    return {F->ReleasesForCaller, F->AcquiresForCaller, F->AcquiresWhenReturnsTruthy};
  }

  /// The combined lock effects of every function `Slot` may hold: those
  /// this TU stores there (walked on demand), and those the rest of the
  /// program stores there, as the previous round of extraction found them
  /// (ExtractOptions::Wrappers under slotWrapperKey).
  LockEffects slotEffects(const std::string &Slot) {
    std::vector<WrapperEffects> Each;
    for (const SlotTarget &T : LocalSlots.targetsOf(Slot)) {
      auto It = StoredFunctions.find(T.Key);
      if (It == StoredFunctions.end())
        continue;
      LockEffects E = lockEffects(It->second);
      if (!E.empty())
        Each.push_back({E.Keeps, E.Releases, false, E.KeepsWhenTruthy});
    }
    if (auto It = Options.Wrappers.find(slotWrapperKey(Slot)); It != Options.Wrappers.end())
      Each.push_back(It->second);
    WrapperEffects Combined = combineEffects(Each);
    return {Combined.Releases, Combined.Acquires, Combined.AcquiresWhenReturnsTruthy};
  }

  std::string keyOf(const FunctionDecl *FD) {
    FD = FD->getCanonicalDecl();
    std::string Key;
    llvm::raw_string_ostream OS(Key);
    if (Mangler->shouldMangleDeclName(FD)) {
      if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD))
        Mangler->mangleName(GlobalDecl(CD, Ctor_Complete), OS);
      else if (const auto *DD = dyn_cast<CXXDestructorDecl>(FD))
        Mangler->mangleName(GlobalDecl(DD, Dtor_Complete), OS);
      else
        Mangler->mangleName(GlobalDecl(FD), OS);
    } else {
      OS << FD->getQualifiedNameAsString();
    }
    OS.flush();
    // Internal linkage: the same name in two TUs is two functions.
    if (!FD->isExternallyVisible())
      Key = MainFile + "@" + Key;
    return Key;
  }

  ASTContext &Ctx;
  SourceManager &SM;
  std::unique_ptr<MangleContext> Mangler;
  const ExtractOptions &Options;
  std::set<std::string> RecursiveLocks;
  std::unique_ptr<WalkerContext> WC;
  std::string MainFile;
  std::unique_ptr<SlotNamer> Slots;
  /// Function pointers of this TU: which slots hold what, and the
  /// declaration of each function stored.
  SlotTargets LocalSlots;
  std::map<std::string, const FunctionDecl *> StoredFunctions;
  std::map<const FunctionDecl *, FunctionFacts> Done;
  std::set<const FunctionDecl *> InProgress;
  unsigned Unresolved = 0;
};

} // namespace

TUFacts extractFacts(ASTContext &Ctx, const ExtractOptions &Options) {
  return TUExtractor(Ctx, Options).run();
}

} // namespace lockgraph
