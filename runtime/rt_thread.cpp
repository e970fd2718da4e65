//===- rt_thread.cpp - lockgraph runtime: per-thread state ----------------===//
//
// Thread slots: attaching a thread on its first lock call, releasing its slot
// when it exits, and flushing the acquisition counts batched in the lookup
// caches (see rt_thread.h).
//===----------------------------------------------------------------------===//
#include "rt_thread.h"

#include "rt_init.h"
#include "rt_lockword.h"
#include "rt_misuse.h"

#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>

namespace lockgraph {
namespace rt {

__thread int tls_in_rt LG_TLS;
__thread ThreadState *tls_thr LG_TLS;
pthread_key_t g_thread_key;
bool g_track_owner = false;

static ThreadState *AttachThread() {
  State *S = g_state;
  for (uint32_t I = 0; I < kMaxThreads; ++I) {
    ThreadState *T = &S->Threads[I];
    uint32_t Z = 0;
    if (T->InUse.load(std::memory_order_relaxed) != 0 ||
        !T->InUse.compare_exchange_strong(Z, 1, std::memory_order_acquire))
      continue;
    T->Slot = I;
    T->Gate = g_track_owner ? kSlowOnly : 0; // and NHeld 0
    T->Tid = static_cast<int32_t>(syscall(SYS_gettid));
    T->Overflow = 0;
    int Rate = S->Opts.HoldSampleRate;
    // Rate 0 (never time): a countdown that runs out only every 2^32
    // acquisitions and then just re-arms (StartSample).
    T->SampleCountdown = Rate > 0 ? (I * 7u) % static_cast<uint32_t>(Rate) + 1 : ~0u;
    T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
    memset(T->EdgeCache, 0, sizeof(T->EdgeCache));
    memset(T->Cache, 0, sizeof(T->Cache));
    T->CacheEpoch = g_retire_epoch.load(std::memory_order_relaxed);
    S->ThreadsSeen.fetch_add(1, std::memory_order_relaxed);
    uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_relaxed);
    while (High < I + 1 && !S->ThreadSlotsHigh.compare_exchange_weak(High, I + 1))
      ;
    tls_thr = T;
    pthread_setspecific(g_thread_key, T);
    return T;
  }
  HitLimit(kLimitThreads);
  return nullptr;
}

void ThreadExit(void *P) {
  ThreadState *T = static_cast<ThreadState *>(P);
  if (!T)
    return;
  FlushThreadAcq(T);
  DropStaleHolds(T); // holds other threads released are not kept
  // A thread ending with locks held: the key's destructor runs after the
  // start routine returns or pthread_exit, so this sees what it kept.
  if (T->NHeld && g_ready.load(std::memory_order_acquire) && !(T->Flags & kInShim)) {
    SetFlags(T, T->Flags | kInShim); // the report's own calls are not the program's
    ReportThreadExitHeld(T);
    SetFlags(T, T->Flags & ~kInShim);
  }
  if (tls_thr == T)
    tls_thr = nullptr;
  T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
  T->InUse.store(0, std::memory_order_release);
}

LG_NOINLINE ThreadState *EnterSlow() {
  if (tls_in_rt)
    return nullptr;
  tls_in_rt = 1;
  ThreadState *T = nullptr;
  if ((g_ready.load(std::memory_order_acquire) || EnsureInit()) &&
      (T = AttachThread()) != nullptr) {
    tls_in_rt = 0;
    SetFlags(T, T->Flags | kInShim);
    return T;
  }
  tls_in_rt = 0;
  return nullptr;
}

ThreadState *ThreadOfTid(int32_t Tid) {
  State *S = g_state;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I) {
    ThreadState *T = &S->Threads[I];
    if (T->InUse.load(std::memory_order_acquire) && T->Tid == Tid)
      return T;
  }
  return nullptr;
}

ThreadState *HolderOf(uintptr_t Addr, const ThreadState *Except, uintptr_t *Pc) {
  State *S = g_state;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I) {
    ThreadState *T = &S->Threads[I];
    if (T == Except || !T->InUse.load(std::memory_order_acquire))
      continue;
    uint32_t N = __atomic_load_n(&T->NHeld, __ATOMIC_RELAXED);
    if (N > kMaxHeld && !__atomic_load_n(&T->Deep, __ATOMIC_ACQUIRE))
      N = kMaxHeld;
    for (uint32_t K = 0; K < N && K < kMaxHeld + kMaxHeldDeep; ++K)
      if (__atomic_load_n(&HeldAt(T, K).Addr, __ATOMIC_RELAXED) == Addr) {
        *Pc = __atomic_load_n(&HeldAt(T, K).Pc, __ATOMIC_RELAXED);
        return T;
      }
  }
  return nullptr;
}

bool EnterDeep(ThreadState *T) {
  if (T->NHeld >= kMaxHeld + kMaxHeldDeep) {
    HitLimit(kLimitHeld);
    return false;
  }
  if (!T->Deep) {
    void *M = MapNoReserve(sizeof(HeldLock) * kMaxHeldDeep);
    if (!M) {
      HitLimit(kLimitHeld);
      return false;
    }
    __atomic_store_n(&T->Deep, static_cast<HeldLock *>(M), __ATOMIC_RELEASE);
  }
  SetFlags(T, T->Flags | kDeepHeld);
  return true;
}

bool PostReleasedByOther(ThreadState *Owner, uintptr_t Addr) {
  for (uint32_t K = 0; K < kReleasedMailbox; ++K) {
    uintptr_t Z = 0;
    if (Owner->ReleasedByOther[K].compare_exchange_strong(Z, Addr, std::memory_order_release) ||
        Z == Addr) {
      Owner->ReleasedPending.store(1, std::memory_order_release);
      return true;
    }
  }
  HitLimit(kLimitStaleHolds);
  return false;
}

void DrainReleasedByOther(ThreadState *T) {
  T->ReleasedPending.store(0, std::memory_order_relaxed);
  for (uint32_t K = 0; K < kReleasedMailbox; ++K) {
    uintptr_t Addr = T->ReleasedByOther[K].exchange(0, std::memory_order_acquire);
    if (!Addr)
      continue;
    int I = FindHeldAddr(T, Addr);
    if (I < 0)
      continue;
    // Locked again by this thread since (the lock word names it): keep.
    uint8_t Type = g_state->Locks[HeldAt(T, I).Id].Type;
    LockWord W = ReadLockWord(reinterpret_cast<void *>(Addr), Type);
    if (!HeldAt(T, I).Shared && W.KnownOwner && W.OwnerTid == T->Tid)
      continue;
    PopAt(T, I);
  }
}

void FlushAcq(ThreadState *T, LookupEntry &E) {
  uint32_t N = E.Count;
  uint32_t Id = E.Id;
  if (!N || !E.Addr || Id >= kMaxLocks)
    return;
  LockInfo &L = g_state->Locks[Id];
  __atomic_fetch_add(&L.Acq, N, __ATOMIC_RELAXED);
  SetBit(L.ThreadBits, T->Slot, true);
  E.Count = 0;
}

void FlushThreadAcq(ThreadState *T) {
  for (uint32_t K = 0; K < kLookupCacheSize; ++K)
    FlushAcq(T, T->Cache[K]);
}

void FlushAllAcqCounts() {
  State *S = g_state;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I)
    if (S->Threads[I].InUse.load(std::memory_order_acquire))
      FlushThreadAcq(&S->Threads[I]);
}

} // namespace rt
} // namespace lockgraph
