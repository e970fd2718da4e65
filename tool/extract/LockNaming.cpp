//===- extract/LockNaming.cpp ---------------------------------------------===//
#include "extract/LockNaming.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace lockgraph {

const Expr *stripAddressing(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref) {
        E = UO->getSubExpr();
        continue;
      }
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      // `*ptr` and `ptr->` through a smart pointer.
      if ((OC->getOperator() == OO_Star || OC->getOperator() == OO_Arrow) &&
          OC->getNumArgs() == 1) {
        E = OC->getArg(0);
        continue;
      }
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    // `(pthread_mutex_t *)arg`: a cleanup handler or callback gets its lock
    // as a `void *`; the lock is still the pointer it was given.
    // Only a cast to a pointer to a lock: `(struct wti *)arg` is not one.
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
        Cast && Cast->getType()->isPointerType() &&
        isLockObjectType(Cast->getType()->getPointeeType()) &&
        Cast->getSubExpr()->getType()->isPointerType()) {
      E = Cast->getSubExpr();
      continue;
    }
    return E;
  }
  return E;
}

std::string qualifiedFunctionName(const FunctionDecl *FD) {
  if (!FD)
    return "";
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda())
      return "lambda in " + qualifiedFunctionName(dyn_cast_or_null<FunctionDecl>(
                                MD->getParent()->getDeclContext()));
  return FD->getQualifiedNameAsString();
}

std::string fileScope(const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  return Main ? llvm::sys::path::filename(Main->getName()).str() + "::" : std::string();
}

std::string lockOwnerName(const FunctionDecl *FD) {
  if (!FD)
    return "";
  std::string Name = qualifiedFunctionName(FD);
  return FD->isExternallyVisible() ? Name : fileScope(FD->getASTContext()) + Name;
}

std::string globalLockName(const VarDecl *VD) {
  if (VD->isStaticLocal())
    if (const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext()))
      return lockOwnerName(Owner) + "::" + VD->getNameAsString();
  std::string Name = VD->getQualifiedNameAsString();
  return VD->isExternallyVisible() ? Name : fileScope(VD->getASTContext()) + Name;
}

std::string recordLockName(const RecordDecl *RD) {
  std::string Name = RD->getQualifiedNameAsString();
  const ASTContext &Ctx = RD->getASTContext();
  const RecordDecl *Def = RD->getDefinition();
  bool FileOwn = !RD->isExternallyVisible() ||
                 (!Ctx.getLangOpts().CPlusPlus && Def &&
                  Ctx.getSourceManager().isInMainFile(
                      Ctx.getSourceManager().getExpansionLoc(Def->getLocation())));
  return FileOwn ? fileScope(Ctx) + Name : Name;
}

std::string fieldLockName(const FieldDecl *FD) {
  return recordLockName(FD->getParent()) + "::" + FD->getNameAsString();
}

/// Splits `SpinLockHolder`, `rw_mutex_t` into lower-case words.
static std::vector<std::string> nameWords(StringRef Name) {
  std::vector<std::string> Words;
  std::string Cur;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = !isAlphanumeric(C) ||
                    (isUppercase(C) && I > 0 &&
                     (isLowercase(Name[I - 1]) ||
                      (I + 1 < Name.size() && isLowercase(Name[I + 1]))));
    if (Boundary && !Cur.empty()) {
      Words.push_back(Cur);
      Cur.clear();
    }
    if (isAlphanumeric(C))
      Cur += toLowercase(C);
  }
  if (!Cur.empty())
    Words.push_back(Cur);
  return Words;
}

bool isLockClass(const CXXRecordDecl *RD) {
  if (!RD || !RD->getIdentifier())
    return false;
  if (RD->hasAttr<CapabilityAttr>())
    return true;
  for (const std::string &W : nameWords(RD->getName()))
    if (llvm::is_contained({"mutex", "lock", "spinlock", "rwlock", "mtx", "spin", "critsec",
                            "critical", "semaphore", "sem", "latch", "futex"},
                           W))
      return true;
  return false;
}

