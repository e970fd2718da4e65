//===- rt_order.h - lockgraph runtime: lock order ------------- -*- C++ -*-===//
//
// The lock-order graph's feed: each acquisition made while holding locks adds
// an edge held -> acquired per held lock, first through the thread's edge cache
// (kEdgeCacheSize entries, keyed by the edge and its context, the set of the
// other held locks), and only a miss takes the slow path (NewEdge: stacks,
// State::Mu, the graph, an incremental cycle check). Also the double-lock
// finding, found on the same path. Capacity: kMaxEdges, kMaxCycles,
// kMaxCycleLen, kMaxSearch, kMaxFindings (rt_runtime.h).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_ORDER_H
#define LOCKGRAPH_RT_ORDER_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

LG_ALWAYS_INLINE uint64_t IdHash(uint32_t Id) { return Mix64(Id + 0x9E3779B97F4A7C15ULL); }

// Slow path: this thread has not formed edge Held[HeldIdx] -> To in this
// context before. Takes State::Mu.
LG_NOINLINE void NewEdge(ThreadState *T, uint32_t HeldIdx, uint32_t To, bool Shared, uintptr_t Pc);
// A non-recursive lock re-locked by its holder: record and print the finding
// before the real call hangs (abort_on_deadlock: write the report, abort), or
// after it returned Err (EDEADLK: an error-checking mutex, an rwlock's writer).
// Detail kRecursiveRead: a read lock that hangs only while a writer is queued.
LG_NOINLINE void ReportDoubleLock(ThreadState *T, uint32_t Id, uintptr_t Pc, int Err = 0,
                                  uint8_t Detail = 0);

LG_ALWAYS_INLINE void AddEdges(ThreadState *T, uint32_t To, bool Shared, uintptr_t Pc) {
  uint32_t N = T->NHeld;
  uint64_t All = 0; // context of an edge: the set of the other held locks
  for (uint32_t I = 0; I < N; ++I)
    All ^= IdHash(HeldAt(T, I).Id);
  for (uint32_t I = 0; I < N; ++I) {
    const HeldLock &H = HeldAt(T, I);
    if (H.Id == To)
      continue;
    uint64_t Ctx = All ^ IdHash(H.Id);
    uint64_t Key =
        Mix64(((uint64_t(H.Id) << 32) | To) ^ Ctx ^ (uint64_t(H.Shared) << 1 | Shared)) | 1;
    uint64_t &C = T->EdgeCache[Key & (kEdgeCacheSize - 1)];
    if (LG_LIKELY(C == Key))
      continue;
    NewEdge(T, I, To, Shared, Pc);
    C = Key;
  }
}

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
