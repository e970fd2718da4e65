//===- extract/LockNaming.h - Name a lock expression the same everywhere --===//
//
// Implements the lock identity rules of design.md for one function body:
// a global by its qualified name, a member by Class::field with the object it
// belongs to as an instance path, a lock received through a parameter as
// that parameter (named by each caller), a local by function::name, and
// anything else by type and site.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_LOCKNAMING_H
#define LOCKGRAPH_EXTRACT_LOCKNAMING_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace lockgraph {

class LockNamer {
public:
  LockNamer(clang::ASTContext &Ctx, const clang::FunctionDecl *Current)
      : Ctx(Ctx), Current(Current) {}

  /// The lock that `E` denotes (the lock object, its address, or a
  /// reference to it).
  LockRef lockOf(const clang::Expr *E) const;
  /// Locks of the TU made recursive at initialisation (RecursiveLocks.h),
  /// by name: lockOf marks them.
  void setRecursiveLocks(const std::set<std::string> *Names) { Recursive = Names; }
  /// Local locks of this function that no other thread can reach
  /// (UnsharedLocks.h): lockOf gives them the instance UnsharedInstance.
  void setUnsharedLocals(const std::set<const clang::VarDecl *> *Locals) { Unshared = Locals; }
  /// The object path of `E`: "this", "param:N:name", "local:name",
  /// "global:name", with ".field" for sub-objects; "" when unknown.
  std::string instanceOf(const clang::Expr *E) const;
  /// A callee's instance path ("this.mu_", "param:1:q", "global:g") in
  /// this function's terms, given the call's object and arguments; "" when
  /// it cannot be named here (a callee local is a new object every call).
  std::string instanceInCall(llvm::StringRef CalleeInstance, const clang::Expr *Object,
                             llvm::ArrayRef<const clang::Expr *> Args) const;
  /// Where `Loc` is, in the file the user wrote (macro uses, not bodies).
  SourceSite site(clang::SourceLocation Loc) const;

  const clang::FunctionDecl *function() const { return Current; }
  std::string functionName() const;

private:
  /// In a constructor, the parameter a pointer or reference field of
  /// `this` was initialised from (`: mu_(mu)`), if any.
  const clang::Expr *constructorInitOf(const clang::FieldDecl *FD,
                                       const clang::MemberExpr *ME) const;
  /// The lock an accessor call returns, if its body is `return <lock>;`.
  std::optional<LockRef> accessedLock(const clang::CallExpr *CE) const;
  LockRef lockOfExpr(const clang::Expr *E) const;
  /// What a pointer local without an initialiser is assigned, when every
  /// assignment in the function names the same lock.
  const clang::Expr *onlyAssignedValue(const clang::VarDecl *VD) const;

  clang::ASTContext &Ctx;
  const clang::FunctionDecl *Current;
  unsigned Depth = 0; ///< Accessors followed to get here.
  const std::set<std::string> *Recursive = nullptr;
  const std::set<const clang::VarDecl *> *Unshared = nullptr;
  mutable std::map<const clang::VarDecl *, const clang::Expr *> AssignedCache;
};

/// Strips parentheses, implicit casts, `&` and `*` around a lock object.
const clang::Expr *stripAddressing(const clang::Expr *E);

/// A class that is a lock: marked `capability`, or named like one (a word
/// of its name is mutex, lock, spinlock, rwlock, mtx, spin, critsec,
/// critical, semaphore, sem, latch or futex: `Mutex`, `SpinLock`,
/// `RWMutex`, `CriticalSection`; not `BlockCache`).
bool isLockClass(const clang::CXXRecordDecl *RD);

/// Whether an object of type `T` is itself a lock: a pthread mutex, rwlock
/// or spinlock, a std:: mutex, or a lock class.
bool isLockObjectType(clang::QualType T);

/// Whether values of `T` (or what `T` points to) are recursive locks.
bool isRecursiveLockType(clang::QualType T);

/// Printable qualified name of a function, "ns::Class::method".
std::string qualifiedFunctionName(const clang::FunctionDecl *FD);

/// The file a name with internal linkage belongs to, as lock names spell
/// it: `queue.c::` (the TU's main file; a `static` in a header is one
/// object per TU that includes it).
std::string fileScope(const clang::ASTContext &Ctx);

/// A function as the owner of the locks declared in it: its qualified
/// name, prefixed by fileScope() when it has internal linkage.
std::string lockOwnerName(const clang::FunctionDecl *FD);

/// The name of a lock that is a variable with static storage: its
/// qualified name (a static local's prefixed by its function), prefixed by
/// fileScope() when it has internal linkage (`static`, an anonymous
/// namespace): two files' `static pthread_mutex_t mu` are two locks.
std::string globalLockName(const clang::VarDecl *VD);

/// A record as the class of its member locks: its qualified name, prefixed
/// by fileScope() when it is the file's own: in an anonymous namespace, or
/// in C, defined in the main file rather than a header (every plugin of a
/// daemon with its own `struct instance_data` has its own lock classes).
std::string recordLockName(const clang::RecordDecl *RD);

/// `Record::field` with recordLockName().
std::string fieldLockName(const clang::FieldDecl *FD);

} // namespace lockgraph

#endif