bool isLockObjectType(QualType T) {
  T = T.getUnqualifiedType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return isLockClass(RD) || (RD->isInStdNamespace() && RD->getName().contains("mutex"));
  std::string Name = T.getAsString();
  return Name == "pthread_mutex_t" || Name == "pthread_rwlock_t" || Name == "pthread_spinlock_t";
}

bool isRecursiveLockType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  return StringRef(RD->getName()).contains_insensitive("recursive");
}

static std::string typeName(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  T = T.getUnqualifiedType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD->getQualifiedNameAsString();
  return T.getAsString();
}

std::string LockNamer::functionName() const { return qualifiedFunctionName(Current); }

/// A file as findings name it: absolute, without `.` and `..`. A compile
/// command's file and include paths may be relative to its directory
/// (autotools, compile databases recorded from a build), and the report is
/// read from elsewhere: NOLINT lookup, SARIF, an editor, another TU's
/// findings about the same header. Clang's own names (`<built-in>`) stay.
static std::string absoluteFile(const SourceManager &SM, StringRef Name) {
  if (Name.empty() || Name.starts_with("<"))
    return Name.str();
  llvm::SmallString<256> Path(Name);
  SM.getFileManager().makeAbsolutePath(Path); // against the compile directory
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

SourceSite LockNamer::site(SourceLocation Loc) const {
  SourceSite S;
  const SourceManager &SM = Ctx.getSourceManager();
  if (Loc.isInvalid())
    return S;
  PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Loc));
  if (P.isInvalid())
    return S;
  S.File = absoluteFile(SM, P.getFilename());
  S.Line = P.getLine();
  S.Column = P.getColumn();
  S.Function = functionName();
  return S;
}

static int paramIndex(const FunctionDecl *FD, const ParmVarDecl *P) {
  if (!FD)
    return -1;
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    if (FD->getParamDecl(I) == P)
      return I;
  return -1;
}

std::string LockNamer::instanceInCall(StringRef CalleeInstance, const Expr *Object,
                                      llvm::ArrayRef<const Expr *> Args) const {
  // Substitute the root of the path (".field" parts name a sub-object of
  // whatever the root becomes).
  auto [Root, Rest] = CalleeInstance.split('.');
  std::string Mapped;
  unsigned N = 0;
  if (Root == "this")
    Mapped = Object ? instanceOf(Object) : "";
  else if (Root.consume_front("param:") && !Root.consumeInteger(10, N) && N < Args.size())
    Mapped = instanceOf(Args[N]);
  else if (Root.starts_with("global:"))
    Mapped = Root.str();
  return Mapped.empty() || Rest.empty() ? Mapped : Mapped + "." + Rest.str();
}

std::string LockNamer::instanceOf(const Expr *E) const {
  E = stripAddressing(E);
  if (!E)
    return "";
  if (isa<CXXThisExpr>(E))
    return "this";
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    std::string Base = instanceOf(ME->getBase());
    if (Base.empty())
      return "";
    return Base + "." + ME->getMemberDecl()->getNameAsString();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  if (!DRE)
    return "";
  const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
  if (!VD)
    return "";
  if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
    int I = paramIndex(Current, P);
    return I < 0 ? "" : "param:" + std::to_string(I) + ":" + P->getNameAsString();
  }
  if (VD->hasGlobalStorage())
    return "global:" + globalLockName(VD);
  // A local reference or pointer is the object it was bound to.
  if ((VD->getType()->isReferenceType() || VD->getType()->isPointerType()) &&
      VD->getInit())
    return instanceOf(VD->getInit());
  return "local:" + VD->getNameAsString();
}

const Expr *LockNamer::constructorInitOf(const FieldDecl *FD, const MemberExpr *ME) const {
  const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(Current);
  if (!Ctor || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ||
      !(FD->getType()->isPointerType() || FD->getType()->isReferenceType()))
    return nullptr;
  for (const CXXCtorInitializer *I : Ctor->inits()) {
    if (I->getMember() != FD || !I->getInit())
      continue;
    const Expr *Init = I->getInit()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(Init);
    return DRE && isa<ParmVarDecl>(DRE->getDecl()) ? Init : nullptr;
  }
  return nullptr;
}

