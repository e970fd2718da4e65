//===- rt_graph.cpp - lockgraph runtime: the lock-order graph -------------===//
#include "rt_graph.h"

#include "rt_defs.h"

#include <cstring>

namespace lockgraph {
namespace rt {

static size_t RoundUp(size_t N) { return (N + 63) & ~size_t(63); }

bool LockGraph::Init(uint32_t MaxNodes, uint32_t MaxEdges) {
  Destroy();
  if (MaxNodes == 0 || MaxEdges == 0 || MaxNodes >= kNone || MaxEdges >= kNone / 4)
    return false;
  size_t NSlots = 1;
  while (NSlots < size_t(MaxEdges) * 2)
    NSlots <<= 1;
  size_t Bytes = RoundUp(NSlots * 4) + 3 * RoundUp(size_t(MaxEdges) * 4) +
                 4 * RoundUp(size_t(MaxNodes) * 4);
  char *P = static_cast<char *>(MapNoReserve(Bytes));
  if (!P)
    return false;
  Region = P;
  RegionBytes = Bytes;
  Slots = reinterpret_cast<std::atomic<uint32_t> *>(P);
  P += RoundUp(NSlots * 4);
  EFrom = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxEdges) * 4);
  ETo = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxEdges) * 4);
  ENext = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxEdges) * 4);
  OutHead = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxNodes) * 4);
  Mark = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxNodes) * 4);
  Parent = reinterpret_cast<uint32_t *>(P);
  P += RoundUp(size_t(MaxNodes) * 4);
  Queue = reinterpret_cast<uint32_t *>(P);
  NodeCap = MaxNodes;
  EdgeCap = MaxEdges;
  SlotMask = NSlots - 1;
  NEdges.store(0, std::memory_order_relaxed);
  Epoch = 0;
  Dropped = 0;
  return true;
}

void LockGraph::Destroy() {
  Unmap(Region, RegionBytes);
  Region = nullptr;
  RegionBytes = 0;
  Slots = nullptr;
  NodeCap = EdgeCap = 0;
}

size_t LockGraph::SlotOf(uint32_t From, uint32_t To) const {
  return static_cast<size_t>(Mix64((uint64_t(From) << 32) | To)) & SlotMask;
}

uint32_t LockGraph::FindEdge(uint32_t From, uint32_t To) const {
  if (!Slots)
    return kNone;
  for (size_t S = SlotOf(From, To);; S = (S + 1) & SlotMask) {
    uint32_t V = Slots[S].load(std::memory_order_acquire);
    if (V == 0)
      return kNone;
    if (EFrom[V - 1] == From && ETo[V - 1] == To)
      return V - 1;
  }
}

uint32_t LockGraph::AddEdge(uint32_t From, uint32_t To, bool *IsNew) {
  *IsNew = false;
  if (!Slots || From >= NodeCap || To >= NodeCap)
    return kNone;
  size_t S = SlotOf(From, To);
  for (;; S = (S + 1) & SlotMask) {
    uint32_t V = Slots[S].load(std::memory_order_relaxed);
    if (V == 0)
      break;
    if (EFrom[V - 1] == From && ETo[V - 1] == To)
      return V - 1;
  }
  uint32_t E = NEdges.load(std::memory_order_relaxed);
  if (E >= EdgeCap) { // the slot table is twice the edge table: never full first
    ++Dropped;
    return kNone;
  }
  EFrom[E] = From;
  ETo[E] = To;
  ENext[E] = OutHead[From];
  OutHead[From] = E + 1;
  NEdges.store(E + 1, std::memory_order_release);
  Slots[S].store(E + 1, std::memory_order_release);
  *IsNew = true;
  return E;
}

uint32_t LockGraph::ShortestPath(uint32_t From, uint32_t To, uint32_t *Out, uint32_t MaxOut,
                                 uint32_t MaxVisit, bool *Cut) {
  if (!Slots || From == To || From >= NodeCap || To >= NodeCap)
    return 0;
  if (OutHead[From] == 0)
    return 0; // the common case: the new edge's target leads nowhere
  if (++Epoch == 0) { // epoch wrapped: clear the marks once every 2^32 searches
    memset(Mark, 0, size_t(NodeCap) * 4);
    Epoch = 1;
  }
  uint32_t Head = 0, Tail = 0, Visited = 1;
  Mark[From] = Epoch;
  Parent[From] = kNone;
  Queue[Tail++] = From;
  while (Head < Tail) {
    uint32_t N = Queue[Head++];
    for (uint32_t E1 = OutHead[N]; E1; E1 = ENext[E1 - 1]) {
      uint32_t E = E1 - 1;
      uint32_t M = ETo[E];
      if (Mark[M] == Epoch)
        continue;
      Mark[M] = Epoch;
      Parent[M] = E;
      if (M == To) {
        uint32_t Len = 0;
        for (uint32_t X = To; X != From; X = EFrom[Parent[X]])
          ++Len;
        if (Len > MaxOut) {
          if (Cut)
            *Cut = true;
          return 0;
        }
        uint32_t I = Len;
        for (uint32_t X = To; X != From; X = EFrom[Parent[X]])
          Out[--I] = Parent[X];
        return Len;
      }
      if (++Visited > MaxVisit) {
        if (Cut)
          *Cut = true;
        return 0;
      }
      Queue[Tail++] = M;
    }
  }
  return 0;
}

bool LockGraph::CheckInvariants() const {
  uint32_t N = NumEdges();
  for (uint32_t E = 0; E < N; ++E) {
    if (FindEdge(EFrom[E], ETo[E]) != E)
      return false;
    uint32_t Seen = 0;
    for (uint32_t E1 = OutHead[EFrom[E]]; E1; E1 = ENext[E1 - 1])
      Seen += (E1 - 1 == E);
    if (Seen != 1)
      return false;
  }
  uint32_t Used = 0;
  for (size_t S = 0; S <= SlotMask; ++S) {
    uint32_t V = Slots[S].load(std::memory_order_relaxed);
    if (V > N)
      return false;
    Used += V != 0;
  }
  return Used == N;
}

} // namespace rt
} // namespace lockgraph
