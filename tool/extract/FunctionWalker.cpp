//===- extract/FunctionWalker.cpp -----------------------------------------===//
#include "extract/FunctionWalker.h"

#include "extract/AnnotationText.h"
#include "extract/BlockingCalls.h"
#include "extract/Descriptors.h"
#include "extract/FunctionPointers.h"
#include "extract/LockNaming.h"
#include "extract/ThreadStarts.h"
#include "extract/LockOperations.h"
#include "extract/OptOuts.h"
#include "extract/UnsharedLocks.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/CharInfo.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace lockgraph {
namespace {

/// One lock that may be held, and by whom: a guard variable releases it at
/// the end of its scope; a null guard means a manual lock()/unlock() pair.
struct HeldEntry {
  LockRef Lock;
  AcquireMode Mode = AcquireMode::Exclusive;
  SourceSite At;
  const VarDecl *Guard = nullptr;
  /// Held on entry (REQUIRES) or adopted without being taken here: the
  /// caller's lock, so not this function's leak.
  bool FromCaller = false;
  /// Branch conditions known on every path where this entry is held, as
  /// (condition, value): `if (!c) unlock(m)` leaves m held with c true, so
  /// a later `if (c) unlock(m)` releases it for good (see Walker::condition).
  std::vector<std::pair<std::string, bool>> Conds;

  std::string key() const {
    return Lock.key() + "#" + std::to_string(reinterpret_cast<uintptr_t>(Guard)) +
           "#" + At.File + ":" + std::to_string(At.Line) + ":" +
           std::to_string(At.Column);
  }
};

/// The may-held set, sorted by key so two states compare with ==, and the
/// caller's locks this function may have released so far.
struct State {
  std::vector<HeldEntry> Held;
  std::vector<LockRef> Released;
  /// Tests of the function's parameters that hold on every path here (a
  /// must-set: paths meet in their intersection), at most
  /// MaxParamConditions.
  std::vector<ParamCondition> Known;
  /// Branch conditions (and flag values) known on every path here, in the
  /// form of HeldEntry::Conds: a lock taken now is held only where they
  /// hold (`if (r->async) lock(m);` holds m only with r->async true).
  std::vector<std::pair<std::string, bool>> PathConds;

  void learn(const ParamCondition &C) {
    // What was known of the parameter against the same value gives way to
    // the new answer (a path that contradicts itself cannot run anyway).
    Known.erase(std::remove_if(Known.begin(), Known.end(),
                               [&](const ParamCondition &K) {
                                 return K.Param == C.Param && K.Field == C.Field &&
                                        K.Value == C.Value;
                               }),
                Known.end());
    if (Known.size() < MaxParamConditions)
      Known.push_back(C);
  }

  void release(const LockRef &L) {
    for (const LockRef &R : Released)
      if (R.key() == L.key())
        return;
    Released.push_back(L);
  }

  /// Adds E, or merges it into the entry with the same key: the paths now
  /// agree only on the conditions both knew. Returns whether anything changed.
  bool add(HeldEntry E) {
    std::string K = E.key();
    auto It = std::lower_bound(Held.begin(), Held.end(), K,
                               [](const HeldEntry &X, const std::string &Key) {
                                 return X.key() < Key;
                               });
    if (It == Held.end() || It->key() != K) {
      Held.insert(It, std::move(E));
      return true;
    }
    size_t Before = It->Conds.size();
    It->Conds.erase(std::remove_if(It->Conds.begin(), It->Conds.end(),
                                   [&](const auto &C) {
                                     return std::find(E.Conds.begin(), E.Conds.end(), C) ==
                                            E.Conds.end();
                                   }),
                    It->Conds.end());
    return It->Conds.size() != Before;
  }
  template <typename Pred> void removeIf(Pred P) {
    Held.erase(std::remove_if(Held.begin(), Held.end(), P), Held.end());
  }
  /// Re-sorts after entries changed in place (a guard handed over).
  void normalize() {
    std::vector<HeldEntry> Old = std::move(Held);
    Held.clear();
    for (HeldEntry &E : Old)
      add(std::move(E));
  }
  bool mergeFrom(const State &O) {
    size_t ReleasedBefore = Released.size(), KnownBefore = Known.size();
    Known.erase(std::remove_if(Known.begin(), Known.end(),
                               [&](const ParamCondition &K) {
                                 return std::find(O.Known.begin(), O.Known.end(), K) ==
                                        O.Known.end();
                               }),
                Known.end());
    size_t PathBefore = PathConds.size();
    PathConds.erase(std::remove_if(PathConds.begin(), PathConds.end(),
                                   [&](const auto &C) {
                                     return std::find(O.PathConds.begin(), O.PathConds.end(),
                                                      C) == O.PathConds.end();
                                   }),
                    PathConds.end());
    bool Changed = Known.size() != KnownBefore || PathConds.size() != PathBefore;
    for (const HeldEntry &E : O.Held)
      Changed |= add(E);
    for (const LockRef &L : O.Released)
      release(L);
    return Changed || Released.size() != ReleasedBefore;
  }
};

/// Two names of the same lock in one frame. An unknown instance matches
/// any, so an unlock through a different spelling still releases.
bool sameLock(const LockRef &A, const LockRef &B) {
  if (A.Kind == LockKind::Param || B.Kind == LockKind::Param)
    return A.Kind == B.Kind && A.ParamIndex == B.ParamIndex;
  // Elements of one array: an unlock through another spelling of the index
  // (`lru_locks[it->id]` after `lru_locks[id]`) still releases.
  bool Element = A.Kind == LockKind::Unknown && llvm::StringRef(A.Name).ends_with("[]");
  return A.Name == B.Name &&
         (Element || A.Instance == B.Instance || A.Instance.empty() || B.Instance.empty());
}

/// A branch condition that tells whether a try-lock succeeded.
struct TryTest {
  std::vector<std::string> Keys; ///< Entries that exist only on success.
  bool SuccessIsTruthy = true;
};

/// Parameters and locals the body only ever reads after their
/// initialisation: every mention is loaded as a value (no assignment, ++,
/// address taken or reference bound to it).
std::set<const VarDecl *> findReadOnlyVars(const FunctionDecl *FD) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    std::map<const VarDecl *, unsigned> Mentions, Loads;
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        ++Mentions[VD];
      return true;
    }
    bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(ICE->getSubExpr()->IgnoreParens()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            ++Loads[VD];
      return true;
    }
  } V;
  if (FD->getBody())
    V.TraverseStmt(FD->getBody());
  std::set<const VarDecl *> Out;
  for (const auto &[VD, N] : V.Mentions)
    if (V.Loads[VD] == N)
      Out.insert(VD);
  for (const ParmVarDecl *PD : FD->parameters())
    if (!V.Mentions.count(PD))
      Out.insert(PD);
  return Out;
}

class Walker {
public:
  Walker(const FunctionDecl *FD, WalkerContext &WC, unsigned &Unresolved)
      : FD(FD), WC(WC), Namer(WC.Ctx, FD), Unresolved(Unresolved) {
    Namer.setRecursiveLocks(WC.RecursiveLocks);
    UnsharedLocals = findUnsharedLocalLocks(FD, Namer);
    ReadOnlyVars = findReadOnlyVars(FD);
    Namer.setUnsharedLocals(&UnsharedLocals);
    Facts.Key = WC.KeyOf(FD);
    Facts.Name = Namer.functionName();
    Facts.Site = Namer.site(FD->getLocation());
    Facts.NoThreadSafetyAnalysis = optsOutOfLockChecks(FD);
    Facts.NeverBlocks = isNamedIn(FD, WC.NonBlocking);
    DescriptorFacts DF = collectDescriptorFacts(FD, WC.Ctx);
    Facts.NonBlockingDescriptors = std::move(DF.NonBlocking);
    Facts.DescriptorCopies = std::move(DF.Copies);
  }

