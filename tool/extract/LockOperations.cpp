//===- extract/LockOperations.cpp -----------------------------------------===//
#include "extract/LockOperations.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace lockgraph {

static const CXXRecordDecl *recordOf(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

static bool isStdRecord(const CXXRecordDecl *RD, std::initializer_list<StringRef> Names) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  for (StringRef N : Names)
    if (RD->getName() == N)
      return true;
  return false;
}

static bool isStdMutex(QualType T) {
  return isStdRecord(recordOf(T), {"mutex", "timed_mutex", "recursive_mutex",
                                   "recursive_timed_mutex", "shared_mutex",
                                   "shared_timed_mutex"});
}

GuardKind guardKindOf(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return GuardKind::None;
  if (isStdRecord(RD, {"lock_guard"}))
    return GuardKind::LockGuard;
  if (isStdRecord(RD, {"unique_lock"}))
    return GuardKind::UniqueLock;
  if (isStdRecord(RD, {"shared_lock"}))
    return GuardKind::SharedLock;
  if (isStdRecord(RD, {"scoped_lock"}))
    return GuardKind::ScopedLock;
  if (RD->hasAttr<ScopedLockableAttr>())
    return GuardKind::Annotated;
  return GuardKind::None;
}

std::vector<const Expr *> callArgs(const CallExpr *CE) {
  std::vector<const Expr *> Args;
  unsigned First = 0;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()))
      First = 1; // arg 0 is the object
  for (unsigned I = First; I < CE->getNumArgs(); ++I)
    Args.push_back(CE->getArg(I));
  return Args;
}

const Expr *callObject(const CallExpr *CE) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
    return MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()) && OC->getNumArgs() > 0)
      return OC->getArg(0);
  return nullptr;
}

const VarDecl *guardVarOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CallExpr>(E)) { // std::move(g)
      const FunctionDecl *FD = CE->getDirectCallee();
      if (FD && FD->isInStdNamespace() && FD->getIdentifier() &&
          FD->getName() == "move" && CE->getNumArgs() == 1) {
        E = CE->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
      if (CC->getNumArgs() == 1) {
        E = CC->getArg(0);
        continue;
      }
      return nullptr;
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && guardKindOf(VD->getType()) != GuardKind::None ? VD : nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

/// Resolves one capability expression of `Callee`'s attribute in the terms
/// of the function making the call.
static LockRef resolveCapability(const Expr *Cap, const Expr *Object,
                                 const std::vector<const Expr *> &Args,
                                 const LockNamer &Namer) {
  const Expr *E = stripAddressing(Cap);
  if (!E || isa<CXXThisExpr>(E))
    return Object ? Namer.lockOf(Object) : LockRef{};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      unsigned I = P->getFunctionScopeIndex();
      if (I < Args.size())
        return Namer.lockOf(Args[I]);
      return {};
    }
    return Namer.lockOf(E); // a global
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
        LockRef L;
        L.Kind = LockKind::Member;
        L.Name = fieldLockName(FD);
        L.Instance = Object ? Namer.instanceOf(Object) : "this";
        L.Type = FD->getType().getNonReferenceType().getAsString();
        L.Recursive = isRecursiveLockType(FD->getType());
        return L;
      }
    }
    return Namer.lockOf(E);
  }
  return Namer.lockOf(E);
}

template <typename AttrT>
static std::vector<LockRef> capabilities(const AttrT *A, const FunctionDecl *FD,
                                         const Expr *Object,
                                         const std::vector<const Expr *> &Args,
                                         const LockNamer &Namer) {
  std::vector<LockRef> Locks;
  if (A->args_size() == 0) {
    if (Object)
      Locks.push_back(Namer.lockOf(Object));
    return Locks;
  }
  for (const Expr *Cap : A->args())
    Locks.push_back(resolveCapability(Cap, Object, Args, Namer));
  return Locks;
}

static bool successValue(const Expr *V, const FunctionDecl *FD) {
  bool Result = true;
  if (V && !V->isValueDependent()) {
    Expr::EvalResult R;
    if (V->EvaluateAsInt(R, FD->getASTContext()))
      Result = R.Val.getInt().getBoolValue();
  }
  return Result;
}

bool hasLockAnnotation(const FunctionDecl *FD) {
  return FD->hasAttr<AcquireCapabilityAttr>() || FD->hasAttr<ReleaseCapabilityAttr>() ||
         FD->hasAttr<TryAcquireCapabilityAttr>() ||
         FD->hasAttr<ExclusiveTrylockFunctionAttr>() ||
         FD->hasAttr<SharedTrylockFunctionAttr>();
}

