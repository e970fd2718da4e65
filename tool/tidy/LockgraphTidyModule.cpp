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
  }
};

static clang::tidy::ClangTidyModuleRegistry::Add<LockgraphTidyModule>
    Registration("lockgraph-module", "Lock-order and lock-discipline checks.");

} // namespace lockgraph
