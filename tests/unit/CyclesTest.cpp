//===- CyclesTest.cpp - Lock graph and cycle search -----------------------===//
#include "graph/Cycles.h"

#include <gtest/gtest.h>

#include <set>

using namespace lockgraph;

namespace {

LockRef global(const std::string &Name) {
  LockRef L;
  L.Kind = LockKind::Global;
  L.Name = Name;
  return L;
}

EdgeWitness witness(unsigned Line, AcquireMode Held = AcquireMode::Exclusive,
                    AcquireMode Acquired = AcquireMode::Exclusive) {
  EdgeWitness W;
  W.HeldAt = {"f.cpp", Line, 1, "f"};
  W.AcquiredAt = {"f.cpp", Line + 1, 1, "f"};
  W.HeldMode = Held;
  W.AcquiredMode = Acquired;
  return W;
}

/// A graph over locks L0..L(N-1) with the given edges.
LockGraph graph(unsigned N, const std::vector<std::pair<unsigned, unsigned>> &Edges) {
  LockGraph G;
  for (unsigned I = 0; I < N; ++I)
    G.addLock(global("L" + std::to_string(I)));
  unsigned Line = 1;
  for (auto [From, To] : Edges)
    G.addEdge(From, To, witness(Line += 10));
  return G;
}

TEST(LockGraph, NodesAreNamedOnce) {
  LockGraph G;
  EXPECT_EQ(G.addLock(global("a")), 0u);
  EXPECT_EQ(G.addLock(global("b")), 1u);
  EXPECT_EQ(G.addLock(global("a")), 0u);
  EXPECT_EQ(G.nodes().size(), 2u);
}

TEST(LockGraph, KeepsTheWitnessThatCanBlockThenTheShortest) {
  LockGraph G = graph(2, {});
  EdgeWitness Shared = witness(1, AcquireMode::Shared, AcquireMode::Shared);
  G.addEdge(0, 1, Shared);
  EdgeWitness Long = witness(2);
  Long.Chain = {{"g", {"f.cpp", 5, 1, "f"}}, {"h", {"g.cpp", 6, 1, "g"}}};
  G.addEdge(0, 1, Long);
  ASSERT_EQ(G.edges().size(), 1u);
  EXPECT_EQ(G.edges()[0].Witness.Chain.size(), 2u) << "blocking beats shared";
  G.addEdge(0, 1, witness(3));
  EXPECT_TRUE(G.edges()[0].Witness.Chain.empty()) << "shorter chain wins";
  EXPECT_EQ(G.findEdge(0, 1), 0);
  EXPECT_EQ(G.findEdge(1, 0), -1);
}

TEST(Cycles, NoCycleInADag) {
  LockGraph G = graph(4, {{0, 1}, {1, 2}, {0, 2}, {2, 3}});
  EXPECT_TRUE(findCycles(G).empty());
  EXPECT_EQ(stronglyConnectedComponents(G).size(), 4u);
}

TEST(Cycles, AbbaIsOneCycleOfTwo) {
  LockGraph G = graph(2, {{0, 1}, {1, 0}});
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Locks, (std::vector<LockId>{0, 1}));
  ASSERT_EQ(Cycles[0].Edges.size(), 2u);
  EXPECT_EQ(G.edges()[Cycles[0].Edges[0]].From, 0u);
  EXPECT_EQ(G.edges()[Cycles[0].Edges[1]].From, 1u);
}

TEST(Cycles, RingIsOneCycleRotatedToTheSmallestLock) {
  LockGraph G = graph(5, {{3, 4}, {4, 0}, {0, 1}, {1, 2}, {2, 3}});
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Locks, (std::vector<LockId>{0, 1, 2, 3, 4}));
}

TEST(Cycles, ShortestWitnessPerSetOfLocks) {
  // 0 -> 1 -> 2 -> 0 and the chord 0 -> 2: the sets {0,1,2} and {0,2}.
  LockGraph G = graph(3, {{0, 1}, {1, 2}, {2, 0}, {0, 2}});
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 2u);
  EXPECT_EQ(Cycles[0].Locks, (std::vector<LockId>{0, 2})) << "shortest first";
  EXPECT_EQ(Cycles[1].Locks, (std::vector<LockId>{0, 1, 2}));
}

TEST(Cycles, SeparateComponentsGiveSeparateCycles) {
  LockGraph G = graph(5, {{0, 1}, {1, 0}, {2, 3}, {3, 4}, {4, 2}, {1, 2}});
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 2u);
  EXPECT_EQ(Cycles[0].Locks, (std::vector<LockId>{0, 1}));
  EXPECT_EQ(Cycles[1].Locks, (std::vector<LockId>{2, 3, 4}));
}

TEST(Cycles, CompleteGraphStaysPolynomial) {
  // K12 has billions of elementary cycles; the search gives at most one per
  // edge, each a distinct lock set.
  const unsigned N = 12;
  std::vector<std::pair<unsigned, unsigned>> Edges;
  for (unsigned I = 0; I < N; ++I)
    for (unsigned J = 0; J < N; ++J)
      if (I != J)
        Edges.push_back({I, J});
  LockGraph G = graph(N, Edges);
  auto Cycles = findCycles(G);
  EXPECT_LE(Cycles.size(), Edges.size());
  std::set<std::set<LockId>> Sets;
  for (const LockCycle &C : Cycles) {
    EXPECT_EQ(C.Locks.size(), 2u) << "every pair is a 2-cycle, the shortest";
    Sets.insert(std::set<LockId>(C.Locks.begin(), C.Locks.end()));
  }
  EXPECT_EQ(Sets.size(), Cycles.size());
  EXPECT_EQ(Cycles.size(), N * (N - 1) / 2);
}

TEST(Cycles, LongChainDoesNotOverflowTheStack) {
  const unsigned N = 200000;
  std::vector<std::pair<unsigned, unsigned>> Edges;
  for (unsigned I = 0; I + 1 < N; ++I)
    Edges.push_back({I, I + 1});
  Edges.push_back({N - 1, 0});
  LockGraph G = graph(N, Edges);
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_EQ(Cycles[0].Locks.size(), N);
}

TEST(Cycles, SharedOnlyCycleCannotBlock) {
  LockGraph G = graph(2, {});
  G.addEdge(0, 1, witness(1, AcquireMode::Shared, AcquireMode::Shared));
  G.addEdge(1, 0, witness(2, AcquireMode::Shared, AcquireMode::Shared));
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_FALSE(cycleCanBlock(G, Cycles[0]));
}

TEST(Cycles, WriterOnOneSideCanBlock) {
  // Thread 1 holds L0 exclusively and wants L1 shared; thread 2 holds L1
  // exclusively and wants L0 shared: both wait.
  LockGraph G = graph(2, {});
  G.addEdge(0, 1, witness(1, AcquireMode::Exclusive, AcquireMode::Shared));
  G.addEdge(1, 0, witness(2, AcquireMode::Exclusive, AcquireMode::Shared));
  auto Cycles = findCycles(G);
  ASSERT_EQ(Cycles.size(), 1u);
  EXPECT_TRUE(cycleCanBlock(G, Cycles[0]));
}

} // namespace