/// Thread-safety attributes of the callee, if any.
static bool classifyAnnotated(const CallExpr *CE, const FunctionDecl *FD,
                              const LockNamer &Namer, LockOperation &Op) {
  const Expr *Object = callObject(CE);
  std::vector<const Expr *> Args = callArgs(CE);
  const VarDecl *Guard = Object ? guardVarOf(Object) : nullptr;
  if (Guard && guardKindOf(Guard->getType()) != GuardKind::Annotated)
    Guard = nullptr;

  if (const auto *A = FD->getAttr<AcquireCapabilityAttr>()) {
    Op.Mode = A->isShared() ? AcquireMode::Shared : AcquireMode::Exclusive;
    if (Guard && A->args_size() == 0) {
      Op.Kind = OpKind::GuardAcquire;
      Op.Guard = Guard;
      return true;
    }
    Op.Kind = OpKind::Acquire;
    Op.Locks = capabilities(A, FD, Object, Args, Namer);
    return true;
  }
  auto Try = [&](auto *A) {
    Op.Kind = OpKind::Acquire;
    Op.Mode = AcquireMode::Try;
    Op.SuccessIsTruthy = successValue(A->getSuccessValue(), FD);
    Op.Locks = capabilities(A, FD, Object, Args, Namer);
    return true;
  };
  if (const auto *A = FD->getAttr<TryAcquireCapabilityAttr>())
    return Try(A);
  if (const auto *A = FD->getAttr<ExclusiveTrylockFunctionAttr>())
    return Try(A);
  if (const auto *A = FD->getAttr<SharedTrylockFunctionAttr>())
    return Try(A);
  if (const auto *A = FD->getAttr<ReleaseCapabilityAttr>()) {
    if (Guard && A->args_size() == 0) {
      Op.Kind = OpKind::GuardRelease;
      Op.Guard = Guard;
      return true;
    }
    Op.Kind = OpKind::Release;
    Op.Locks = capabilities(A, FD, Object, Args, Namer);
    return true;
  }
  return false;
}

static bool classifyPthread(const CallExpr *CE, const FunctionDecl *FD,
                            const LockNamer &Namer, LockOperation &Op) {
  if (!FD->getIdentifier() || CE->getNumArgs() < 1)
    return false;
  StringRef Name = FD->getName();
  if (!Name.starts_with("pthread_"))
    return false;
  struct Entry {
    OpKind Kind;
    AcquireMode Mode;
  };
  constexpr Entry NotLock{OpKind::None, AcquireMode::Exclusive};
  Entry E = llvm::StringSwitch<Entry>(Name)
                .Cases("pthread_mutex_lock", "pthread_rwlock_wrlock", "pthread_spin_lock",
                       Entry{OpKind::Acquire, AcquireMode::Exclusive})
                .Case("pthread_rwlock_rdlock", Entry{OpKind::Acquire, AcquireMode::Shared})
                // Timed variants give up, so like try-locks they cannot deadlock.
                .Cases("pthread_mutex_trylock", "pthread_mutex_timedlock",
                       "pthread_mutex_clocklock", "pthread_rwlock_tryrdlock",
                       "pthread_rwlock_trywrlock", "pthread_rwlock_timedrdlock",
                       Entry{OpKind::Acquire, AcquireMode::Try})
                .Cases("pthread_rwlock_timedwrlock", "pthread_rwlock_clockrdlock",
                       "pthread_rwlock_clockwrlock", "pthread_spin_trylock",
                       Entry{OpKind::Acquire, AcquireMode::Try})
                .Cases("pthread_mutex_unlock", "pthread_rwlock_unlock",
                       "pthread_spin_unlock", Entry{OpKind::Release, AcquireMode::Exclusive})
                .Default(NotLock);
  if (E.Kind == OpKind::None)
    return false;
  Op.Kind = E.Kind;
  Op.Mode = E.Mode;
  Op.SuccessIsTruthy = false; // pthread returns 0 on success
  Op.ResultSaysIfTaken = E.Kind == OpKind::Acquire;
  Op.Locks.push_back(Namer.lockOf(CE->getArg(0)));
  return true;
}

