//===- rt_graph.h - lockgraph runtime: the lock-order graph -----*- C++ -*-===//
//
// A directed graph over dense node ids (lock instances) with deduplicated
// edges, and a breadth-first shortest-path search used to close cycles
// incrementally: when a new edge u->v is inserted, the shortest path v ~> u
// (if any) plus u->v is the shortest cycle the new edge closes. Only new edges
// are searched, so the total cost is proportional to the number of distinct
// edges times the part of the graph reachable from them; known edges cost one
// hash probe.
//
// Why not a dynamic topological order (Pearce-Kelly, as in abseil's
// graphcycles)? Such an order must reject the edge that closes a cycle, but a
// lock-order graph has to keep it: later cycles through that edge are real
// findings too. The search below keeps every edge and instead bounds its own
// work (MaxVisit nodes per search).
//
// Locking: no internal locking. AddEdge and ShortestPath need external
// serialization (the runtime's graph lock). FindEdge may run concurrently with
// one writer: slots are published with release stores after the edge's
// endpoints are written, so a reader sees either nothing or a complete edge.
//
// Capacity: MaxNodes node ids and MaxEdges edges, fixed at Init, reserved with
// mmap (NORESERVE: untouched pages cost nothing). When the edge table is full
// AddEdge returns kNone; the caller counts the dropped edge and carries on.
// A search that visits more than MaxVisit nodes gives up (reports no path).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_GRAPH_H
#define LOCKGRAPH_RT_GRAPH_H

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace lockgraph {
namespace rt {

class LockGraph {
public:
  static constexpr uint32_t kNone = ~0u;

  LockGraph() = default;
  ~LockGraph() { Destroy(); }
  LockGraph(const LockGraph &) = delete;
  LockGraph &operator=(const LockGraph &) = delete;

  // Reserves the tables. False if the address space could not be reserved.
  bool Init(uint32_t MaxNodes, uint32_t MaxEdges);
  void Destroy();

  // Thread-safe against one concurrent writer. kNone if the edge is unknown.
  uint32_t FindEdge(uint32_t From, uint32_t To) const;

  // Needs serialization. Returns the edge id (new or existing) and sets
  // *IsNew; kNone when an endpoint is out of range or the table is full.
  uint32_t AddEdge(uint32_t From, uint32_t To, bool *IsNew);

  // Needs serialization. Writes the edges of a shortest path From ~> To into
  // Out (at most MaxOut), in order, and returns its length; 0 if there is no
  // path, the path is longer than MaxOut, or more than MaxVisit nodes were
  // visited. From == To gives 0.
  // *Cut (if given) is set when MaxOut or MaxVisit stopped the search.
  uint32_t ShortestPath(uint32_t From, uint32_t To, uint32_t *Out, uint32_t MaxOut,
                        uint32_t MaxVisit, bool *Cut = nullptr);

  uint32_t From(uint32_t Edge) const { return EFrom[Edge]; }
  uint32_t To(uint32_t Edge) const { return ETo[Edge]; }
  uint32_t NumEdges() const { return NEdges.load(std::memory_order_acquire); }
  uint32_t MaxNodes() const { return NodeCap; }
  uint32_t MaxEdges() const { return EdgeCap; }
  uint32_t DroppedEdges() const { return Dropped; }

  // Tests only (linear in the graph): every edge is findable, on its source's
  // out-list exactly once, and the hash holds no dangling slot.
  bool CheckInvariants() const;

private:
  size_t SlotOf(uint32_t From, uint32_t To) const;

  uint32_t NodeCap = 0, EdgeCap = 0;
  size_t SlotMask = 0;
  std::atomic<uint32_t> *Slots = nullptr; // edge id + 1, 0 = empty
  uint32_t *EFrom = nullptr, *ETo = nullptr, *ENext = nullptr; // ENext: edge id + 1
  uint32_t *OutHead = nullptr;                                 // edge id + 1
  uint32_t *Mark = nullptr, *Parent = nullptr, *Queue = nullptr;
  uint32_t Epoch = 0;
  std::atomic<uint32_t> NEdges{0};
  uint32_t Dropped = 0;
  void *Region = nullptr;
  size_t RegionBytes = 0;
};

} // namespace rt
} // namespace lockgraph

#endif
