//===- extract/LockOperations.h - What a call or declaration does to locks ===//
//
// Recognises every way design.md lists to take or drop a lock:
//   - std::mutex, timed_mutex, recursive_mutex(+timed), shared_mutex,
//     shared_timed_mutex member calls (lock, lock_shared, try_lock*, unlock*);
//   - guards: std::lock_guard, unique_lock, shared_lock, scoped_lock
//     (defer_lock, try_to_lock, adopt_lock, moves, lock()/unlock()/release()),
//     and any class marked scoped_lockable;
//   - std::lock / std::try_lock (all at once: no order among their arguments);
//   - pthread_mutex_*, pthread_rwlock_*, pthread_spin_*;
//   - any function with Clang's thread-safety attributes, in every spelling:
//     acquire_capability / exclusive_lock_function, acquire_shared_capability
//     / shared_lock_function, release_capability / unlock_function,
//     try_acquire_capability / exclusive_trylock_function /
//     shared_trylock_function. A capability named by the attribute is
//     resolved in the caller's terms (a parameter becomes the argument, a
//     member of `this` a member of the called object).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_LOCKOPERATIONS_H
#define LOCKGRAPH_EXTRACT_LOCKOPERATIONS_H

#include "extract/LockNaming.h"

#include "clang/AST/ExprCXX.h"

#include <vector>

namespace lockgraph {

enum class GuardKind {
  None,
  LockGuard,  ///< std::lock_guard
  UniqueLock, ///< std::unique_lock
  SharedLock, ///< std::shared_lock: shared mode
  ScopedLock, ///< std::scoped_lock: all at once
  Annotated,  ///< a class marked scoped_lockable
};

GuardKind guardKindOf(clang::QualType T);

enum class OpKind {
  None,         ///< Not a lock operation: an ordinary call.
  Acquire,      ///< Locks taken one by one, in Mode.
  AcquireAll,   ///< Locks taken in one atomic step (std::lock).
  Release,      ///< Locks dropped.
  GuardAcquire, ///< guard.lock(): take again what the guard manages.
  GuardRelease, ///< guard.unlock(): drop what the guard holds.
  GuardDisown,  ///< guard.release(): keep the lock, stop managing it.
  GuardOwns,    ///< guard.owns_lock() or `if (guard)`: a test.
  GuardAssign,  ///< guard = std::move(other).
};

struct LockOperation {
  OpKind Kind = OpKind::None;
  AcquireMode Mode = AcquireMode::Exclusive;
  std::vector<LockRef> Locks;
  const clang::VarDecl *Guard = nullptr;  ///< For Guard* kinds.
  const clang::VarDecl *Source = nullptr; ///< GuardAssign: moved-from guard.
  /// For try acquisitions: whether the call's value is truthy on success
  /// (std::try_lock, TRY_ACQUIRE(true)) or zero on success (pthread).
  bool SuccessIsTruthy = true;
  /// A blocking acquisition whose value says whether it failed (pthread's
  /// EINVAL, EDEADLK): `if (pthread_mutex_lock(&m) != 0) return;` holds
  /// nothing on its failure branch.
  bool ResultSaysIfTaken = false;
};

/// A `.lockgraph.yaml` LockFunctions / UnlockFunctions entry:
///   `name`            the lock is the first argument (or the object of a
///                     method called without arguments);
///   `name(N)`         the Nth argument, counting from 1;
///   `name(N->field)`  a field of the Nth argument (`MsgLock(1->mut)`);
/// and `name` may be `Record::field` for calls through a function-pointer
/// field of a lock table (`lock_table::lock(2)`).
struct ConfiguredLockFunction {
  std::string Name;  ///< Empty when the entry does not parse.
  unsigned Argument = 0;
  std::string Field;
};
ConfiguredLockFunction parseConfiguredLockFunction(llvm::StringRef Spec);

/// `FD` is named by one of the configured entries `Specs` (by its qualified
/// or plain name), so its body is replaced by the entry, as an annotated
/// function's is by its annotation.
bool isConfiguredLockFunction(const clang::FunctionDecl *FD,
                              const std::vector<std::string> &Specs);

/// `ExtraLock` / `ExtraUnlock`: the configured entries above.
LockOperation classifyCall(const clang::CallExpr *CE, const LockNamer &Namer,
                           const std::vector<std::string> &ExtraLock = {},
                           const std::vector<std::string> &ExtraUnlock = {});

/// How a guard variable starts its life.
struct GuardInit {
  enum How { Acquires, Defers, Tries, Adopts, MovedFrom, FromCall, Empty } Kind = Empty;
  GuardKind Guard = GuardKind::None;
  AcquireMode Mode = AcquireMode::Exclusive;
  std::vector<LockRef> Locks;
  const clang::VarDecl *Source = nullptr;        ///< MovedFrom.
  const clang::CallExpr *Call = nullptr;         ///< FromCall.
  clang::SourceLocation Loc;
};

/// Non-null result only for variables of a guard type.
bool classifyGuardInit(const clang::VarDecl *VD, const LockNamer &Namer,
                       GuardInit &Out);
/// The same for a guard constructed as an expression (a returned
/// temporary); false when `CC` does not build a guard.
bool classifyGuardConstruction(const clang::CXXConstructExpr *CC, const LockNamer &Namer,
                               GuardInit &Out);
/// The construction of a guard that `E` is (through casts, cleanups and
/// the move of a temporary guard), if any.
const clang::CXXConstructExpr *guardConstructionOf(const clang::Expr *E);

/// The guard variable that `E` names, if any (through std::move and casts).
const clang::VarDecl *guardVarOf(const clang::Expr *E);

/// Functions whose bodies are replaced by their lock annotations.
bool hasLockAnnotation(const clang::FunctionDecl *FD);

/// Explicit arguments and the object of a call (null for free functions).
std::vector<const clang::Expr *> callArgs(const clang::CallExpr *CE);
const clang::Expr *callObject(const clang::CallExpr *CE);

/// Resolves a lock of the callee's frame (a returned guard's, a wrapper's)
/// into the caller's terms: a parameter becomes the argument, a member of
/// `this` a member of the called object, and a member of the project's own
/// lock class (isLockClass) the object itself.
LockRef lockInCallerFrame(const LockRef &CalleeLock, const clang::CallExpr *CE,
                          const LockNamer &Namer);
LockRef lockInCallerFrame(const LockRef &CalleeLock, const clang::FunctionDecl *Callee,
                          const std::vector<const clang::Expr *> &Args,
                          const clang::Expr *Object, const LockNamer &Namer);


} // namespace lockgraph

#endif