static bool classifyStdMutexMethod(const CallExpr *CE, const FunctionDecl *FD,
                                   const LockNamer &Namer, LockOperation &Op) {
  const Expr *Object = callObject(CE);
  if (!Object || !isStdMutex(Object->getType()) || !FD->getIdentifier())
    return false;
  StringRef Name = FD->getName();
  if (Name == "lock" || Name == "lock_shared") {
    Op.Kind = OpKind::Acquire;
    Op.Mode = Name == "lock" ? AcquireMode::Exclusive : AcquireMode::Shared;
  } else if (Name.starts_with("try_lock")) {
    Op.Kind = OpKind::Acquire;
    Op.Mode = AcquireMode::Try;
  } else if (Name == "unlock" || Name == "unlock_shared") {
    Op.Kind = OpKind::Release;
  } else {
    return false;
  }
  Op.Locks.push_back(Namer.lockOf(Object));
  return true;
}

static bool classifyStdGuardMethod(const CallExpr *CE, const FunctionDecl *FD,
                                   LockOperation &Op) {
  const Expr *Object = callObject(CE);
  const VarDecl *Guard = Object ? guardVarOf(Object) : nullptr;
  if (!Guard)
    return false;
  GuardKind K = guardKindOf(Guard->getType());
  if (K != GuardKind::UniqueLock && K != GuardKind::SharedLock)
    return false;
  Op.Guard = Guard;
  Op.Mode = K == GuardKind::SharedLock ? AcquireMode::Shared : AcquireMode::Exclusive;
  if (isa<CXXConversionDecl>(FD)) { // `if (lk)`
    Op.Kind = OpKind::GuardOwns;
    return true;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
      Op.Kind = OpKind::GuardAssign;
      Op.Source = guardVarOf(OC->getArg(1));
      return true;
    }
    return false;
  }
  if (!FD->getIdentifier())
    return false;
  StringRef Name = FD->getName();
  if (Name == "lock") {
    Op.Kind = OpKind::GuardAcquire;
  } else if (Name.starts_with("try_lock")) {
    Op.Kind = OpKind::GuardAcquire;
    Op.Mode = AcquireMode::Try;
  } else if (Name == "unlock") {
    Op.Kind = OpKind::GuardRelease;
  } else if (Name == "release") {
    Op.Kind = OpKind::GuardDisown;
  } else if (Name == "owns_lock") {
    Op.Kind = OpKind::GuardOwns;
  } else {
    return false;
  }
  return true;
}

ConfiguredLockFunction parseConfiguredLockFunction(StringRef Spec) {
  ConfiguredLockFunction F;
  Spec = Spec.trim();
  size_t Open = Spec.find('(');
  F.Name = Spec.substr(0, Open).trim().str();
  if (Open == StringRef::npos || !Spec.ends_with(")"))
    return F;
  StringRef Inside = Spec.slice(Open + 1, Spec.size() - 1).trim();
  StringRef Index = Inside.take_while([](char C) { return isDigit(C); });
  unsigned N = 0;
  if (Index.empty() || Index.getAsInteger(10, N) || N == 0) {
    F.Name.clear(); // rejected by the config reader before it gets here
    return F;
  }
  F.Argument = N - 1;
  StringRef Rest = Inside.drop_front(Index.size()).trim();
  if (Rest.consume_front("->") || Rest.consume_front("."))
    F.Field = Rest.trim().str();
  return F;
}

/// The configured entry that names the function called by CE, if any: the
/// function's qualified or plain name, or for a call through a
/// function-pointer field, `Record::field` (a lock table's `lock` member).
static std::optional<ConfiguredLockFunction>
configuredFor(const CallExpr *CE, const std::vector<std::string> &Specs) {
  if (Specs.empty())
    return std::nullopt;
  std::string Qualified, Plain;
  if (const FunctionDecl *FD = CE->getDirectCallee()) {
    Qualified = FD->getQualifiedNameAsString();
    Plain = FD->getIdentifier() ? FD->getName().str() : "";
  } else if (const auto *ME = dyn_cast<MemberExpr>(CE->getCallee()->IgnoreParenImpCasts())) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return std::nullopt;
    Qualified = Field->getParent()->getQualifiedNameAsString() + "::" + Field->getNameAsString();
  } else {
    return std::nullopt;
  }
  for (const std::string &Spec : Specs) {
    ConfiguredLockFunction F = parseConfiguredLockFunction(Spec);
    if (!F.Name.empty() && (F.Name == Qualified || (!Plain.empty() && F.Name == Plain)))
      return F;
  }
  return std::nullopt;
}

