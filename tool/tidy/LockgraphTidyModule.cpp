//===- tidy/LockgraphTidyModule.cpp - clang-tidy --load plugin entry ------===//
//
//   clang-tidy-19 --load=build/lib/liblockgraph-tidy.so --checks='-*,lockgraph-*'
//
//===----------------------------------------------------------------------===//
#include "tidy/LockgraphCheck.h"

#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"

namespace lockgraph {

class LockgraphTidyModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<LockOrderInversionCheck>("lockgraph-lock-order-inversion");
    Factories.registerCheck<DoubleLockCheck>("lockgraph-double-lock");
    Factories.registerCheck<InstanceOrderCheck>("lockgraph-instance-order");
    Factories.registerCheck<BlockingUnderLockCheck>("lockgraph-blocking-under-lock");
    Factories.registerCheck<LockLeakCheck>("lockgraph-lock-leak");
    Factories.registerCheck<UnlockNotHeldCheck>("lockgraph-unlock-not-held");
    Factories.registerCheck<GlobalLockCheck>("lockgraph-global-lock");
    Factories.registerCheck<DeclaredOrderCheck>("lockgraph-declared-order");
  }
};

static clang::tidy::ClangTidyModuleRegistry::Add<LockgraphTidyModule>
    Registration("lockgraph-module", "Lock-order and lock-discipline checks.");

} // namespace lockgraph
