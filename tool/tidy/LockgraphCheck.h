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

} // namespace lockgraph

#endif
