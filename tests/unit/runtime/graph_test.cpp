// Units for rt::LockGraph: edge deduplication, shortest-path cycle closing,
// capacity behaviour and the invariants checker.
#include "rt_graph.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <vector>

using lockgraph::rt::LockGraph;

namespace {

uint32_t Add(LockGraph &G, uint32_t A, uint32_t B, bool *IsNew = nullptr) {
  bool N = false;
  uint32_t E = G.AddEdge(A, B, &N);
  if (IsNew)
    *IsNew = N;
  return E;
}

// The cycle a new edge A->B closes: B ~> A plus the edge.
std::vector<uint32_t> Close(LockGraph &G, uint32_t E) {
  uint32_t Buf[1024];
  uint32_t N = G.ShortestPath(G.To(E), G.From(E), Buf, 1024, 1u << 20);
  if (!N)
    return {};
  std::vector<uint32_t> Nodes{G.From(E)};
  for (uint32_t I = 0; I < N; ++I)
    Nodes.push_back(G.From(Buf[I]));
  return Nodes;
}

TEST(LockGraph, DeduplicatesEdges) {
  LockGraph G;
  ASSERT_TRUE(G.Init(16, 64));
  bool New = false;
  uint32_t E1 = Add(G, 1, 2, &New);
  EXPECT_TRUE(New);
  uint32_t E2 = Add(G, 1, 2, &New);
  EXPECT_FALSE(New);
  EXPECT_EQ(E1, E2);
  EXPECT_EQ(G.FindEdge(1, 2), E1);
  EXPECT_EQ(G.FindEdge(2, 1), LockGraph::kNone);
  EXPECT_EQ(G.NumEdges(), 1u);
  EXPECT_TRUE(G.CheckInvariants());
}

TEST(LockGraph, NoCycleInADag) {
  LockGraph G;
  ASSERT_TRUE(G.Init(16, 64));
  Add(G, 0, 1);
  Add(G, 1, 2);
  uint32_t E = Add(G, 0, 2);
  EXPECT_TRUE(Close(G, E).empty());
}

TEST(LockGraph, TwoCycle) {
  LockGraph G;
  ASSERT_TRUE(G.Init(16, 64));
  Add(G, 0, 1);
  uint32_t E = Add(G, 1, 0);
  EXPECT_EQ(Close(G, E), (std::vector<uint32_t>{1, 0}));
}

TEST(LockGraph, ShortestCycleIsChosen) {
  LockGraph G;
  ASSERT_TRUE(G.Init(16, 64));
  // 1 -> 2 -> 3 -> 4 -> 0 and a shortcut 1 -> 4; closing edge 0 -> 1.
  Add(G, 1, 2);
  Add(G, 2, 3);
  Add(G, 3, 4);
  Add(G, 4, 0);
  Add(G, 1, 4);
  uint32_t E = Add(G, 0, 1);
  EXPECT_EQ(Close(G, E), (std::vector<uint32_t>{0, 1, 4}));
}

TEST(LockGraph, HundredRing) {
  LockGraph G;
  ASSERT_TRUE(G.Init(128, 256));
  for (uint32_t I = 0; I + 1 < 100; ++I) {
    uint32_t E = Add(G, I, I + 1);
    EXPECT_TRUE(Close(G, E).empty());
  }
  uint32_t E = Add(G, 99, 0);
  std::vector<uint32_t> C = Close(G, E);
  ASSERT_EQ(C.size(), 100u);
  EXPECT_EQ(C.front(), 99u);
  for (uint32_t I = 1; I < 100; ++I)
    EXPECT_EQ(C[I], I - 1);
}

TEST(LockGraph, PathLongerThanBufferIsNotReported) {
  LockGraph G;
  ASSERT_TRUE(G.Init(64, 128));
  for (uint32_t I = 0; I + 1 < 10; ++I)
    Add(G, I, I + 1);
  uint32_t E = Add(G, 9, 0);
  uint32_t Buf[4];
  EXPECT_EQ(G.ShortestPath(G.To(E), G.From(E), Buf, 4, 1000), 0u);
  uint32_t Big[16];
  EXPECT_EQ(G.ShortestPath(G.To(E), G.From(E), Big, 16, 1000), 9u);
}

TEST(LockGraph, SearchBudgetIsHonoured) {
  LockGraph G;
  ASSERT_TRUE(G.Init(2048, 4096));
  // 0 fans out to 1000 nodes, one of which leads back to 0.
  for (uint32_t I = 1; I <= 1000; ++I)
    Add(G, 0, I);
  Add(G, 1000, 2000);
  uint32_t E = Add(G, 2000, 0);
  uint32_t Buf[16];
  EXPECT_EQ(G.ShortestPath(G.To(E), G.From(E), Buf, 16, 10), 0u);
  EXPECT_EQ(G.ShortestPath(G.To(E), G.From(E), Buf, 16, 1u << 20), 2u);
}

TEST(LockGraph, FullTableDropsEdges) {
  LockGraph G;
  ASSERT_TRUE(G.Init(8, 4));
  for (uint32_t I = 0; I < 4; ++I)
    EXPECT_NE(Add(G, I, I + 1), LockGraph::kNone);
  EXPECT_EQ(Add(G, 6, 7), LockGraph::kNone);
  EXPECT_EQ(G.DroppedEdges(), 1u);
  // Known edges are still found when full.
  EXPECT_EQ(Add(G, 0, 1), 0u);
  EXPECT_EQ(Add(G, 100, 1), LockGraph::kNone); // out-of-range node
  EXPECT_TRUE(G.CheckInvariants());
}

// Against a brute-force reachability oracle on random graphs: a path is
// found exactly when one exists, and it is a real path of minimal length.
TEST(LockGraph, RandomGraphsMatchOracle) {
  std::mt19937 Rng(42);
  for (int Round = 0; Round < 50; ++Round) {
    const uint32_t N = 30;
    LockGraph G;
    ASSERT_TRUE(G.Init(N, 1024));
    std::vector<std::set<uint32_t>> Adj(N);
    for (int K = 0; K < 60; ++K) {
      uint32_t A = Rng() % N, B = Rng() % N;
      if (A == B)
        continue;
      Add(G, A, B);
      Adj[A].insert(B);
    }
    ASSERT_TRUE(G.CheckInvariants());
    for (uint32_t S = 0; S < N; ++S) {
      // BFS oracle distances from S.
      std::vector<int> Dist(N, -1);
      std::vector<uint32_t> Q{S};
      Dist[S] = 0;
      for (size_t H = 0; H < Q.size(); ++H)
        for (uint32_t M : Adj[Q[H]])
          if (Dist[M] < 0) {
            Dist[M] = Dist[Q[H]] + 1;
            Q.push_back(M);
          }
      for (uint32_t T = 0; T < N; ++T) {
        if (T == S)
          continue;
        uint32_t Buf[64];
        uint32_t Len = G.ShortestPath(S, T, Buf, 64, 1u << 20);
        ASSERT_EQ(static_cast<int>(Len), Dist[T] < 0 ? 0 : Dist[T]);
        uint32_t At = S;
        for (uint32_t I = 0; I < Len; ++I) {
          ASSERT_EQ(G.From(Buf[I]), At);
          At = G.To(Buf[I]);
        }
        if (Len)
          ASSERT_EQ(At, T);
      }
    }
  }
}

} // namespace
