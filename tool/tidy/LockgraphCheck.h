//===- tidy/LockgraphCheck.h - One lockgraph check inside clang-tidy ------===//
//
// Every lockgraph check reports the findings of one kind from the shared
// per-TU analysis: a warning where the hazard completes and a note per step.
// Only cycles visible within one TU are found here; the standalone
// `lockgraph` tool merges TUs for cross-file cycles.
//
// User docs: docs/checks.md.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_TIDY_LOCKGRAPHCHECK_H
#define LOCKGRAPH_TIDY_LOCKGRAPHCHECK_H

#include "ClangTidyCheck.h"

namespace lockgraph {

class LockgraphCheck : public clang::tidy::ClangTidyCheck {
public:
  LockgraphCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                 llvm::StringRef Kind)
      : ClangTidyCheck(Name, Context), Kind(Kind.str()) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  const std::string Kind; ///< Finding::Check this check reports.
};

/// lockgraph-lock-order-inversion: cycles in the lock graph.
class LockOrderInversionCheck : public LockgraphCheck {
public:
  LockOrderInversionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "lock-order-inversion") {}
};

/// lockgraph-double-lock: a non-recursive lock taken while held.
class DoubleLockCheck : public LockgraphCheck {
public:
  DoubleLockCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "double-lock") {}
};

/// lockgraph-instance-order: two instances of one member lock nested.
class InstanceOrderCheck : public LockgraphCheck {
public:
  InstanceOrderCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "instance-order") {}
};

/// lockgraph-blocking-under-lock: sleep, I/O, join or a second lock's
/// condition wait while a lock is held.
class BlockingUnderLockCheck : public LockgraphCheck {
public:
  BlockingUnderLockCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "blocking-under-lock") {}
};

/// lockgraph-lock-leak: a lock still held on some path at function exit.
class LockLeakCheck : public LockgraphCheck {
public:
  LockLeakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "lock-leak") {}
};

/// lockgraph-unlock-not-held: a release of a lock no path holds.
class UnlockNotHeldCheck : public LockgraphCheck {
public:
  UnlockNotHeldCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "unlock-not-held") {}
};

/// lockgraph-global-lock: a global lock taken by the code of many threads.
class GlobalLockCheck : public LockgraphCheck {
public:
  GlobalLockCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "global-lock") {}
};

/// lockgraph-declared-order: an acquisition against ACQUIRED_BEFORE/AFTER.
class DeclaredOrderCheck : public LockgraphCheck {
public:
  DeclaredOrderCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *C)
      : LockgraphCheck(Name, C, "declared-order") {}
};

} // namespace lockgraph

#endif
