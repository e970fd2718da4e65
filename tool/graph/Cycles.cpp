//===- graph/Cycles.cpp ---------------------------------------------------===//
#include "graph/Cycles.h"

#include <algorithm>
#include <deque>
#include <map>

namespace lockgraph {

std::vector<std::vector<LockId>>
stronglyConnectedComponents(const LockGraph &G) {
  // Iterative Tarjan, so a long chain of locks cannot overflow the stack.
  const unsigned N = G.nodes().size();
  const auto &Out = G.successors();
  constexpr unsigned Unvisited = ~0u;
  std::vector<unsigned> Index(N, Unvisited), Low(N, 0);
  std::vector<bool> OnStack(N, false);
  std::vector<LockId> Stack;
  std::vector<std::vector<LockId>> Components;
  unsigned Next = 0;

  struct Frame {
    LockId Node;
    unsigned NextEdge;
  };
  std::vector<Frame> CallStack;
  for (LockId Root = 0; Root < N; ++Root) {
    if (Index[Root] != Unvisited)
      continue;
    CallStack.push_back({Root, 0});
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!CallStack.empty()) {
      Frame &F = CallStack.back();
      if (F.NextEdge < Out[F.Node].size()) {
        LockId W = G.edges()[Out[F.Node][F.NextEdge++]].To;
        if (Index[W] == Unvisited) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          OnStack[W] = true;
          CallStack.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[F.Node] = std::min(Low[F.Node], Index[W]);
        }
        continue;
      }
      LockId V = F.Node;
      CallStack.pop_back();
      if (!CallStack.empty())
        Low[CallStack.back().Node] = std::min(Low[CallStack.back().Node], Low[V]);
      if (Low[V] != Index[V])
        continue;
      std::vector<LockId> Component;
      LockId W;
      do {
        W = Stack.back();
        Stack.pop_back();
        OnStack[W] = false;
        Component.push_back(W);
      } while (W != V);
      std::sort(Component.begin(), Component.end());
      Components.push_back(std::move(Component));
    }
  }
  return Components;
}

/// Shortest path Start -> Goal using only nodes with InComponent set;
/// returns the edge indices, or empty when there is none.
static std::vector<unsigned> shortestPath(const LockGraph &G, LockId Start,
                                          LockId Goal,
                                          const std::vector<bool> &InComponent) {
  const auto &Out = G.successors();
  std::map<LockId, unsigned> ReachedBy; // node -> edge index used to reach it
  std::deque<LockId> Queue{Start};
  ReachedBy[Start] = ~0u;
  while (!Queue.empty()) {
    LockId V = Queue.front();
    Queue.pop_front();
    if (V == Goal)
      break;
    for (unsigned EI : Out[V]) {
      LockId W = G.edges()[EI].To;
      if (!InComponent[W] || ReachedBy.count(W))
        continue;
      ReachedBy[W] = EI;
      Queue.push_back(W);
    }
  }
  if (!ReachedBy.count(Goal))
    return {};
  std::vector<unsigned> Path;
  for (LockId V = Goal; V != Start; V = G.edges()[ReachedBy[V]].From)
    Path.push_back(ReachedBy[V]);
  std::reverse(Path.begin(), Path.end());
  return Path;
}

static LockCycle rotateToSmallest(const LockGraph &G,
                                  std::vector<unsigned> Edges) {
  auto Smallest = std::min_element(
      Edges.begin(), Edges.end(), [&](unsigned A, unsigned B) {
        return G.edges()[A].From < G.edges()[B].From;
      });
  std::rotate(Edges.begin(), Smallest, Edges.end());
  LockCycle C;
  for (unsigned EI : Edges)
    C.Locks.push_back(G.edges()[EI].From);
  C.Edges = std::move(Edges);
  return C;
}

std::vector<LockCycle> findCycles(const LockGraph &G) {
  std::map<std::vector<LockId>, LockCycle> BySet;
  std::vector<bool> InComponent(G.nodes().size(), false);
  for (const auto &Component : stronglyConnectedComponents(G)) {
    if (Component.size() < 2)
      continue;
    for (LockId V : Component)
      InComponent[V] = true;
    for (LockId U : Component) {
      for (unsigned EI : G.successors()[U]) {
        LockId V = G.edges()[EI].To;
        if (!InComponent[V])
          continue;
        std::vector<unsigned> Edges = shortestPath(G, V, U, InComponent);
        Edges.insert(Edges.begin(), EI);
        LockCycle C = rotateToSmallest(G, std::move(Edges));
        std::vector<LockId> Set = C.Locks;
        std::sort(Set.begin(), Set.end());
        auto It = BySet.find(Set);
        if (It == BySet.end() || C.Locks < It->second.Locks)
          BySet[Set] = std::move(C);
      }
    }
    for (LockId V : Component)
      InComponent[V] = false;
  }
  std::vector<LockCycle> Cycles;
  for (auto &[Set, C] : BySet)
    Cycles.push_back(std::move(C));
  std::stable_sort(Cycles.begin(), Cycles.end(),
                   [](const LockCycle &A, const LockCycle &B) {
                     if (A.Locks.size() != B.Locks.size())
                       return A.Locks.size() < B.Locks.size();
                     return A.Locks < B.Locks;
                   });
  return Cycles;
}

bool cycleCanBlock(const LockGraph &G, const LockCycle &C) {
  // Thread i holds Locks[i] and waits for Locks[i+1], which thread i+1
  // holds. It blocks unless both the request and that hold are shared.
  const unsigned N = C.Edges.size();
  for (unsigned I = 0; I < N; ++I) {
    const EdgeWitness &Wait = G.edges()[C.Edges[I]].Witness;
    const EdgeWitness &Hold = G.edges()[C.Edges[(I + 1) % N]].Witness;
    if (Wait.AcquiredMode == AcquireMode::Shared &&
        Hold.HeldMode == AcquireMode::Shared)
      return false;
  }
  return true;
}

} // namespace lockgraph
