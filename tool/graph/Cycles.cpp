//===- graph/Cycles.cpp ---------------------------------------------------===//
#include "graph/Cycles.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>

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

namespace {
/// Breadth-first search inside one component. Scratch arrays are sized once
/// and reset by a generation stamp, so a search costs only what it visits.
class PathFinder {
public:
  explicit PathFinder(const LockGraph &G)
      : G(G), Stamp(G.nodes().size(), 0), ReachedBy(G.nodes().size(), 0) {}

  /// Edge indices of a shortest path Start -> Goal through nodes with
  /// InComponent set; empty when there is none.
  std::vector<unsigned> shortestPath(LockId Start, LockId Goal,
                                     const std::vector<bool> &InComponent) {
    ++Generation;
    std::deque<LockId> Queue{Start};
    Stamp[Start] = Generation;
    bool Found = Start == Goal;
    while (!Queue.empty() && !Found) {
      LockId V = Queue.front();
      Queue.pop_front();
      for (unsigned EI : G.successors()[V]) {
        LockId W = G.edges()[EI].To;
        if (!InComponent[W] || Stamp[W] == Generation)
          continue;
        Stamp[W] = Generation;
        ReachedBy[W] = EI;
        if (W == Goal) {
          Found = true;
          break;
        }
        Queue.push_back(W);
      }
    }
    if (!Found)
      return {};
    std::vector<unsigned> Path;
    for (LockId V = Goal; V != Start; V = G.edges()[ReachedBy[V]].From)
      Path.push_back(ReachedBy[V]);
    std::reverse(Path.begin(), Path.end());
    return Path;
  }

private:
  const LockGraph &G;
  std::vector<unsigned> Stamp;
  std::vector<unsigned> ReachedBy;
  unsigned Generation = 0;
};
} // namespace

/// Starts the cycle at its lock with the smallest name, so the report does
/// not depend on the order in which files were read.
static LockCycle rotateToSmallest(const LockGraph &G, std::vector<unsigned> Edges) {
  auto Smallest = std::min_element(Edges.begin(), Edges.end(), [&](unsigned A, unsigned B) {
    return G.node(G.edges()[A].From).Name < G.node(G.edges()[B].From).Name;
  });
  std::rotate(Edges.begin(), Smallest, Edges.end());
  LockCycle C;
  for (unsigned EI : Edges)
    C.Locks.push_back(G.edges()[EI].From);
  C.Edges = std::move(Edges);
  return C;
}

/// Lock names of a cycle, in order: the key for sorting cycles.
static std::vector<std::string> names(const LockGraph &G, const LockCycle &C) {
  std::vector<std::string> Out;
  for (LockId L : C.Locks)
    Out.push_back(G.node(L).Name);
  return Out;
}

/// The cycles of G, shortest per lock set, into BySet (keeping a shorter
/// one already there).
static void addCycles(const LockGraph &G, std::map<std::vector<LockId>, LockCycle> &BySet) {
  std::vector<bool> InComponent(G.nodes().size(), false);
  std::vector<bool> Covered(G.edges().size(), false);
  PathFinder Paths(G);
  for (const auto &Component : stronglyConnectedComponents(G)) {
    if (Component.size() < 2)
      continue;
    for (LockId V : Component)
      InComponent[V] = true;
    for (LockId U : Component) {
      for (unsigned EI : G.successors()[U]) {
        LockId V = G.edges()[EI].To;
        // An edge already on a reported cycle is explained; searching from
        // it again would cost a search per edge of a long ring.
        if (!InComponent[V] || Covered[EI])
          continue;
        std::vector<unsigned> Edges = Paths.shortestPath(V, U, InComponent);
        Edges.insert(Edges.begin(), EI);
        for (unsigned CE : Edges)
          Covered[CE] = true;
        LockCycle C = rotateToSmallest(G, std::move(Edges));
        std::vector<LockId> Set = C.Locks;
        std::sort(Set.begin(), Set.end());
        auto It = BySet.find(Set);
        if (It == BySet.end() || C.Locks.size() < It->second.Locks.size())
          BySet[Set] = std::move(C);
      }
    }
    for (LockId V : Component)
      InComponent[V] = false;
  }
}

/// G's edges that program P's code forms (or that any program may form),
/// and, per edge of the result, its index in G.
static LockGraph programGraph(const LockGraph &G, const std::string &P,
                              std::vector<unsigned> &Original) {
  LockGraph Sub;
  for (const LockNode &N : G.nodes())
    Sub.addLock(LockRef{N.Kind, N.Name, "", 0, N.Type, N.Recursive});
  for (unsigned EI = 0; EI < G.edges().size(); ++EI) {
    const LockEdge &E = G.edges()[EI];
    if (E.Programs.empty() || std::binary_search(E.Programs.begin(), E.Programs.end(), P)) {
      Sub.addEdge(E.From, E.To, E.Witness);
      Original.push_back(EI);
    }
  }
  return Sub;
}

std::vector<LockCycle> findCycles(const LockGraph &G) {
  std::map<std::vector<LockId>, LockCycle> BySet;
  std::set<std::string> Programs;
  for (const LockEdge &E : G.edges())
    Programs.insert(E.Programs.begin(), E.Programs.end());
  if (Programs.empty()) {
    addCycles(G, BySet);
  } else {
    // A cycle runs in one process: look in each program's part of the
    // graph. Node ids are G's in each, edge ids are mapped back.
    for (const std::string &P : Programs) {
      std::vector<unsigned> Original;
      LockGraph Sub = programGraph(G, P, Original);
      std::map<std::vector<LockId>, LockCycle> Found;
      addCycles(Sub, Found);
      for (auto &[Set, C] : Found) {
        for (unsigned &EI : C.Edges)
          EI = Original[EI];
        auto It = BySet.find(Set);
        if (It == BySet.end() || C.Locks.size() < It->second.Locks.size())
          BySet[Set] = std::move(C);
      }
    }
  }
  std::vector<LockCycle> Cycles;
  for (auto &[Set, C] : BySet)
    Cycles.push_back(std::move(C));
  std::stable_sort(Cycles.begin(), Cycles.end(),
                   [&](const LockCycle &A, const LockCycle &B) {
                     if (A.Locks.size() != B.Locks.size())
                       return A.Locks.size() < B.Locks.size();
                     return names(G, A) < names(G, B);
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
