//===- graph/LockGraph.cpp ------------------------------------------------===//
#include "graph/LockGraph.h"

#include <algorithm>
#include <iterator>

namespace lockgraph {

LockId LockGraph::addLock(const LockRef &Lock) {
  auto [It, Inserted] = ByName.try_emplace(Lock.Name, Nodes.size());
  if (Inserted) {
    Nodes.push_back({Lock.Name, Lock.Kind, Lock.Type, Lock.Recursive});
    Out.emplace_back();
  }
  return It->second;
}

static uint64_t edgeKey(LockId From, LockId To) {
  return (uint64_t(From) << 32) | To;
}

static int blockingRank(const EdgeWitness &W) {
  return (W.HeldMode != AcquireMode::Shared) +
         (W.AcquiredMode != AcquireMode::Shared);
}

bool betterWitness(const EdgeWitness &A, const EdgeWitness &B) {
  if (blockingRank(A) != blockingRank(B))
    return blockingRank(A) > blockingRank(B);
  return A.Chain.size() + A.Context.size() < B.Chain.size() + B.Context.size();
}

void LockGraph::addEdge(LockId From, LockId To, EdgeWitness Witness,
                        const std::vector<std::string> &Programs) {
  auto [It, Inserted] = EdgeIndex.try_emplace(edgeKey(From, To), Edges.size());
  if (Inserted) {
    Out[From].push_back(Edges.size());
    Edges.push_back({From, To, std::move(Witness), Programs});
    return;
  }
  LockEdge &E = Edges[It->second];
  if (betterWitness(Witness, E.Witness))
    E.Witness = std::move(Witness);
  if (E.Programs.empty() || Programs.empty()) {
    E.Programs.clear();
  } else {
    std::vector<std::string> Union;
    std::set_union(E.Programs.begin(), E.Programs.end(), Programs.begin(), Programs.end(),
                   std::back_inserter(Union));
    E.Programs = std::move(Union);
  }
}

int LockGraph::findLock(const std::string &Name) const {
  auto It = ByName.find(Name);
  return It == ByName.end() ? -1 : int(It->second);
}

int LockGraph::findEdge(LockId From, LockId To) const {
  auto It = EdgeIndex.find(edgeKey(From, To));
  return It == EdgeIndex.end() ? -1 : int(It->second);
}

} // namespace lockgraph
