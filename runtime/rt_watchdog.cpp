//===- rt_watchdog.cpp - lockgraph runtime: the watchdog ------------------===//
//
// The watchdog thread and its live-deadlock search (see rt_watchdog.h).
//===----------------------------------------------------------------------===//
#include "rt_watchdog.h"

#include "rt_thread.h"

#include <cstdlib>
#include <pthread.h>

namespace lockgraph {
namespace rt {

// A thread other than Waiter that holds rwlock L in shared mode and has itself
// been blocked in a lock call for at least Bound: the one a writer blocked on
// L can be waiting for in a live cycle (readers that are not blocked will
// release L). Readers are found in the threads' held stacks, read racily (the
// chain must hold for Bound, and is only reported when it closes). Of several,
// Prefer (the chain's start: the cycle closes) if it is one, else the first.
static ThreadState *BlockedReader(uint32_t L, ThreadState *Waiter, ThreadState *Prefer,
                                  uint64_t Now, uint64_t Bound) {
  State *S = g_state;
  ThreadState *First = nullptr;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I) {
    ThreadState *R = &S->Threads[I];
    if (R == Waiter || !R->InUse.load(std::memory_order_relaxed) ||
        R->WaitingLock.load(std::memory_order_acquire) == kNoLock ||
        Now - R->WaitStart.load(std::memory_order_relaxed) < Bound)
      continue;
    uint32_t N = static_cast<uint32_t>(__atomic_load_n(&R->Gate, __ATOMIC_RELAXED) >> 32);
    for (uint32_t K = 0; K < N && K < kMaxHeld; ++K) {
      HeldLock H;
      H.Tag = __atomic_load_n(&HeldAt(R, K).Tag, __ATOMIC_RELAXED); // Id and Shared together
      if (H.Id == L && H.Shared) {
        if (R == Prefer)
          return R;
        if (!First)
          First = R;
        break;
      }
    }
  }
  return First;
}

static bool ReportLiveDeadlock(ThreadState *Start, uint64_t Now, uint64_t Bound) {
  State *S = g_state;
  ThreadState *Chain[8];
  uint32_t Locks[8];
  uint32_t N = 0;
  ThreadState *Cur = Start;
  bool Closed = false;
  while (N < 8) {
    uint32_t L = Cur->WaitingLock.load(std::memory_order_acquire);
    if (L == kNoLock || Now - Cur->WaitStart.load(std::memory_order_relaxed) < Bound)
      return false;
    // The exclusive holder; for a rwlock without one, a blocked reader (a
    // writer waits for every reader to leave).
    uint32_t Owner = S->Locks[L].Owner.load(std::memory_order_relaxed);
    ThreadState *Next = nullptr;
    if (Owner != 0 && Owner <= kMaxThreads)
      Next = &S->Threads[Owner - 1];
    else if (S->Locks[L].Type == kTypeRwlock)
      Next = BlockedReader(L, Cur, Start, Now, Bound);
    if (!Next)
      return false;
    Chain[N] = Cur;
    Locks[N] = L;
    ++N;
    if (!Next->InUse.load(std::memory_order_relaxed))
      return false;
    if (Next == Start) {
      Closed = true;
      break;
    }
    for (uint32_t K = 0; K < N; ++K)
      if (Chain[K] == Next)
        return false; // a cycle not through Start: found from its own members
    Cur = Next;
  }
  if (!Closed) { // a wait chain longer than 8 threads: not followed further
    HitLimit(kLimitWaitChain);
    return false;
  }
  // Report each cycle once: only from its member with the lowest slot.
  for (uint32_t K = 0; K < N; ++K)
    if (Chain[K]->Slot < Start->Slot)
      return false;
  uint32_t Idx;
  {
    RawLockGuard G(S->Mu);
    for (uint32_t F = S->InheritedFindings; F < S->NFindings; ++F) {
      const Finding &Old = S->Findings[F];
      if (Old.Kind == kLiveDeadlock && Old.NLocks == N && Old.Tids[0] == Start->Tid &&
          Old.Locks[0] == Locks[0])
        return false;
    }
    if (S->NFindings >= kMaxFindings) {
      ++S->FindingsDropped;
      HitLimit(kLimitFindings);
      return false;
    }
    Idx = S->NFindings++;
    Finding &F = S->Findings[Idx];
    F.Kind = kLiveDeadlock;
    F.NLocks = N;
    F.BlockedNs = Now - Start->WaitStart.load(std::memory_order_relaxed);
    for (uint32_t K = 0; K < N; ++K) {
      F.Locks[K] = Locks[K];
      F.Tids[K] = Chain[K]->Tid;
      F.Stacks[K] = 0;
    }
  }
  // Stacks: the blocked call site of each thread (one frame; the full stacks
  // are those of the order edges, printed with the finding).
  for (uint32_t K = 0; K < N; ++K) {
    Frame Fr = Symbolize(Chain[K]->WaitPc.load(std::memory_order_relaxed));
    S->Findings[Idx].Stacks[K] = PutStack(&Fr, 1);
  }
  PrintFindingNow(Idx);
  return true;
}

static void *WatchdogMain(void *) {
  tls_in_rt = 1; // never tracked
  State *S = g_state;
  uint64_t Bound = uint64_t(S->Opts.WatchdogMs) * 1000000ULL;
  uint64_t Tick = Bound / 4 < 10000000ULL ? 10000000ULL : Bound / 4;
  for (;;) {
    SleepNs(Tick);
    uint64_t Now = NowNs();
    bool Found = false;
    uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
    for (uint32_t I = 0; I < High; ++I) {
      ThreadState *T = &S->Threads[I];
      if (T->InUse.load(std::memory_order_relaxed) &&
          T->WaitingLock.load(std::memory_order_relaxed) != kNoLock)
        Found |= ReportLiveDeadlock(T, Now, Bound);
    }
    if (!Found)
      continue;
    if (S->Opts.AbortOnDeadlock) {
      if (!S->Reported.exchange(true))
        WriteReport(false);
      abort();
    }
    // A hung program usually ends with a SIGKILL (a CI job's timeout), which
    // runs nothing: the deadlock goes into the file now.
    WriteJsonReport();
  }
  return nullptr;
}

void StartWatchdog() {
  State *S = g_state;
  if (S->WatchdogRunning.exchange(true))
    return;
  pthread_t Th;
  pthread_attr_t A;
  pthread_attr_init(&A);
  pthread_attr_setdetachstate(&A, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&A, 256 * 1024);
  if (pthread_create(&Th, &A, WatchdogMain, nullptr) != 0)
    Warn("cannot start the watchdog thread");
  pthread_attr_destroy(&A);
}

} // namespace rt
} // namespace lockgraph