bool isConfiguredLockFunction(const FunctionDecl *FD, const std::vector<std::string> &Specs) {
  if (Specs.empty())
    return false;
  std::string Qualified = FD->getQualifiedNameAsString();
  std::string Plain = FD->getIdentifier() ? FD->getName().str() : "";
  for (const std::string &Spec : Specs) {
    std::string Name = parseConfiguredLockFunction(Spec).Name;
    if (!Name.empty() && (Name == Qualified || (!Plain.empty() && Name == Plain)))
      return true;
  }
  return false;
}

/// `Target->Field` (or `Target.Field`) named like the expression would be.
static LockRef fieldOf(const Expr *Target, const std::string &Field, const LockNamer &Namer) {
  LockRef L;
  QualType T = Target->IgnoreParenImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD)
    return Namer.lockOf(Target);
  L.Kind = LockKind::Member;
  L.Name = recordLockName(RD) + "::" + Field;
  L.Instance = Namer.instanceOf(Target);
  for (const FieldDecl *FD : RD->fields())
    if (FD->getName() == Field) {
      L.Type = FD->getType().getAsString();
      L.Recursive = isRecursiveLockType(FD->getType());
    }
  return L;
}

LockOperation classifyCall(const CallExpr *CE, const LockNamer &Namer,
                           const std::vector<std::string> &ExtraLock,
                           const std::vector<std::string> &ExtraUnlock) {
  LockOperation Op;
  std::optional<ConfiguredLockFunction> Locks = configuredFor(CE, ExtraLock);
  std::optional<ConfiguredLockFunction> Unlocks =
      Locks ? std::nullopt : configuredFor(CE, ExtraUnlock);
  if (const auto &Configured = Locks ? Locks : Unlocks) {
    std::vector<const Expr *> Args = callArgs(CE);
    const Expr *Target = Configured->Argument < Args.size() ? Args[Configured->Argument]
                         : Configured->Argument == 0     ? callObject(CE)
                                                         : nullptr;
    if (Target) {
      Op.Kind = Locks ? OpKind::Acquire : OpKind::Release;
      Op.Locks.push_back(Configured->Field.empty() ? Namer.lockOf(Target)
                                                   : fieldOf(Target, Configured->Field, Namer));
      return Op;
    }
  }
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return Op;
  if (classifyAnnotated(CE, FD, Namer, Op) || classifyPthread(CE, FD, Namer, Op) ||
      classifyStdMutexMethod(CE, FD, Namer, Op) || classifyStdGuardMethod(CE, FD, Op))
    return Op;
  if (FD->isInStdNamespace() && FD->getIdentifier() &&
      (FD->getName() == "lock" || FD->getName() == "try_lock") &&
      !isa<CXXMethodDecl>(FD)) {
    Op.Kind = OpKind::AcquireAll;
    Op.Mode = FD->getName() == "lock" ? AcquireMode::Exclusive : AcquireMode::Try;
    for (const Expr *Arg : callArgs(CE))
      Op.Locks.push_back(Namer.lockOf(Arg));
  }
  return Op;
}

static const Expr *unwrapInit(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = FC->getSubExpr();
      continue;
    }
    if (const auto *EW = dyn_cast<ExprWithCleanups>(E)) {
      E = EW->getSubExpr();
      continue;
    }
    return E;
  }
  return E;
}

static StringRef tagName(const Expr *Arg) {
  const CXXRecordDecl *RD = Arg->getType()->getAsCXXRecordDecl();
  if (RD && RD->isInStdNamespace() && RD->getIdentifier())
    return RD->getName();
  return "";
}

static void classifyConstruction(const CXXConstructExpr *CC, const LockNamer &Namer,
                                 GuardInit &Out);

bool classifyGuardInit(const VarDecl *VD, const LockNamer &Namer, GuardInit &Out) {
  Out.Guard = guardKindOf(VD->getType());
  if (Out.Guard == GuardKind::None || VD->getType()->isReferenceType())
    return false;
  Out.Loc = VD->getLocation();
  Out.Mode = Out.Guard == GuardKind::SharedLock ? AcquireMode::Shared
                                                : AcquireMode::Exclusive;
  const Expr *Init = unwrapInit(VD->getInit());
  if (!Init)
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(Init)) {
    Out.Kind = GuardInit::FromCall;
    Out.Call = CE;
    return true;
  }
  if (const auto *CC = dyn_cast<CXXConstructExpr>(Init))
    classifyConstruction(CC, Namer, Out);
  return true;
}