/// `static SpinLock *pageheap_lock() { return &lock_; }`, `Mutex &mu() {
/// return mu_; }`: an accessor whose whole body returns a lock is that lock
/// at every call site (a global as it is, a member of the called object, a
/// parameter as the argument). Accessors of accessors are followed a few
/// levels deep.
std::optional<LockRef> LockNamer::accessedLock(const CallExpr *CE) const {
  const FunctionDecl *FD = CE->getDirectCallee();
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || Depth > 3)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *RS = dyn_cast<ReturnStmt>(Body->body_front());
  if (!RS || !RS->getRetValue())
    return std::nullopt;
  LockNamer Inner(Ctx, Def);
  Inner.Depth = Depth + 1;
  Inner.Recursive = Recursive;
  LockRef L = Inner.lockOf(RS->getRetValue());
  switch (L.Kind) {
  case LockKind::Global:
    return L;
  case LockKind::Param: {
    unsigned First = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Def) ? 1 : 0;
    if (L.ParamIndex + First >= CE->getNumArgs())
      return std::nullopt;
    return lockOf(CE->getArg(L.ParamIndex + First));
  }
  case LockKind::Member: {
    if (StringRef(L.Instance).split('.').first != "this")
      return std::nullopt;
    const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
    L.Instance = instanceInCall(L.Instance, MC ? MC->getImplicitObjectArgument() : nullptr, {});
    return L;
  }
  case LockKind::Local:
  case LockKind::Unknown:
    return std::nullopt;
  }
  return std::nullopt;
}

namespace {
/// The right-hand sides of every `VD = ...` in a body.
class Assignments : public RecursiveASTVisitor<Assignments> {
public:
  explicit Assignments(const VarDecl *VD) : VD(VD) {}
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
          DRE && DRE->getDecl() == VD)
        Values.push_back(BO->getRHS());
    return true;
  }
  const VarDecl *VD;
  std::vector<const Expr *> Values;
};
} // namespace

const Expr *LockNamer::onlyAssignedValue(const VarDecl *VD) const {
  // Only a pointer to a lock object itself (not to a struct holding one).
  if (!Current || !Current->getBody() || Depth > 3 ||
      !isLockObjectType(VD->getType()->getPointeeType()))
    return nullptr;
  // Asked at every use of the pointer: one walk of the body per pointer.
  if (auto It = AssignedCache.find(VD); It != AssignedCache.end())
    return It->second;
  const Expr *&Cached = AssignedCache[VD];
  Assignments A(VD);
  A.TraverseStmt(Current->getBody());
  if (A.Values.empty())
    return nullptr;
  LockNamer Inner = *this;
  Inner.Depth = Depth + 1; // `p = q; q = p;` ends here
  std::string First = Inner.lockOf(A.Values.front()).key();
  for (const Expr *V : A.Values)
    if (Inner.lockOf(V).key() != First)
      return nullptr;
  return Cached = A.Values.front();
}

/// For the implicit `__begin` variable of a range-for, the range it walks.
static const Expr *rangeOfForIterator(const VarDecl *VD) {
  if (!VD->isImplicit() || !VD->getName().starts_with("__begin") || !VD->getInit())
    return nullptr;
  // __begin1 = __range1 (an array) or __range1.begin() / begin(__range1).
  const Stmt *S = VD->getInit();
  while (S && !isa<DeclRefExpr>(S)) {
    auto Children = S->children();
    S = Children.empty() ? nullptr : *Children.begin();
    if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(S))
      S = MC->getImplicitObjectArgument();
  }
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S);
  const auto *Range = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return Range && Range->isImplicit() ? Range->getInit() : nullptr;
}

LockRef LockNamer::lockOf(const Expr *E) const {
  LockRef L = lockOfExpr(E);
  if (Recursive && !L.Recursive && Recursive->count(L.Name))
    L.Recursive = true;
  return L;
}

