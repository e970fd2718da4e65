//===- rt_thread.h - lockgraph runtime: per-thread state ------ -*- C++ -*-===//
//
// The calling thread's side of the shim: its re-entry flag (kInShim, and
// tls_in_rt for threads without a state), entering and leaving the shim, its
// held stack (push, pop, find) and its lookup cache in front of the lock table
// with the acquisition counts batched there. Everything here touches only the
// calling thread's ThreadState, except a lookup miss (the lock table) and a
// flush (atomic adds to the lock's counters). Separate from the acquisition
// paths (rt_acquire.h), which decide what to record; this says how it is kept.
// Capacity: kMaxThreads, kMaxHeld, kLookupCacheSize (see rt_runtime.h).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_THREAD_H
#define LOCKGRAPH_RT_THREAD_H

#include "rt_locktable.h"
#include "rt_runtime.h"
#include "rt_sample.h"

#include <atomic>
#include <pthread.h>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

extern __thread int tls_in_rt LG_TLS;
extern __thread ThreadState *tls_thr LG_TLS;
extern pthread_key_t g_thread_key; // its destructor is ThreadExit
extern bool g_track_owner;         // watchdog on: keep LockInfo::Owner current


// Gate and HeldLock::Tag are only ever written whole, never through their
// 32/16/8-bit fields: the fast paths load them whole, and a 64-bit load right
// after a narrower store to part of it cannot be forwarded from the store
// buffer: the load waits until the store has been written to the cache. When
// the fast path wrote Flags alone, the uncontended loop ran 1.8x slower. The
// slow paths keep to the rule too, since a fast path often follows them.
LG_ALWAYS_INLINE void SetFlags(ThreadState *T, uint32_t F) {
  T->Gate = (T->Gate & ~uint64_t(0xffffffff)) | F;
}
LG_ALWAYS_INLINE void SetNHeld(ThreadState *T, uint32_t N) {
  T->Gate = (T->Gate & 0xffffffff) | uint64_t(N) << 32;
}

// Marks the calling thread as inside the shim for a scope (both flags: the
// TLS one and, if the thread has a state, the state's), so that lock calls
// made meanwhile pass through untracked.
struct ShimScope {
  ThreadState *T;
  int SavedTls;
  uint32_t SavedT = 0;
  ShimScope() : T(tls_thr), SavedTls(tls_in_rt) {
    tls_in_rt = 1;
    if (T) {
      SavedT = T->Flags;
      SetFlags(T, SavedT | kInShim);
    }
  }
  ~ShimScope() {
    tls_in_rt = SavedTls;
    if (T)
      SetFlags(T, SavedT);
  }
  ShimScope(const ShimScope &) = delete;
  ShimScope &operator=(const ShimScope &) = delete;
};

// The thread-specific key's destructor: flushes the thread's counts and
// frees its slot.
void ThreadExit(void *P);

// Returns the calling thread's state and enters the shim (kInShim set), or
// nullptr when the call must go straight to the real function. The re-entry
// flag lives in the thread's state (one TLS load on the fast path); tls_in_rt
// covers the threads without a state yet (start-up, dlsym, the watchdog).
LG_NOINLINE ThreadState *EnterSlow();

// A compiler barrier: orders the thread-state accesses around a flag change
// against a signal handler on the same thread (no instruction emitted).
LG_ALWAYS_INLINE void SignalFence() { std::atomic_signal_fence(std::memory_order_seq_cst); }

// Enter and Leave write Gate whole, as the fast paths do (see
// InterposeAcquire: a 32-bit store then a 64-bit load of Gate stalls).
LG_ALWAYS_INLINE ThreadState *Enter() {
  ThreadState *T = tls_thr;
  if (LG_LIKELY(T != nullptr)) {
    uint64_t G = T->Gate;
    if (LG_UNLIKELY(G & kInShim))
      return nullptr;
    T->Gate = G | kInShim;
    SignalFence();
    return T;
  }
  return EnterSlow();
}

LG_ALWAYS_INLINE void Leave(ThreadState *T) {
  SignalFence();
  T->Gate = T->Gate & ~uint64_t(kInShim);
}

// Multiplicative hashing of the address (bits 40-45 of the product): locks
// laid out at a regular stride (an array of mutexes, of structs holding one)
// get distinct slots far more often than with shifts and xors (simulated,
// 16 locks at strides 8 to 64K: 0.7 collisions on average, the old hash 2.5),
// and every collision is a lookup miss on each acquisition.
LG_ALWAYS_INLINE uint32_t CacheSlot(uintptr_t Addr) {
  return static_cast<uint32_t>(((Addr >> 3) * 0x9E3779B97F4A7C15ULL) >> 40) &
         (kLookupCacheSize - 1);
}

// Adds a lookup entry's batched acquisitions to its lock. Also called on
// other threads' entries by the report (racy by design: a count may be lost).
void FlushAcq(ThreadState *T, LookupEntry &E);
void FlushThreadAcq(ThreadState *T);

// The per-thread cache in front of the lock table (the fast path probes it
// inline); any retired lock (destroy / re-init anywhere) empties every
// thread's cache. A replaced entry first hands its batched count to its lock.
template <class TypeF>
static uint32_t CachedLookup(ThreadState *T, const void *P, TypeF GetType, uintptr_t Pc) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  uint32_t E = g_retire_epoch.load(std::memory_order_acquire);
  LookupEntry &C = T->Cache[CacheSlot(Addr)];
  if (LG_LIKELY(C.Addr == Addr && T->CacheEpoch == E))
    return C.Id;
  uint32_t Id = LookupLock(P, GetType, Pc);
  if (T->CacheEpoch != E) {
    FlushThreadAcq(T);
    for (uint32_t I = 0; I < kLookupCacheSize; ++I)
      T->Cache[I].Addr = 0;
    T->CacheEpoch = E;
  }
  if (Id != kNoLock) {
    FlushAcq(T, C);
    C.Addr = Addr;
    C.Id = Id;
    C.Count = 0;
  }
  return Id;
}

