//===- rt_cond.h - lockgraph runtime: condition-variable accounting - -*- C++ -*-===//
//
// A condition-variable wait is an unlock of its mutex, a block, and a
// re-acquisition (no new acquisition counted). Around it the shim counts waits
// per (condvar, mutex) pair and per waiting site, and which threads signal:
// the data behind the "lock built on a condition variable" verdict (see
// CondPair in rt_runtime.h for the counters' locking and capacity).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_COND_H
#define LOCKGRAPH_RT_COND_H

#include "rt_locktable.h"
#include "rt_misuse.h"
#include "rt_order.h"
#include "rt_thread.h"

#include <cerrno>
#include <pthread.h>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// The pair of condvar C; Create claims one (recording MutexId, when new). Lock-free;
// nullptr when the table is full, or for a condvar never waited on.
CondPair *FindCondPair(pthread_cond_t *C, uint32_t MutexId, bool Create);
// Counts one wait of D ns at its site (the wait's caller and its caller's).
// Called with the pair's mutex re-acquired (see CondPair).
void RecordCondSite(CondPair *P, uintptr_t Pc, uint64_t D, bool Timeout);
// pthread_cond_signal/broadcast: who hands the condition to the waiters.
void NoteCondSignal(ThreadState *T, pthread_cond_t *C);

// A wait is an unlock of M, a block on C, and a re-acquisition of M.
template <class WaitF>
static int CondWait(ThreadState *T, pthread_cond_t *C, pthread_mutex_t *M, uintptr_t Pc,
                    WaitF Wait) {
  DropStaleHolds(T);
  int I = FindHeldAddr(T, reinterpret_cast<uintptr_t>(M));
  if (I < 0) {
    CheckCondWaitNotHeld(T, M, Pc); // POSIX: the caller must hold M
    return Wait();
  }
  if (HeldAt(T, I).Rec > 1)
    return Wait(); // recursively held: nothing to account
  HeldLock Saved = HeldAt(T, I);
  PopAt(T, I);
  // Still holding M: the waiter count changes under it (entering here,
  // leaving after the real wait re-acquired it).
  CondPair *P = FindCondPair(C, Saved.Id, true);
  uint64_t T0 = NowNs();
  if (P) {
    // The mutex of the last waiter to enter: while any waiter is still
    // inside, another mutex means two at once (POSIX: undefined).
    uint32_t Prev = __atomic_exchange_n(&P->Mutex, Saved.Id, __ATOMIC_ACQ_REL);
    if (P->Waiters.fetch_add(1, std::memory_order_acq_rel) == 0)
      P->BusySince.store(T0, std::memory_order_release);
    else if (Prev != Saved.Id)
      ReportCondTwoMutexes(T, Saved.Id, Prev, Pc);
  }
  int Rc = Wait();
  uint64_t T1 = NowNs();
  uint64_t D = T1 - T0;
  if (P && P->Waiters.fetch_sub(1, std::memory_order_acq_rel) == 1)
    P->BusyNs.fetch_add(T1 - P->BusySince.load(std::memory_order_acquire),
                        std::memory_order_relaxed);
  uint32_t Id = Saved.Id;
  // Re-check the mutex instance: it may have been re-initialised meanwhile.
  if (LookupLock(M, [&] { return g_state->Locks[Id].Type; }, Pc) != Id)
    return Rc;
  if (T->NHeld)
    AddEdges(T, Id, false, Pc);
  // A re-acquisition after a wait is not a new acquisition: not counted.
  Push(T, Saved.Addr, Id, false, Saved.Pc, false, 0, /*Count=*/false);
  LockInfo &L = g_state->Locks[Id];
  L.CondWaits++;
  L.CondWaitNs += D;
  if (D > L.CondWaitMax)
    L.CondWaitMax = D;
  if (Rc == ETIMEDOUT)
    L.CondTimeouts++;
  if (P) { // updated under M: serialized
    P->Waits++;
    P->WaitNs += D;
    if (D > P->WaitMax)
      P->WaitMax = D;
    if (Rc == ETIMEDOUT)
      P->Timeouts++;
    SetBit(P->ThreadBits, T->Slot, false);
    RecordCondSite(P, Pc, D, Rc == ETIMEDOUT);
  }
  return Rc;
}


#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