const CXXConstructExpr *guardConstructionOf(const Expr *E) {
  const auto *CC = dyn_cast_or_null<CXXConstructExpr>(unwrapInit(E));
  if (!CC || guardKindOf(CC->getType()) == GuardKind::None)
    return nullptr;
  // The move of a temporary guard into the returned one (before C++17).
  if (CC->getNumArgs() == 1)
    if (const CXXConstructExpr *Inner = guardConstructionOf(CC->getArg(0)))
      return Inner;
  return CC;
}

bool classifyGuardConstruction(const CXXConstructExpr *CC, const LockNamer &Namer,
                               GuardInit &Out) {
  Out = GuardInit{};
  Out.Guard = guardKindOf(CC->getType());
  if (Out.Guard == GuardKind::None)
    return false;
  Out.Loc = CC->getBeginLoc();
  Out.Mode = Out.Guard == GuardKind::SharedLock ? AcquireMode::Shared
                                                : AcquireMode::Exclusive;
  classifyConstruction(CC, Namer, Out);
  return true;
}

/// What a guard's constructor call does, given Out's guard kind and mode.
static void classifyConstruction(const CXXConstructExpr *CC, const LockNamer &Namer,
                                 GuardInit &Out) {
  if (CC->getNumArgs() == 0)
    return;
  std::vector<const Expr *> Args(CC->arg_begin(), CC->arg_end());
  if (Out.Guard == GuardKind::Annotated) {
    const CXXConstructorDecl *Ctor = CC->getConstructor();
    // The constructor's own annotation names what it takes.
    if (const auto *A = Ctor->getAttr<AcquireCapabilityAttr>()) {
      Out.Kind = GuardInit::Acquires;
      Out.Mode = A->isShared() ? AcquireMode::Shared : AcquireMode::Exclusive;
      for (const Expr *Cap : A->args())
        Out.Locks.push_back(resolveCapability(Cap, nullptr, Args, Namer));
      return;
    }
    if (const auto *A = Ctor->getAttr<TryAcquireCapabilityAttr>()) {
      Out.Kind = GuardInit::Tries;
      for (const Expr *Cap : A->args())
        Out.Locks.push_back(resolveCapability(Cap, nullptr, Args, Namer));
      return;
    }
    if (Args.size() == 1 && guardVarOf(Args[0])) {
      Out.Kind = GuardInit::MovedFrom;
      Out.Source = guardVarOf(Args[0]);
    }
    return;
  }
  if (Args.size() == 1 && guardVarOf(Args[0])) {
    Out.Kind = GuardInit::MovedFrom;
    Out.Source = guardVarOf(Args[0]);
    return;
  }
  Out.Kind = GuardInit::Acquires;
  for (const Expr *Arg : Args) {
    StringRef Tag = tagName(Arg);
    if (Tag == "defer_lock_t")
      Out.Kind = GuardInit::Defers;
    else if (Tag == "try_to_lock_t")
      Out.Kind = GuardInit::Tries;
    else if (Tag == "adopt_lock_t")
      Out.Kind = GuardInit::Adopts;
    else if (Tag == "duration" || Tag == "time_point")
      Out.Kind = GuardInit::Tries; // timed: gives up, cannot deadlock
    else
      Out.Locks.push_back(Namer.lockOf(Arg));
  }
}

LockRef lockInCallerFrame(const LockRef &CalleeLock, const FunctionDecl *Callee,
                          const std::vector<const Expr *> &Args, const Expr *Object,
                          const LockNamer &Namer) {
  if (CalleeLock.Kind == LockKind::Param)
    return CalleeLock.ParamIndex < Args.size() ? Namer.lockOf(Args[CalleeLock.ParamIndex])
                                               : LockRef{};
  LockRef L = CalleeLock;
  if (L.Kind == LockKind::Member) {
    // A method of the project's own lock class locks the object itself:
    // `mu_.Lock()` in Queue takes Queue::mu_, not Mutex's private field
    // (which would make every lock of the program one lock).
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (L.Instance == "this" && Object && MD && isLockClass(MD->getParent())) {
      LockRef Whole = Namer.lockOf(Object);
      if (Whole.Kind != LockKind::Unknown && !Whole.Name.empty())
        return Whole;
    }
    L.Instance = Namer.instanceInCall(L.Instance, Object, Args);
  }
  return L;
}

LockRef lockInCallerFrame(const LockRef &CalleeLock, const CallExpr *CE,
                          const LockNamer &Namer) {
  return lockInCallerFrame(CalleeLock, CE->getDirectCallee(), callArgs(CE), callObject(CE),
                           Namer);
}

} // namespace lockgraph