// Innermost first. The deep part first, then the inline loop of the
// common case.
LG_ALWAYS_INLINE int FindHeld(ThreadState *T, uint32_t Id) {
  int N = static_cast<int>(T->NHeld);
  for (int I = N - 1; I >= static_cast<int>(kMaxHeld); --I)
    if (T->Deep[I - kMaxHeld].Id == Id)
      return I;
  for (int I = (N < static_cast<int>(kMaxHeld) ? N : kMaxHeld) - 1; I >= 0; --I)
    if (T->Held[I].Id == Id)
      return I;
  return -1;
}

LG_ALWAYS_INLINE int FindHeldAddr(ThreadState *T, uintptr_t Addr) {
  int N = static_cast<int>(T->NHeld);
  for (int I = N - 1; I >= static_cast<int>(kMaxHeld); --I)
    if (T->Deep[I - kMaxHeld].Addr == Addr)
      return I;
  for (int I = (N < static_cast<int>(kMaxHeld) ? N : kMaxHeld) - 1; I >= 0; --I)
    if (T->Held[I].Addr == Addr)
      return I;
  return -1;
}

// Room for hold number kMaxHeld and up: maps the deep store (once per thread
// slot) and sends the thread's calls down the general paths. False when the
// deep store is full or cannot be mapped (counted, the hold is untracked).
LG_NOINLINE bool EnterDeep(ThreadState *T);

// Counts one acquisition on the lock's lookup entry (present unless the
// cache was refilled meanwhile; then straight on the lock).
LG_ALWAYS_INLINE void CountAcq(ThreadState *T, uintptr_t Addr, uint32_t Id) {
  LookupEntry &E = T->Cache[CacheSlot(Addr)];
  if (LG_LIKELY(E.Addr == Addr && E.Id == Id)) {
    ++E.Count;
    return;
  }
  LockInfo &L = g_state->Locks[Id];
  __atomic_fetch_add(&L.Acq, 1, __ATOMIC_RELAXED);
  SetBit(L.ThreadBits, T->Slot, true);
}

// Records a successful acquisition (the general path; FastLock inlines the
// common case). The uncontended case writes only thread-local memory;
// contended ones update the lock's counters (exclusive holders are alone with
// them, shared holders add atomically).
LG_ALWAYS_INLINE void Push(ThreadState *T, uintptr_t Addr, uint32_t Id, bool Shared, uintptr_t Pc,
                           bool Contended, uint64_t WaitNs, bool Count = true) {
  State *S = g_state;
  if (Count)
    CountAcq(T, Addr, Id);
  if (LG_UNLIKELY(Contended)) {
    LockInfo &L = S->Locks[Id];
    Bump(&L.Contended, 1, Shared);
    Bump(&L.WaitNs, WaitNs, Shared);
    if (WaitNs > L.WaitMax)
      L.WaitMax = WaitNs; // racy for shared holders: a lost maximum is tolerated
    SetBit(L.WaitBits, T->Slot, true);
  }
  if (LG_UNLIKELY(g_track_owner) && !Shared)
    S->Locks[Id].Owner.store(T->Slot + 1, std::memory_order_relaxed);
  if (LG_UNLIKELY(T->NHeld >= kMaxHeld) && !EnterDeep(T)) {
    ++T->Overflow;
    return;
  }
  HeldLock &H = HeldAt(T, T->NHeld);
  SetNHeld(T, T->NHeld + 1);
  H.Addr = Addr;
  H.Tag = HeldTag(Id, Shared);
  H.Pc = Pc;
  if (LG_UNLIKELY(--T->SampleCountdown == 0))
    StartSample(T, &H);
}

LG_ALWAYS_INLINE void PopAt(ThreadState *T, int I) {
  HeldLock &H = HeldAt(T, I);
  if (LG_UNLIKELY(H.Sampled))
    EndSample(H, g_state->Locks[H.Id]);
  if (LG_UNLIKELY(g_track_owner) && !H.Shared)
    g_state->Locks[H.Id].Owner.store(0, std::memory_order_relaxed);
  uint32_t N = T->NHeld - 1;
  SetNHeld(T, N);
  for (uint32_t J = static_cast<uint32_t>(I); J < N; ++J)
    HeldAt(T, J) = HeldAt(T, J + 1);
  if (LG_UNLIKELY(N == kMaxHeld))
    SetFlags(T, T->Flags & ~kDeepHeld); // back to the fast paths
}

// Other threads, found racily (misuse checks, slow paths only): the live
// thread with kernel id Tid, and a thread other than Except whose held stack
// has Addr (its acquisition site in *Pc).
ThreadState *ThreadOfTid(int32_t Tid);
ThreadState *HolderOf(uintptr_t Addr, const ThreadState *Except, uintptr_t *Pc);

// Another thread unlocked Addr, which Owner's held stack has: tells Owner to
// drop it. False when Owner's mailbox is full (counted, one warning).
bool PostReleasedByOther(ThreadState *Owner, uintptr_t Addr);
// On the owner's general paths: drops the holds other threads released.
LG_NOINLINE void DrainReleasedByOther(ThreadState *T);
LG_ALWAYS_INLINE void DropStaleHolds(ThreadState *T) {
  if (LG_UNLIKELY(T->ReleasedPending.load(std::memory_order_acquire)))
    DrainReleasedByOther(T);
}

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