  FunctionFacts run() {
    CFG::BuildOptions Opts;
    Opts.AddImplicitDtors = true;
    Opts.AddTemporaryDtors = true;
    Opts.AddInitializers = true;
    Opts.AddCXXDefaultInitExprInCtors = true;
    Opts.setAllAlwaysAdd();
    std::unique_ptr<CFG> G =
        CFG::buildCFG(FD, FD->getBody(), &WC.Ctx, Opts);
    if (!G)
      return std::move(Facts);
    solve(*G);
    // Every path ends in a call that does not return (or loops forever).
    Facts.NeverReturns = !In[G->getExit().getBlockID()];
    // Record with the stable entry states, each block once.
    for (const CFGBlock *B : *G)
      if (B && In[B->getBlockID()])
        transfer(*B, *In[B->getBlockID()], /*Record=*/true);
    recordHeldAtExit(*G);
    return std::move(Facts);
  }

private:
  /// Locks taken by hand that some path still holds at the exit. Try
  /// acquisitions are left out: their success is often tested in ways
  /// (a saved return code) that the walker does not follow.
  ///
  /// Wrapper inference (design.md): a lock the function leaves held and
  /// never releases itself, named so a caller can name it too (a parameter,
  /// a member of `this` or of a parameter, a global), makes the function an
  /// acquire function of it, and a release of such a lock it never takes a
  /// release function. Those are effects for the callers, checked there;
  /// the rest are this function's own leaks and unheld releases. A lock
  /// the function both takes and releases but still holds on some path
  /// (the forgotten unlock on an error return) stays a leak, and so does a
  /// local or unnamed lock, which no caller could ever release.
  void recordHeldAtExit(const CFG &G) {
    const auto &Exit = In[G.getExit().getBlockID()];
    // A lock released and taken again before returning was the caller's
    // all along (REQUIRES without the annotation): not an unheld release.
    if (Exit)
      for (const HeldEntry &E : Exit->Held)
        if (E.FromCaller)
          PendingUnheld.erase(
              std::remove_if(PendingUnheld.begin(), PendingUnheld.end(),
                             [&](const UnheldRelease &R) { return sameLock(R.Lock, E.Lock); }),
              PendingUnheld.end());
    for (UnheldRelease &R : PendingUnheld) {
      // Through another release function, only a thin wrapper (a
      // destructor, a body of a few statements) is a release function
      // itself; any other caller that does not hold the lock is where the
      // misuse is (mosquitto's handle__disconnect calling
      // do_client_disconnect, which unlocks what it was not given held).
      bool Wrapper = callerCanName(R.Lock) && !mentions(AcquiredHere, R.Lock) &&
                     (R.Via.empty() || isThinWrapper());
      std::vector<UnheldRelease> &Into = Wrapper ? Facts.ReleasesForCaller : Facts.UnheldReleases;
      bool Seen = Wrapper && std::any_of(Into.begin(), Into.end(), [&](const UnheldRelease &O) {
        return O.Lock.key() == R.Lock.key();
      });
      if (!Seen)
        Into.push_back(std::move(R));
    }
    if (!Exit)
      return;
    Facts.ExitSite = Namer.site(FD->getBody()->getEndLoc());
    for (const HeldEntry &E : Exit->Held) {
      if (E.Guard || E.FromCaller || E.Mode == AcquireMode::Try)
        continue;
      bool Wrapper = callerCanName(E.Lock) && !mentions(ReleasedHere, E.Lock);
      // Elements of one array taken in a loop and released in another: the
      // walker cannot count them (the release loop may run zero times), so
      // an array the function also releases is not its leak.
      bool Element = E.Lock.Kind == LockKind::Unknown &&
                     llvm::StringRef(E.Lock.Name).ends_with("[]");
      if (Element && !Wrapper)
        continue;
      std::vector<HeldLock> &Into = Wrapper ? Facts.AcquiresForCaller : Facts.HeldAtExit;
      bool Seen = std::any_of(Into.begin(), Into.end(),
                              [&](const HeldLock &H) { return H.Lock.key() == E.Lock.key(); });
      if (!Seen)
        Into.push_back({E.Lock, E.Mode, E.At});
    }
    if (!Facts.AcquiresForCaller.empty())
      Facts.AcquiresWhenReturnsTruthy = conditionalAcquire();
  }

  /// Whether every return holds the acquired locks exactly when it returns
  /// a non-zero constant (true) or exactly when it returns zero (false):
  /// `if (!enabled) return 0; lock(m); return 1;`. Unset when any return
  /// is not a constant, or the locks do not follow the value.
  std::optional<bool> conditionalAcquire() const {
    bool Truthy = true, Falsy = true, Held = false, Unheld = false;
    for (const ReturnPoint &R : Returns) {
      if (!R.Value)
        return std::nullopt;
      bool All = true, None = true;
      for (const HeldLock &A : Facts.AcquiresForCaller) {
        bool H = std::any_of(R.Held.begin(), R.Held.end(),
                             [&](const HeldLock &X) { return sameLock(X.Lock, A.Lock); });
        All &= H;
        None &= !H;
      }
      if (!All && !None)
        return std::nullopt;
      Held |= All;
      Unheld |= None;
      Truthy &= All == (*R.Value != 0);
      Falsy &= All == (*R.Value == 0);
    }
    if (!Held || !Unheld)
      return std::nullopt;
    if (Truthy)
      return true;
    if (Falsy)
      return false;
    return std::nullopt;
  }

  bool isThinWrapper() const {
    if (isa<CXXDestructorDecl>(FD))
      return true;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    return Body && Body->size() <= 3;
  }

  static bool mentions(const std::vector<LockRef> &Locks, const LockRef &L) {
    return std::any_of(Locks.begin(), Locks.end(),
                       [&](const LockRef &O) { return sameLock(O, L); });
  }

  /// Whether a caller can name `L` in its own terms.
  static bool callerCanName(const LockRef &L) {
    switch (L.Kind) {
    case LockKind::Global:
    case LockKind::Param:
      return true;
    case LockKind::Member: {
      llvm::StringRef I = L.Instance;
      return I == "this" || I.starts_with("this.") || I.starts_with("param:") ||
             I.starts_with("global:");
    }
    case LockKind::Unknown:
      // An element of a named array (`stripes[]`, every element one name):
      // a striped table's lock(i)/unlock(i) are wrappers of it.
      return llvm::StringRef(L.Name).ends_with("[]") && L.Name.find('@') == std::string::npos;
    case LockKind::Local:
      return false;
    }
    return false;
  }

  /// Locks the function is declared to be called with (REQUIRES,
  /// EXCLUSIVE_LOCKS_REQUIRED, and the shared forms).
  State requiredOnEntry() const {
    State S;
    SourceSite Site = Namer.site(FD->getLocation());
    auto Require = [&](const Expr *Lock, bool Shared) {
      HeldEntry E{Namer.lockOf(Lock), Shared ? AcquireMode::Shared : AcquireMode::Exclusive,
                  Site};
      E.FromCaller = true;
      S.add(std::move(E));
    };
    for (const auto *A : FD->specific_attrs<RequiresCapabilityAttr>())
      for (const Expr *Arg : A->args())
        Require(Arg, A->isShared());
    // The same written through a macro that expands to nothing here.
    for (const SpelledRequirement &R : spelledRequirements(FD))
      if (const Expr *Lock = referenceTo(R.Lock))
        Require(Lock, R.Shared);
    return S;
  }

