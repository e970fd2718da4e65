//===- rt_locktable.h - lockgraph runtime: the lock table ----- -*- C++ -*-===//
//
// Lock identity: the table from lock address to lock instance. An instance is
// its address plus a generation: init, destroy (and free, see rt_free.h)
// retire the live instance, and the next use of the address creates a new one,
// so a reused address never inherits the old lock's edges. A retire bumps
// g_retire_epoch, which empties every thread's lookup cache (rt_thread.h).
// Lookups are lock-free (open addressing, slots never removed); creation and
// retirement take State::Mu. Capacity: kMaxLocks, kLockSlots (rt_runtime.h).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_LOCKTABLE_H
#define LOCKGRAPH_RT_LOCKTABLE_H

#include "rt_runtime.h"

#include <atomic>
#include <pthread.h>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// Bumped when a lock is retired: the thread lookup caches are valid for one
// epoch. Read on every fast-path acquisition.
extern std::atomic<uint32_t> g_retire_epoch;

LG_ALWAYS_INLINE uint32_t SlotIndex(uintptr_t Addr) {
  return static_cast<uint32_t>((Addr * 0x9E3779B97F4A7C15ULL) >> (64 - 22));
}

inline uint8_t MutexType(pthread_mutex_t *M) {
  switch (M->__data.__kind & 3) {
  case PTHREAD_MUTEX_RECURSIVE_NP:
    return kTypeRecursive;
  case PTHREAD_MUTEX_ERRORCHECK_NP:
    return kTypeErrorCheck;
  default:
    return kTypeMutex;
  }
}

// The instance at Addr, created if there is none (or another thread's, if it
// was first). Symbolizes Pc (the class key) outside Mu, then takes Mu.
// kNoLock when the table is full.
LG_NOINLINE uint32_t CreateLock(uintptr_t Addr, uint8_t Type, uintptr_t Pc);

template <class TypeF>
LG_ALWAYS_INLINE uint32_t LookupLock(const void *P, TypeF GetType, uintptr_t Pc) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  LockSlot *Slots = g_state->Slots;
  for (uint32_t I = SlotIndex(Addr);; I = (I + 1) & (kLockSlots - 1)) {
    uintptr_t A = Slots[I].Addr.load(std::memory_order_acquire);
    if (LG_LIKELY(A == Addr)) {
      uint32_t Id = Slots[I].Id.load(std::memory_order_acquire);
      if (LG_LIKELY(Id != kNoLock))
        return Id;
      break;
    }
    if (A == 0)
      break;
  }
  return CreateLock(Addr, GetType(), Pc);
}

// A blocking write-lock of lock Id (an rwlock) by thread Tid at Pc: the
// first one of a writer-preferring rwlock is recorded (kRwWriterSeen), since
// from then on a queued writer can stop its readers. One load otherwise.
LG_NOINLINE void MarkWriter(LockInfo &L, int32_t Tid, uintptr_t Pc);
LG_ALWAYS_INLINE void NoteWriter(uint32_t Id, int32_t Tid, uintptr_t Pc) {
  LockInfo &L = g_state->Locks[Id];
  if (LG_UNLIKELY(L.RwKind.load(std::memory_order_relaxed) == kRwPrefersWriters))
    MarkWriter(L, Tid, Pc);
}

// The slot of Addr, or nullptr if no lock was ever tracked there. Lock-free.
LockSlot *FindSlot(uintptr_t Addr);
// Under Mu: ends the live instance in slot Sl (the next use of its address is
// a new instance). The caller bumps g_retire_epoch.
void RetireSlot(LockSlot *Sl);
// destroy / init: the next use of this address is a new lock instance.
void RetireLock(const void *P);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
