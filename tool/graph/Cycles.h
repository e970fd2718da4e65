//===- graph/Cycles.h - Distinct lock-order cycles, shortest witness each -===//
//
// Algorithm:
//   1. Tarjan's strongly connected components; only a component with two or
//      more locks can hold a cycle (the graph has no self-edges).
//   2. For every edge u -> v inside a component that no cycle found so far
//      contains, a breadth-first search from v back to u inside the
//      component gives the shortest cycle through that edge.
//   3. Cycles are keyed by their set of locks; the shortest one per set is
//      kept, rotated to start at the lock with the smallest name.
// Every edge of a component ends up on at least one reported cycle, and
// each search adds a new edge to the covered set, so there are at most as
// many searches (and cycles) as edges: never the exponential number of
// elementary cycles that Johnson's enumeration would list. Cost: O(E * (V +
// E)) within a component in the worst case (a dense component), one search
// for a ring however long.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_GRAPH_CYCLES_H
#define LOCKGRAPH_GRAPH_CYCLES_H

#include "graph/LockGraph.h"

#include <vector>

namespace lockgraph {

struct LockCycle {
  std::vector<LockId> Locks;   ///< L0, L1, ..., Ln-1 (then back to L0);
                               ///< L0 has the smallest name.
  std::vector<unsigned> Edges; ///< Edge i is Locks[i] -> Locks[i+1 mod n].
};

/// Strongly connected components, each a list of lock ids.
std::vector<std::vector<LockId>> stronglyConnectedComponents(const LockGraph &G);

/// One shortest cycle per distinct set of locks, ordered by length, then by
/// lock names. Deterministic for a given graph.
std::vector<LockCycle> findCycles(const LockGraph &G);

/// False when every lock of the cycle is held and requested only in shared
/// mode somewhere along it, so no thread of the cycle can block another.
bool cycleCanBlock(const LockGraph &G, const LockCycle &C);

} // namespace lockgraph

#endif
