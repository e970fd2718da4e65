//===- analysis/NonBlocking.cpp -------------------------------------------===//
#include "analysis/NonBlocking.h"

#include "llvm/ADT/StringRef.h"

namespace lockgraph {

bool NonBlockingDescriptors::isShared(const std::string &Descriptor) {
  llvm::StringRef D = Descriptor;
  return D.starts_with("field:") || D.starts_with("global:");
}

NonBlockingDescriptors::NonBlockingDescriptors(
    const std::vector<const FunctionFacts *> &Functions, const CalleeOf &Callee,
    const CallsOf &Calls) {
  bool Any = false;
  for (const FunctionFacts *F : Functions)
    for (const std::string &D : F->NonBlockingDescriptors) {
      InFrame[F].insert(D);
      if (isShared(D))
        Shared.insert(D);
      Any = true;
    }
  if (!Any)
    return; // the common case: nothing to follow
  for (unsigned Pass = 0; Pass < 64; ++Pass) {
    bool Changed = false;
    auto Add = [&](const FunctionFacts *F, const std::string &D) {
      if (D.empty() || !InFrame[F].insert(D).second)
        return;
      Changed = true;
      if (isShared(D))
        Shared.insert(D);
    };
    for (const FunctionFacts *F : Functions) {
      for (const auto &[To, From] : F->DescriptorCopies)
        if (isNonBlocking(*F, From))
          Add(F, To);
      for (const CallFact &C : Calls(F)) {
        const FunctionFacts *G = Callee(C);
        auto It = G ? InFrame.find(G) : InFrame.end();
        if (It == InFrame.end())
          continue;
        for (const std::string &D : std::set<std::string>(It->second)) {
          if (llvm::StringRef(D).starts_with("param:")) {
            unsigned N = std::stoul(D.substr(6));
            if (N < C.Args.size())
              Add(F, C.Args[N].Descriptor);
          }
        }
      }
    }
    if (!Changed)
      break;
  }
}

bool NonBlockingDescriptors::isNonBlocking(const FunctionFacts &F,
                                           const std::string &Descriptor) const {
  if (Descriptor.empty())
    return false;
  if (isShared(Descriptor))
    return Shared.count(Descriptor) > 0;
  auto It = InFrame.find(&F);
  return It != InFrame.end() && It->second.count(Descriptor) > 0;
}

} // namespace lockgraph