LockRef LockNamer::lockOfExpr(const Expr *E) const {
  LockRef L;
  const Expr *Orig = E;
  E = stripAddressing(E);
  if (!E)
    return L;
  L.Type = typeName(E->getType());
  L.Recursive = isRecursiveLockType(E->getType());

  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *D = ME->getMemberDecl();
    if (const auto *FD = dyn_cast<FieldDecl>(D)) {
      // In a holder's constructor, `mu_->Lock()` after `: mu_(mu)` locks
      // the parameter: the caller names it (`MutexLock l(&queue_mu_)`).
      if (const Expr *Init = constructorInitOf(FD, ME))
        return lockOf(Init);
      L.Kind = LockKind::Member;
      L.Name = fieldLockName(FD);
      L.Instance = instanceOf(ME->getBase());
      return L;
    }
    if (const auto *VD = dyn_cast<VarDecl>(D)) { // static data member
      L.Kind = LockKind::Global;
      L.Name = globalLockName(VD);
      return L;
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
        int I = paramIndex(Current, P);
        if (I >= 0) {
          L.Kind = LockKind::Param;
          L.ParamIndex = I;
          L.Name = functionName() + "(" + P->getNameAsString() + ")";
          return L;
        }
      }
      if (VD->hasGlobalStorage()) {
        L.Kind = LockKind::Global;
        L.Name = globalLockName(VD);
        return L;
      }
      if ((VD->getType()->isReferenceType() || VD->getType()->isPointerType()) &&
          VD->getInit())
        return lockOf(VD->getInit());
      // `pthread_mutex_t *m; ... m = &q->mu;`: a pointer set once (or
      // always to the same lock) is that lock.
      if (VD->getType()->isPointerType())
        if (const Expr *Source = onlyAssignedValue(VD)) {
          LockRef Assigned = lockOf(Source);
          if (Assigned.Kind != LockKind::Unknown)
            return Assigned;
        }
      // `for (std::mutex &m : locks) m.lock();`: the range-for's hidden
      // iterator stands for every element of the range, one ordered set.
      if (const Expr *Range = rangeOfForIterator(VD)) {
        L.Kind = LockKind::Unknown;
        L.Name = lockOf(Range).Name + "[]";
        return L;
      }
      // Named by the function that declares it, also where a lambda uses
      // it through a capture.
      const auto *Owner = dyn_cast<FunctionDecl>(VD->getDeclContext());
      std::string Local = lockOwnerName(Owner ? Owner : Current) + "::" + VD->getNameAsString();
      // A pointer set to different locks (`hold_lock = item_trylock(hv)`)
      // is not a lock of its own: which one it points to is unknown, named
      // by the pointer so that its lock and unlock still pair up.
      if (VD->getType()->isPointerType()) {
        L.Kind = LockKind::Unknown;
        L.Name = L.Type + "@" + Local;
        return L;
      }
      L.Kind = LockKind::Local;
      L.Name = Local;
      if (Unshared && Unshared->count(VD))
        L.Instance = UnsharedInstance;
      return L;
    }
  }
  // An element of an array of locks: one name for the whole array, so an
  // unlock on another line matches the lock (which element is unknown, so
  // no double lock is ever claimed between two of them).
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    LockRef Base = lockOf(AS->getBase());
    L.Kind = LockKind::Unknown;
    L.Name = Base.Name + "[]";
    // Which element, as written: two different index expressions nested
    // (`forks[i]` then `forks[(i + 1) % N]`) are an instance-order hazard.
    std::string Index;
    llvm::raw_string_ostream OS(Index);
    AS->getIdx()->printPretty(OS, nullptr, Ctx.getPrintingPolicy());
    L.Instance = "[" + OS.str() + "]";
    return L;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (std::optional<LockRef> Accessed = accessedLock(CE))
      return *Accessed;
  SourceSite S = site(Orig->getBeginLoc());
  L.Kind = LockKind::Unknown;
  L.Name = L.Type + "@" + llvm::sys::path::filename(S.File).str() + ":" +
           std::to_string(S.Line);
  return L;
}

} // namespace lockgraph