  /// An expression naming `D` from FD's body (`g_mu`, `this->mu_`), made
  /// in the AST context so the namer sees it as it would the code.
  const Expr *referenceTo(const ValueDecl *D) const {
    ASTContext &Ctx = WC.Ctx;
    SourceLocation Loc = FD->getLocation();
    if (const auto *VD = dyn_cast<VarDecl>(D))
      return DeclRefExpr::Create(Ctx, NestedNameSpecifierLoc(), SourceLocation(),
                                 const_cast<VarDecl *>(VD), false, Loc, VD->getType(),
                                 VK_LValue);
    const auto *Field = dyn_cast<FieldDecl>(D);
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!Field || !MD || MD->isStatic())
      return nullptr;
    auto *This = CXXThisExpr::Create(Ctx, Loc, MD->getThisType(), /*IsImplicit=*/true);
    return MemberExpr::CreateImplicit(Ctx, This, /*IsArrow=*/true,
                                      const_cast<FieldDecl *>(Field), Field->getType(),
                                      VK_LValue, OK_Ordinary);
  }

  void solve(const CFG &G) {
    In.assign(G.getNumBlockIDs(), std::nullopt);
    In[G.getEntry().getBlockID()] = requiredOnEntry();
    std::deque<const CFGBlock *> Work{&G.getEntry()};
    std::vector<bool> Queued(G.getNumBlockIDs(), false);
    Queued[G.getEntry().getBlockID()] = true;
    // Each state only grows and is bounded by the function's acquisitions,
    // so this ends; the budget guards against a bug, not a real function.
    size_t Budget = 64 * G.getNumBlockIDs() + 1024;
    while (!Work.empty() && Budget--) {
      const CFGBlock *B = Work.front();
      Work.pop_front();
      Queued[B->getBlockID()] = false;
      State S = *In[B->getBlockID()];
      transfer(*B, S, /*Record=*/false);
      // A call that does not return (abort, exit, a [[noreturn]] helper)
      // ends the path: the CFG links it to the exit, but nothing is still
      // held "at return" there.
      if (B->hasNoReturnElement() || callsNeverReturning(*B))
        continue;
      unsigned Index = 0;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
        const CFGBlock *SB = Succ.getReachableBlock();
        unsigned I = Index++;
        if (!SB)
          continue;
        State Out = refineForSuccessor(*B, S, I);
        auto &Target = In[SB->getBlockID()];
        bool Changed = false;
        if (!Target) {
          Target = std::move(Out);
          Changed = true;
        } else {
          Changed = Target->mergeFrom(Out);
        }
        if (Changed && !Queued[SB->getBlockID()]) {
          Queued[SB->getBlockID()] = true;
          Work.push_back(SB);
        }
      }
    }
  }

  /// Whether the block calls a function that never returns (a `fatal(...)`
  /// helper of this TU or, through ExtractOptions::Wrappers, of another;
  /// the CFG marks only declared no-return calls).
  bool callsNeverReturning(const CFGBlock &B) {
    if (!WC.NeverReturns)
      return false;
    auto [It, New] = EndsPath.try_emplace(B.getBlockID(), false);
    if (!New)
      return It->second;
    for (const CFGElement &E : B) {
      const FunctionDecl *Callee = nullptr;
      if (auto CS = E.getAs<CFGStmt>()) {
        if (const auto *CE = dyn_cast<CallExpr>(CS->getStmt()))
          Callee = CE->getDirectCallee();
      } else if (auto D = E.getAs<CFGImplicitDtor>()) {
        // A fatal-log object whose destructor aborts (`LOG(FATAL) << ...`)
        // without saying so in its declaration.
        Callee = D->getDestructorDecl(WC.Ctx);
      }
      if (Callee && !Callee->isNoReturn() && WC.NeverReturns(Callee))
        return EndsPath[B.getBlockID()] = true;
    }
    return false;
  }

  /// On the branch where a try-lock failed, its lock is not held; on
  /// each branch of a test of a parameter, the test's answer is known.
  State refineForSuccessor(const CFGBlock &B, const State &S, unsigned SuccIndex) {
    const Stmt *Cond = B.getTerminatorCondition();
    if (!Cond || B.succ_size() != 2 || !isa<Expr>(Cond))
      return S;
    // The value the branch tests is the block's last expression: for the
    // right side of `a && p == K` the terminator's condition is the whole.
    const Expr *Last = B.getLastCondition();
    if (std::optional<ParamCondition> PC = paramTest(Last ? Last : cast<Expr>(Cond))) {
      State Out = refineHeld(cast<Expr>(Cond), S, SuccIndex);
      if (SuccIndex != 0)
        PC->Equal = !PC->Equal;
      Out.learn(*PC);
      return Out;
    }
    return refineHeld(cast<Expr>(Cond), S, SuccIndex);
  }

  /// `Cond` as a test of one parameter against a constant, meaning "Cond
  /// is true": `p`, `!p`, `p == K`, `K != p`, with parentheses and casts.
  std::optional<ParamCondition> paramTest(const Expr *Cond) const {
    const Expr *E = Cond->IgnoreParenImpCasts();
    bool Negated = false;
    while (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_LNot)
        return std::nullopt;
      Negated = !Negated;
      E = UO->getSubExpr()->IgnoreParenImpCasts();
    }
    std::optional<ParamCondition> PC;
    if (std::optional<ParamCondition> P = paramOperand(E)) {
      PC = P; // truthy: != 0
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
               BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
      const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
      const Expr *R = BO->getRHS()->IgnoreParenImpCasts();
      std::optional<ParamCondition> P = paramOperand(L);
      std::optional<int64_t> K = constantValue(R);
      if (!P || !K) {
        P = paramOperand(R);
        K = constantValue(L);
      }
      if (P && K)
        PC = ParamCondition{P->Param, *K, BO->getOpcode() == BO_EQ, P->Field};
    }
    if (PC && Negated)
      PC->Equal = !PC->Equal;
    return PC;
  }

  /// `p` or `p->field` (a scalar field of what a pointer parameter points
  /// to) as the operand of a test, `!= 0` until the test says otherwise.
  /// A field's value is taken as the caller left it: calls are assumed not
  /// to change it, as for flags (`condition`), and an assignment to it in
  /// this function forgets the test (forgetWrites).
  std::optional<ParamCondition> paramOperand(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (std::optional<unsigned> P = paramIndexOf(E))
      return ParamCondition{*P, 0, false};
    const auto *ME = dyn_cast<MemberExpr>(E);
    const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!ME || !ME->isArrow() || !Field || !Field->getIdentifier())
      return std::nullopt;
    QualType T = Field->getType();
    if (!T->isIntegralOrEnumerationType() && !T->isPointerType())
      return std::nullopt;
    if (std::optional<unsigned> P = paramIndexOf(ME->getBase()->IgnoreParenImpCasts()))
      return ParamCondition{*P, 0, false, Field->getName().str()};
    return std::nullopt;
  }

  /// The index of the parameter `E` reads (an enum, integer or pointer
  /// read as it is), if the function never changes it: a test of a
  /// parameter the body writes, or whose address it takes, says nothing
  /// about the value the caller passed.
  std::optional<unsigned> paramIndexOf(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *PD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    if (!PD || PD->getDeclContext() != FD || !ReadOnlyVars.count(PD))
      return std::nullopt;
    QualType T = PD->getType();
    if (!T->isIntegralOrEnumerationType() && !T->isPointerType())
      return std::nullopt;
    return PD->getFunctionScopeIndex();
  }

  /// An integer constant (enumerator, literal, constexpr, null pointer).
  std::optional<int64_t> constantValue(const Expr *E) const {
    if (!E || E->isValueDependent() || E->isTypeDependent())
      return std::nullopt;
    Expr::EvalResult R;
    if (E->getType()->isIntegralOrEnumerationType() && E->EvaluateAsInt(R, WC.Ctx) &&
        R.Val.getInt().getSignificantBits() <= 64)
      return R.Val.getInt().getExtValue();
    if (E->getType()->isPointerType() &&
        E->isNullPointerConstant(WC.Ctx, Expr::NPC_ValueDependentIsNotNull))
      return 0;
    return std::nullopt;
  }

  State refineHeld(const Expr *Cond, const State &S, unsigned SuccIndex) {
    const Expr *E = Cond->IgnoreParenImpCasts();
    bool Positive = true; // the true branch means "E is truthy"
    while (true) {
      if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
        Positive = !Positive;
        E = UO->getSubExpr()->IgnoreParenImpCasts();
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(E);
          BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
        const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
        const Expr *R = BO->getRHS()->IgnoreParenImpCasts();
        const Expr *Other = isZero(R) ? L : isZero(L) ? R : nullptr;
        if (!Other)
          break;
        if (BO->getOpcode() == BO_EQ)
          Positive = !Positive;
        E = Other;
        continue;
      }
      break;
    }
    State Out = S;
    const TryTest *Test = nullptr;
    if (auto It = Tests.find(E); It != Tests.end())
      Test = &It->second;
    else if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (auto VT = VarTests.find(VD); VT != VarTests.end())
          Test = &VT->second;
    if (Test) {
      bool SuccessOnTrue = Test->SuccessIsTruthy ? Positive : !Positive;
      bool OnSuccessBranch = (SuccIndex == 0) == SuccessOnTrue;
      if (!OnSuccessBranch)
        Out.removeIf([&](const HeldEntry &H) {
          return std::find(Test->Keys.begin(), Test->Keys.end(), H.key()) != Test->Keys.end();
        });
      return Out;
    }
    // A plain condition: entries held only where it had the other value
    // cannot reach this branch; the others learn its value here.
    std::string Text = condition(E);
    if (Text.empty())
      return Out;
    bool Value = (SuccIndex == 0) == Positive;
    std::pair<std::string, bool> Known{Text, Value}, Contrary{Text, !Value};
    Out.removeIf([&](const HeldEntry &H) {
      return std::find(H.Conds.begin(), H.Conds.end(), Contrary) != H.Conds.end();
    });
    learnFlag(Out, Text, Value);
    return Out;
  }

  /// The text of a branch condition built only from variables, fields,
  /// literals and operators (no calls, no side effects); "" otherwise. The
  /// fact it gives is dropped where the function assigns one of those
  /// variables (forgetWrites); calls are assumed not to change them, even
  /// when given their address: a flag tested twice around a call is taken
  /// to hold the same value (a missed edge when a callee does flip it).
  std::string condition(const Expr *E) {
    // Asked again on every visit of the block while the states settle.
    auto Cached = CondText.find(E);
    if (Cached != CondText.end())
      return Cached->second;
    std::string &Result = CondText[E];
    std::set<const Decl *> Mentioned;
    if (!isStable(E, Mentioned))
      return "";
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    E->printPretty(OS, nullptr, WC.Ctx.getPrintingPolicy());
    OS.flush();
    CondDecls[Text].insert(Mentioned.begin(), Mentioned.end());
    Result = Text;
    return Text;
  }

  bool isStable(const Stmt *St, std::set<const Decl *> &Mentioned) {
    if (!St)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
      Mentioned.insert(DRE->getDecl());
      return true;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(St)) {
      Mentioned.insert(ME->getMemberDecl());
      return isStable(ME->getBase(), Mentioned);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
      if (UO->isIncrementDecrementOp())
        return false;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
      if (BO->isAssignmentOp())
        return false;
    } else if (!isa<ImplicitCastExpr, ParenExpr, IntegerLiteral, CXXBoolLiteralExpr,
                    CXXThisExpr, ArraySubscriptExpr, CXXNullPtrLiteralExpr>(St)) {
      return false;
    }
    for (const Stmt *Child : St->children())
      if (!isStable(Child, Mentioned))
        return false;
    return true;
  }

  /// An assignment (or ++/--) to a variable or field ends what branch
  /// conditions on it said.
  void forgetWrites(const Stmt *St, State &S) {
    const Expr *Target = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(St); BO && BO->isAssignmentOp())
      Target = BO->getLHS();
    else if (const auto *UO = dyn_cast<UnaryOperator>(St); UO && UO->isIncrementDecrementOp())
      Target = UO->getSubExpr();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(St);
             OC && OC->isAssignmentOp() && OC->getNumArgs() > 0)
      Target = OC->getArg(0);
    if (!Target)
      return;
    Target = Target->IgnoreParenImpCasts();
    while (const auto *AS = dyn_cast<ArraySubscriptExpr>(Target))
      Target = AS->getBase()->IgnoreParenImpCasts();
    const Decl *D = nullptr;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Target))
      D = DRE->getDecl();
    else if (const auto *ME = dyn_cast<MemberExpr>(Target))
      D = ME->getMemberDecl();
    if (!D)
      return;
    for (HeldEntry &H : S.Held)
      H.Conds.erase(std::remove_if(H.Conds.begin(), H.Conds.end(),
                                   [&](const auto &C) { return CondDecls[C.first].count(D); }),
                    H.Conds.end());
    S.PathConds.erase(std::remove_if(S.PathConds.begin(), S.PathConds.end(),
                                     [&](const auto &C) { return CondDecls[C.first].count(D); }),
                      S.PathConds.end());
    // A parameter's field written here no longer has the caller's value.
    if (const auto *Field = dyn_cast<FieldDecl>(D); Field && Field->getIdentifier())
      S.Known.erase(std::remove_if(S.Known.begin(), S.Known.end(),
                                   [&](const ParamCondition &K) {
                                     return K.Field == Field->getName();
                                   }),
                    S.Known.end());
  }


  /// `locked = 1;`: on this path the flag is known truthy (0: falsy), so a
  /// later `if (locked) unlock(m);` releases every lock held here, and its
  /// other branch holds none of them.
  void noteFlagAssignment(const Stmt *St, State &S) {
    const auto *BO = dyn_cast<BinaryOperator>(St);
    if (!BO || BO->getOpcode() != BO_Assign)
      return;
    std::optional<int64_t> K = constantValue(BO->getRHS()->IgnoreParenImpCasts());
    if (!K)
      return;
    std::string Text = condition(BO->getLHS()->IgnoreParenImpCasts());
    if (!Text.empty())
      learnFlag(S, Text, *K != 0);
  }

  /// `int locked = 0;` is a flag's first value; `int rc =
  /// pthread_mutex_trylock(&m);` keeps the try's result for a later test.
  void noteInitialValue(const VarDecl *VD, State &S) {
    const Expr *Init = VD->getInit() ? VD->getInit()->IgnoreParenImpCasts() : nullptr;
    if (!Init || !VD->getType()->isScalarType())
      return;
    if (auto It = Tests.find(Init); It != Tests.end()) {
      if (ReadOnlyVars.count(VD))
        VarTests[VD] = It->second;
      return;
    }
    if (std::optional<int64_t> K = constantValue(Init)) {
      std::string Text = VD->getNameAsString();
      CondDecls[Text].insert(VD);
      learnFlag(S, Text, *K != 0);
    }
  }

  /// On this path `Text` has truth value `Value`: for the path, and for
  /// every lock held on it. A new value of it replaces the old one.
  void learnFlag(State &S, const std::string &Text, bool Value) {
    std::pair<std::string, bool> Known{Text, Value};
    // At most six each. A full held entry keeps what was known when its
    // lock was taken (what its release is tested against); the path's
    // own set drops its oldest, since the newest is what the next lines
    // test (`if (rc == 0) { lock(m); if (o->cb) { o->busy = 1; o->cb(o);`).
    constexpr size_t MaxConds = 6;
    auto Learn = [&](std::vector<std::pair<std::string, bool>> &Conds, bool KeepOldest) {
      Conds.erase(std::remove_if(Conds.begin(), Conds.end(),
                                 [&](const auto &C) { return C.first == Text; }),
                  Conds.end());
      if (Conds.size() >= MaxConds) {
        if (KeepOldest)
          return;
        Conds.erase(Conds.begin());
      }
      Conds.push_back(Known);
    };
    for (HeldEntry &H : S.Held)
      Learn(H.Conds, /*KeepOldest=*/true);
    Learn(S.PathConds, /*KeepOldest=*/false);
  }

  bool isZero(const Expr *E) const {
    if (E->isValueDependent())
      return false;
    if (E->getType()->isPointerType()) // NULL, ((void *)0), nullptr
      return E->isNullPointerConstant(WC.Ctx, Expr::NPC_ValueDependentIsNotNull) !=
             Expr::NPCK_NotNull;
    Expr::EvalResult R;
    return E->EvaluateAsInt(R, WC.Ctx) && R.Val.getInt() == 0;
  }

  void transfer(const CFGBlock &B, State &S, bool Record) {
    Tests.clear();
    for (const CFGElement &E : B) {
      if (auto CS = E.getAs<CFGStmt>())
        handleStmt(CS->getStmt(), S, Record);
      else if (auto D = E.getAs<CFGAutomaticObjDtor>())
        handleScopeEnd(D->getVarDecl(), D->getTriggerStmt(), S, Record);
      else if (auto T = E.getAs<CFGTemporaryDtor>())
        handleTemporaryEnd(*T, S, Record);
    }
  }

  std::vector<HeldLock> heldLocks(const State &S) const {
    std::vector<HeldLock> Out;
    for (const HeldEntry &E : S.Held) {
      bool Dup = std::any_of(Out.begin(), Out.end(), [&](const HeldLock &H) {
        return H.Lock.key() == E.Lock.key();
      });
      if (!Dup)
        Out.push_back({E.Lock, E.Mode, E.At});
    }
    return Out;
  }

  void acquire(State &S, const LockRef &L, AcquireMode Mode, const SourceSite &Site,
               const VarDecl *Guard, bool Record,
               const std::vector<HeldLock> *HeldBefore = nullptr) {
    if (Record && Mode != AcquireMode::Try)
      Facts.Acquisitions.push_back(
          {L, Mode, Site, HeldBefore ? *HeldBefore : heldLocks(S), S.Released, S.Known});
    if (Record)
      AcquiredHere.push_back(L);
    // Taking a released caller lock again hands it back to the caller.
    size_t Before = S.Released.size();
    S.Released.erase(std::remove_if(S.Released.begin(), S.Released.end(),
                                    [&](const LockRef &R) { return sameLock(R, L); }),
                     S.Released.end());
    HeldEntry E{L, Mode, Site, Guard};
    E.FromCaller = S.Released.size() != Before;
    E.Conds = S.PathConds;
    S.add(std::move(E));
  }

  void handleStmt(const Stmt *St, State &S, bool Record) {
    forgetWrites(St, S);
    noteFlagAssignment(St, S);
    if (const auto *CE = dyn_cast<CallExpr>(St))
      return handleCall(CE, S, Record);
    if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
      if (guardKindOf(CC->getType()) != GuardKind::None)
        return;
      if (Record) {
        recordBlocking(CC, S);
        recordThreadStart(CC);
      }
      // A holder's constructor: its lock is taken at the declaration
      // (handleGuardDecl), in this function's names.
      recordCall(CC->getConstructor(), CC->getBeginLoc(), {CC->arg_begin(), CC->arg_end()},
                 nullptr, S, Record, nullptr, !holderEffects(CC).Keeps.empty());
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          handleGuardDecl(VD, S, Record);
          noteInitialValue(VD, S);
        }
      return;
    }
    if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
      if (Record) {
        const Expr *Value = RS->getRetValue();
        Returns.push_back(
            {constantValue(Value ? Value->IgnoreParenImpCasts() : nullptr), heldLocks(S)});
      }
      // `return std::unique_lock<std::mutex>(mu);`: a guard made for the
      // caller, holding its lock there.
      GuardInit GI;
      if (const CXXConstructExpr *CC = guardConstructionOf(RS->getRetValue());
          CC && Record && classifyGuardConstruction(CC, Namer, GI) &&
          (GI.Kind == GuardInit::Acquires || GI.Kind == GuardInit::Adopts)) {
        SourceSite Site = Namer.site(GI.Loc);
        for (const LockRef &L : GI.Locks) {
          Facts.Acquisitions.push_back({L, GI.Mode, Site, heldLocks(S), S.Released, S.Known});
          AcquiredHere.push_back(L);
          addReturnsHeld({L, GI.Mode, Site});
        }
      }
      // `return lk;` hands the guard, and the lock, to the caller.
      if (const VarDecl *G = guardVarOf(RS->getRetValue())) {
        for (const HeldEntry &E : S.Held)
          if (E.Guard == G && Record)
            addReturnsHeld({E.Lock, E.Mode, E.At});
        S.removeIf([&](const HeldEntry &E) { return E.Guard == G; });
      }
    }
  }

  /// Drops L, directly or through a release wrapper; `IfUnheld` is what
  /// is recorded when no path holds it. A caller's lock (not taken here)
  /// is remembered as released for a while.
  void release(State &S, const LockRef &L, UnheldRelease IfUnheld, bool Record) {
    bool Held = false, Ours = false;
    unsigned Holds = 0;
    for (const HeldEntry &E : S.Held)
      if (sameLock(E.Lock, L)) {
        Held = true;
        Ours |= !E.FromCaller;
        ++Holds;
      }
    if (Record) {
      ReleasedHere.push_back(L);
      if (!Held)
        PendingUnheld.push_back(std::move(IfUnheld));
    }
    if (!Ours)
      S.release(L);
    // A recursive lock taken twice is released once per unlock.
    if (L.Recursive && Holds > 1) {
      auto Last = std::find_if(S.Held.rbegin(), S.Held.rend(),
                               [&](const HeldEntry &E) { return sameLock(E.Lock, L); });
      S.Held.erase(std::next(Last).base());
      return;
    }
    S.removeIf([&](const HeldEntry &E) { return sameLock(E.Lock, L); });
  }

  void addReturnsHeld(HeldLock H) {
    for (const HeldLock &O : Facts.ReturnsHeld)
      if (O.Lock.key() == H.Lock.key())
        return;
    Facts.ReturnsHeld.push_back(std::move(H));
  }

  void handleCall(const CallExpr *CE, State &S, bool Record) {
    LockOperation Op = classifyCall(CE, Namer, WC.ExtraLock, WC.ExtraUnlock);
    SourceSite Site = Namer.site(CE->getBeginLoc());
    switch (Op.Kind) {
    case OpKind::None: {
      // Configured away (IgnoredFunctions): not followed at all.
      if (const FunctionDecl *Callee = CE->getDirectCallee();
          Callee && isNamedIn(Callee, WC.Ignored))
        return;
      if (Record) {
        recordBlocking(CE, S);
        recordThreadStart(CE);
      }
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee) {
        if (!isa<CXXPseudoDestructorExpr>(CE->getCallee()->IgnoreParens()))
          handleIndirectCall(CE, Site, S, Record);
        return;
      }
      // std::function's call operator runs whatever was stored in it.
      if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
          Record && MD && MD->getOverloadedOperator() == OO_Call &&
          MD->getParent()->isInStdNamespace() && MD->getParent()->getName() == "function")
        ++Unresolved;
      const Expr *Object = callObject(CE);
      bool Qualified = false;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
        if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
          Qualified = ME->hasQualifier();
      LockEffects Effects = WC.EffectsOf ? WC.EffectsOf(Callee) : LockEffects{};
      recordCall(Callee, CE->getBeginLoc(), callArgs(CE), Object, S, Record, &Qualified,
                 !Effects.empty());
      applyLockEffects(Effects, qualifiedFunctionName(Callee), CE, Site, S, Record);
      return;
    }
    case OpKind::Acquire: {
      TryTest T{{}, Op.SuccessIsTruthy};
      for (const LockRef &L : Op.Locks) {
        acquire(S, L, Op.Mode, Site, nullptr, Record);
        T.Keys.push_back(HeldEntry{L, Op.Mode, Site, nullptr}.key());
      }
      // A lock taken through a pointer variable: the pointer is not null
      // on this path, so a later `if (mut != NULL) unlock(mut);` releases
      // what was taken here (its other branch holds none of it).
      for (const Expr *Arg : callArgs(CE))
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
            DRE && DRE->getType()->isPointerType())
          if (std::string Text = condition(DRE); !Text.empty())
            learnFlag(S, Text, true);
      if (Op.Mode == AcquireMode::Try || Op.ResultSaysIfTaken)
        Tests[CE] = std::move(T);
      return;
    }
    case OpKind::AcquireAll: {
      // One atomic step: none of these is held while another is requested.
      // std::try_lock's success value is -1, which no branch test here
      // reads: its locks stay may-held on both branches.
      // `std::lock(a, b)` over deferred unique_locks takes the guards'
      // locks, which the guards then hold and release.
      std::vector<HeldLock> Before = heldLocks(S);
      std::vector<const Expr *> Args = callArgs(CE);
      for (size_t I = 0; I < Op.Locks.size(); ++I) {
        const VarDecl *G = I < Args.size() ? guardVarOf(Args[I]) : nullptr;
        if (!G) {
          acquire(S, Op.Locks[I], Op.Mode, Site, nullptr, Record, &Before);
          continue;
        }
        for (const auto &[L, Mode] : Managed[G])
          acquire(S, L, Op.Mode == AcquireMode::Try ? AcquireMode::Try : Mode, Site, G, Record,
                  &Before);
      }
      return;
    }
    case OpKind::Release:
      for (const LockRef &L : Op.Locks)
        release(S, L, {L, Site}, Record);
      return;
    case OpKind::GuardAcquire: {
      TryTest T{{}, true};
      for (const auto &[L, Mode] : Managed[Op.Guard]) {
        AcquireMode M = Op.Mode == AcquireMode::Try ? AcquireMode::Try : Mode;
        acquire(S, L, M, Site, Op.Guard, Record);
        T.Keys.push_back(HeldEntry{L, M, Site, Op.Guard}.key());
      }
      if (Op.Mode == AcquireMode::Try)
        Tests[CE] = std::move(T);
      return;
    }
    case OpKind::GuardRelease: {
      bool Held = std::any_of(S.Held.begin(), S.Held.end(),
                              [&](const HeldEntry &E) { return E.Guard == Op.Guard; });
      if (!Held && Record)
        for (const auto &[L, Mode] : Managed[Op.Guard])
          PendingUnheld.push_back({L, Site});
      S.removeIf([&](const HeldEntry &E) { return E.Guard == Op.Guard; });
      return;
    }
    case OpKind::GuardDisown:
      for (HeldEntry &E : S.Held)
        if (E.Guard == Op.Guard)
          E.Guard = nullptr;
      S.normalize();
      return;
    case OpKind::GuardOwns: {
      TryTest T{{}, true};
      for (const HeldEntry &E : S.Held)
        if (E.Guard == Op.Guard)
          T.Keys.push_back(E.key());
      Tests[CE] = std::move(T);
      return;
    }
    case OpKind::GuardAssign: {
      const VarDecl *Target = guardVarOf(callObject(CE));
      if (!Target)
        return;
      S.removeIf([&](const HeldEntry &E) { return E.Guard == Target; });
      if (Op.Source) {
        handOver(S, Op.Source, Target);
        Managed[Target] = Managed[Op.Source];
      }
      return;
    }
    }
  }

  /// A call that may block, with the locks that stay held across it.
  void recordBlocking(const Expr *Call, const State &S) {
    BlockingInfo Info = classifyBlocking(Call, WC.ExtraBlocking);
    if (Info.Kind == BlockingKind::None || Facts.NeverBlocks)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(Call);
        CE && CE->getDirectCallee() && isNamedIn(CE->getDirectCallee(), WC.NonBlocking))
      return;
    std::vector<HeldLock> Held = heldLocks(S);
    if (Info.Kind == BlockingKind::ConditionWait && Info.Released) {
      // The wait releases its own mutex: the guard's, or the one named.
      if (const VarDecl *G = guardVarOf(Info.Released)) {
        for (const auto &[L, Mode] : Managed[G])
          Held.erase(std::remove_if(Held.begin(), Held.end(),
                                    [&](const HeldLock &H) { return sameLock(H.Lock, L); }),
                     Held.end());
      } else {
        LockRef Released = Namer.lockOf(Info.Released);
        Held.erase(std::remove_if(Held.begin(), Held.end(),
                                  [&](const HeldLock &H) { return sameLock(H.Lock, Released); }),
                   Held.end());
      }
    }
    const FunctionDecl *Callee = nullptr;
    if (const auto *CE = dyn_cast<CallExpr>(Call))
      Callee = CE->getDirectCallee();
    else if (const auto *CC = dyn_cast<CXXConstructExpr>(Call))
      Callee = CC->getConstructor();
    Facts.BlockingCalls.push_back({qualifiedFunctionName(Callee),
                                   Namer.site(Call->getBeginLoc()), std::move(Held),
                                   Info.Kind == BlockingKind::ConditionWait, S.Released,
                                   S.Known, ioDescriptor(Call, FD)});
  }

  void recordThreadStart(const Expr *Call) {
    const FunctionDecl *Entry = threadEntryOf(Call);
    if (!Entry)
      return;
    Facts.ThreadStarts.push_back({WC.KeyOf(Entry), qualifiedFunctionName(Entry),
                                  Namer.site(Call->getBeginLoc()), isInLoop(Call, WC.Ctx)});
  }

  /// An inferred wrapper (in this TU or, through ExtractOptions::Wrappers,
  /// another) that takes or drops a lock for its caller (`item_lock(hv)`,
  /// `unlock_table()`): the caller holds, or no longer holds, that lock
  /// after the call. The caller takes the wrapper's locks at the call, so the acquisition
  /// (and its edges from what is held) is recorded here, in the caller's
  /// names; a release of a lock the caller does not hold is the caller's
  /// unheld release, with the wrapper as the way it happened.
  void applyLockEffects(const LockEffects &Effects, const std::string &CalleeName,
                        const CallExpr *CE, const SourceSite &Site, State &S, bool Record) {
    for (const UnheldRelease &R : Effects.Releases) {
      LockRef L = lockInCallerFrame(R.Lock, CE, Namer);
      if (!L.Name.empty())
        release(S, L,
                {L, Site, CalleeName, R.Via.empty() ? R.Site : R.ReleasedAt},
                Record);
    }
    std::vector<HeldLock> Before = heldLocks(S);
    TryTest T{{}, Effects.KeepsWhenTruthy.value_or(true)};
    for (const HeldLock &H : Effects.Keeps) {
      LockRef L = lockInCallerFrame(H.Lock, CE, Namer);
      if (L.Name.empty())
        continue;
      acquire(S, L, H.Mode, Site, nullptr, Record, &Before);
      T.Keys.push_back(HeldEntry{L, H.Mode, Site, nullptr}.key());
    }
    // A conditional acquire function: tested like a try-lock.
    if (Effects.KeepsWhenTruthy)
      Tests[CE] = std::move(T);
  }

  void handOver(State &S, const VarDecl *From, const VarDecl *To) {
    for (HeldEntry &E : S.Held)
      if (E.Guard == From)
        E.Guard = To;
    S.normalize();
  }

  /// The constructor's effects when `CC` builds an inferred holder: a
  /// class whose constructor is an acquire function and whose destructor a
  /// release function (MutexLock over the project's Mutex, SpinLockHolder).
  /// Empty otherwise.
  LockEffects holderEffects(const CXXConstructExpr *CC) {
    if (!WC.EffectsOf || !CC)
      return {};
    const CXXRecordDecl *RD = CC->getConstructor()->getParent();
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    if (!Dtor || WC.EffectsOf(Dtor).Releases.empty())
      return {};
    return WC.EffectsOf(CC->getConstructor());
  }

  /// `MutexLock l(&mu_);`: the holder takes its locks here and, like a
  /// guard, releases them at the end of its scope.
  bool handleHolderDecl(const VarDecl *VD, State &S, bool Record) {
    if (VD->getType()->isReferenceType() || !VD->getInit())
      return false;
    const auto *CC = dyn_cast<CXXConstructExpr>(VD->getInit()->IgnoreImplicit());
    LockEffects Effects = holderEffects(CC);
    if (Effects.Keeps.empty())
      return false;
    Holders.insert(VD);
    auto &Locks = Managed[VD];
    Locks.clear();
    std::vector<const Expr *> Args(CC->arg_begin(), CC->arg_end());
    SourceSite Site = Namer.site(VD->getLocation());
    std::vector<HeldLock> Before = heldLocks(S);
    for (const HeldLock &H : Effects.Keeps) {
      LockRef L = lockInCallerFrame(H.Lock, CC->getConstructor(), Args, nullptr, Namer);
      if (L.Name.empty())
        continue;
      acquire(S, L, H.Mode, Site, VD, Record, &Before);
      Locks.push_back({L, H.Mode});
    }
    return true;
  }

  void handleGuardDecl(const VarDecl *VD, State &S, bool Record) {
    GuardInit GI;
    if (!classifyGuardInit(VD, Namer, GI)) {
      handleHolderDecl(VD, S, Record);
      return;
    }
    SourceSite Site = Namer.site(GI.Loc);
    auto &Locks = Managed[VD];
    Locks.clear();
    for (const LockRef &L : GI.Locks)
      Locks.push_back({L, GI.Mode});
    switch (GI.Kind) {
    case GuardInit::Acquires: {
      std::vector<HeldLock> Before = heldLocks(S); // scoped_lock: all at once
      // `std::scoped_lock sl(a, b)` over deferred unique_locks: the locks
      // are theirs; the scoped_lock takes and releases them.
      if (GI.Guard == GuardKind::ScopedLock)
        if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(
                VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr)) {
          Locks.clear();
          for (const Expr *Arg : CC->arguments()) {
            const VarDecl *G = guardVarOf(Arg);
            if (!G || G == VD) {
              Locks.push_back({Namer.lockOf(Arg), GI.Mode});
              continue;
            }
            for (const auto &M : Managed[G])
              Locks.push_back(M);
          }
          for (const auto &[L, Mode] : Locks)
            acquire(S, L, Mode, Site, VD, Record, &Before);
          return;
        }
      for (const LockRef &L : GI.Locks)
        acquire(S, L, GI.Mode, Site, VD, Record, &Before);
      return;
    }
    case GuardInit::Tries:
      for (const LockRef &L : GI.Locks)
        acquire(S, L, AcquireMode::Try, Site, VD, Record);
      return;
    case GuardInit::Adopts:
      for (const LockRef &L : GI.Locks) {
        bool Found = false;
        for (HeldEntry &E : S.Held)
          if (!E.Guard && sameLock(E.Lock, L)) {
            E.Guard = VD;
            Found = true;
          }
        if (!Found) {
          HeldEntry E{L, GI.Mode, Site, VD};
          E.FromCaller = true; // adopted here, taken elsewhere
          S.add(std::move(E));
        }
      }
      S.normalize();
      return;
    case GuardInit::MovedFrom:
      handOver(S, GI.Source, VD);
      Locks = Managed[GI.Source];
      return;
    case GuardInit::FromCall: {
      const FunctionDecl *Callee = GI.Call->getDirectCallee();
      if (!Callee || !WC.ReturnsHeld)
        return;
      SourceSite CallSite = Namer.site(GI.Call->getBeginLoc());
      for (const HeldLock &H : WC.ReturnsHeld(Callee)) {
        LockRef L = lockInCallerFrame(H.Lock, GI.Call, Namer);
        if (L.Name.empty())
          continue;
        S.add({L, H.Mode, CallSite, VD});
        Locks.push_back({L, H.Mode});
      }
      return;
    }
    case GuardInit::Defers:
    case GuardInit::Empty:
      return;
    }
  }

  void handleScopeEnd(const VarDecl *VD, const Stmt *Trigger, State &S, bool Record) {
    if (guardKindOf(VD->getType()) != GuardKind::None || Holders.count(VD)) {
      // The destructor releases the guard's lock, including when the code
      // unlocked and re-locked it by hand inside the guard's scope.
      const auto &Locks = Managed[VD];
      S.removeIf([&](const HeldEntry &E) {
        if (E.Guard == VD)
          return true;
        return !E.Guard && std::any_of(Locks.begin(), Locks.end(), [&](const auto &M) {
                 return sameLock(M.first, E.Lock);
               });
      });
      return;
    }
    const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() || !RD->getDestructor())
      return;
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    if (Dtor->isTrivial())
      return;
    SourceLocation Loc = Trigger ? Trigger->getEndLoc() : VD->getLocation();
    if (!Record || !WC.IsInteresting(Dtor))
      return;
    CallFact C = callFact(Dtor, Loc, S);
    C.ObjectInstance = "local:" + VD->getNameAsString();
    Facts.Calls.push_back(std::move(C));
  }

  /// The destructor of a temporary runs at the end of its full expression
  /// (`LOG(FATAL) << ...`: a fatal-log object that aborts there).
  void handleTemporaryEnd(const CFGTemporaryDtor &T, const State &S, bool Record) {
    const CXXDestructorDecl *Dtor = T.getDestructorDecl(WC.Ctx);
    if (!Record || !Dtor || Dtor->isTrivial() || !WC.IsInteresting(Dtor))
      return;
    Facts.Calls.push_back(callFact(Dtor, T.getBindTemporaryExpr()->getEndLoc(), S));
  }

  /// A call to `Callee` at `Loc` with the current held and released locks.
  CallFact callFact(const FunctionDecl *Callee, SourceLocation Loc, const State &S) const {
    CallFact C = callFactAt(Loc, S);
    C.Callee = WC.KeyOf(Callee);
    C.CalleeName = qualifiedFunctionName(Callee);
    return C;
  }

  /// A call at `Loc`, callee not yet named, with the held and released locks.
  CallFact callFactAt(SourceLocation Loc, const State &S) const {
    CallFact C;
    C.Site = Namer.site(Loc);
    C.Held = heldLocks(S);
    C.Released = S.Released;
    C.When = S.Known;
    return C;
  }

  /// What the call's arguments denote, for naming the callee's parameter
  /// locks and instances in this function's terms.
  std::vector<CallArg> argFacts(const std::vector<const Expr *> &Args, const State &S) {
    std::vector<CallArg> Out;
    for (const Expr *A : Args) {
      CallArg CA;
      CA.ForwardsParam = paramIndexOf(A->IgnoreParenImpCasts());
      CA.KnownFields = knownFields(A, S);
      const Expr *Stripped = stripAddressing(A);
      if (Stripped && (isa<DeclRefExpr>(Stripped) || isa<MemberExpr>(Stripped))) {
        CA.IsLock = true;
        CA.Lock = Namer.lockOf(A);
      }
      CA.Instance = Namer.instanceOf(A);
      CA.Constant = constantValue(A->IgnoreParenImpCasts());
      CA.Descriptor = argumentDescriptor(A, FD);
      Out.push_back(std::move(CA));
    }
    return Out;
  }

  /// The fields of what argument `A` points to (or of the object whose
  /// address it is) with a truth known on every path here: `mosq` after
  /// `mosq->in_callback = true;` has {in_callback: true}.
  std::vector<std::pair<std::string, bool>> knownFields(const Expr *A, const State &S) {
    std::vector<std::pair<std::string, bool>> Out;
    if (S.PathConds.empty())
      return Out;
    const Expr *E = A->IgnoreParenImpCasts();
    std::string Separator = "->";
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr()->IgnoreParenImpCasts();
      Separator = ".";
    } else if (!E->getType()->isPointerType()) {
      return Out;
    }
    std::string Prefix = condition(E);
    if (Prefix.empty())
      return Out;
    Prefix += Separator;
    for (const auto &[Text, Value] : S.PathConds) {
      if (Text.size() <= Prefix.size() || Text.compare(0, Prefix.size(), Prefix) != 0)
        continue;
      llvm::StringRef Field = llvm::StringRef(Text).drop_front(Prefix.size());
      if (llvm::all_of(Field, [](char Ch) { return isAsciiIdentifierContinue(Ch); }))
        Out.emplace_back(Field.str(), Value);
    }
    std::sort(Out.begin(), Out.end());
    return Out;
  }

  /// A call through a function pointer (`ops->lock(&m)`, `(*lock_fn)(m)`,
  /// `handlers[i]()`): recorded with the slot it reads, which the analysis
  /// follows to every function the program stores there
  /// (extract/FunctionPointers.h). Their effects for a caller (an acquire
  /// or release function stored in a lock table) apply here as for a
  /// direct call, named by this call's arguments. A pointer that names no
  /// slot is only counted.
  void handleIndirectCall(const CallExpr *CE, const SourceSite &Site, State &S, bool Record) {
    std::string Slot = WC.Slots ? WC.Slots->calleeSlot(CE) : "";
    if (Slot.empty()) {
      if (Record)
        ++Unresolved;
      return;
    }
    LockEffects Effects = WC.SlotEffects ? WC.SlotEffects(Slot) : LockEffects{};
    std::string Spelled = WC.Slots->calleeText(CE);
    if (Record) {
      CallFact C = callFactAt(CE->getBeginLoc(), S);
      C.Slot = Slot;
      C.CalleeName = Spelled;
      C.Args = argFacts(callArgs(CE), S);
      C.WrapperApplied = !Effects.empty();
      Facts.Calls.push_back(std::move(C));
    }
    applyLockEffects(Effects, Spelled, CE, Site, S, Record);
  }

  void recordCall(const FunctionDecl *Callee, SourceLocation Loc,
                  std::vector<const Expr *> Args, const Expr *Object, const State &S,
                  bool Record, const bool *MemberQualified = nullptr,
                  bool WrapperApplied = false) {
    if (!Record || !Callee || !WC.IsInteresting(Callee))
      return;
    if (const auto *CD = dyn_cast<CXXConstructorDecl>(Callee); CD && CD->isTrivial())
      return;
    CallFact C = callFact(Callee, Loc, S);
    C.Args = argFacts(Args, S);
    if (Object)
      C.ObjectInstance = Namer.instanceOf(Object);
    C.WrapperApplied = WrapperApplied;
    // Dispatched at run time unless the call names its class (`Base::f()`).
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee); MD && MD->isVirtual() && Object)
      C.Virtual = !(MemberQualified && *MemberQualified);
    Facts.Calls.push_back(std::move(C));
  }

  const FunctionDecl *FD;
  WalkerContext &WC;
  LockNamer Namer;
  unsigned &Unresolved;
  FunctionFacts Facts;
  std::vector<std::optional<State>> In;
  std::set<const VarDecl *> UnsharedLocals;
  std::set<const VarDecl *> ReadOnlyVars;
  /// Locals initialised from a try-lock (or a checked lock) and never
  /// written again: testing one tests the lock (`int rc =
  /// pthread_mutex_trylock(&m); if (rc == 0) ...`).
  std::map<const VarDecl *, TryTest> VarTests;
  /// Per block: whether it calls a function that never returns.
  std::map<unsigned, bool> EndsPath;
  std::map<const Expr *, TryTest> Tests;
  /// Each return statement's constant value (if it has one) and the locks
  /// held there, for conditional acquire functions.
  struct ReturnPoint {
    std::optional<int64_t> Value;
    std::vector<HeldLock> Held;
  };
  std::vector<ReturnPoint> Returns;
  /// Recorded releases of locks no path held, classified at the exit as
  /// this function's own or a release wrapper's effect.
  std::vector<UnheldRelease> PendingUnheld;
  /// Every lock the function takes or releases somewhere (itself or
  /// through a wrapper), for telling wrappers from leaks.
  std::vector<LockRef> AcquiredHere, ReleasedHere;
  /// The declarations each tracked condition reads, and each condition
  /// expression's text ("" when it is not tracked).
  std::map<std::string, std::set<const Decl *>> CondDecls;
  std::map<const Expr *, std::string> CondText;
  /// What each guard variable manages (flow-insensitive: set where the
  /// guard is declared or receives another guard).
  std::map<const VarDecl *, std::vector<std::pair<LockRef, AcquireMode>>> Managed;
  /// Variables of an inferred holder class: guards, for this function.
  std::set<const VarDecl *> Holders;
};

} // namespace

bool isNamedIn(const FunctionDecl *FD, const std::vector<std::string> &Names) {
  if (Names.empty() || !FD->getIdentifier())
    return false;
  std::string Qualified = FD->getQualifiedNameAsString();
  return std::any_of(Names.begin(), Names.end(), [&](const std::string &N) {
    return N == Qualified || N == FD->getName();
  });
}

FunctionFacts walkFunction(const FunctionDecl *FD, WalkerContext &WC,
                           unsigned &UnresolvedCalls) {
  return Walker(FD, WC, UnresolvedCalls).run();
}

} // namespace lockgraph
