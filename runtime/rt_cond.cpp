//===- rt_cond.cpp - lockgraph runtime: condition-variable accounting -----===//
//
// The (condvar, mutex) pair table, its waiting sites and its signallers (see
// rt_cond.h).
//===----------------------------------------------------------------------===//
#include "rt_cond.h"

#include "rt_stack.h"

namespace lockgraph {
namespace rt {

// The pair of condvar C (open addressing by C's address). Create: claim a
// slot if C has none (recording MutexId as its mutex; CondWait keeps it
// current); else return nullptr
// for a condvar never waited on. Lock-free; nullptr when the table is full.
CondPair *FindCondPair(pthread_cond_t *C, uint32_t MutexId, bool Create) {
  State *S = g_state;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(C);
  uint32_t Start = static_cast<uint32_t>(Mix64(Addr)) & (kMaxCondPairs - 1);
  for (uint32_t K = 0; K < kMaxCondPairs; ++K) {
    uint32_t Idx = (Start + K) & (kMaxCondPairs - 1);
    CondPair &P = S->CondPairs[Idx];
    uintptr_t A = P.Cond.load(std::memory_order_acquire);
    if (A == 0) {
      if (!Create)
        return nullptr;
      uintptr_t Z = 0;
      if (!P.Cond.compare_exchange_strong(Z, Addr)) {
        if (Z != Addr)
          continue;
      } else {
        __atomic_store_n(&P.Mutex, MutexId, __ATOMIC_RELAXED);
        uint32_t N = S->NCondPairs.fetch_add(1, std::memory_order_relaxed);
        __atomic_store_n(&S->CondPairList[N], Idx + 1, __ATOMIC_RELEASE);
      }
      A = Addr;
    }
    if (A == Addr)
      return &P;
  }
  if (Create)
    HitLimit(kLimitCondPairs);
  return nullptr;
}

// Counts one wait of D ns at its site: the call site Pc (the return address
// of the interposed wait) and its caller's return address, so that one
// waiting function reached from several places (a lock() helper) gives one
// site per caller. Costs a two-frame unwind per wait (small next to a wait
// that blocks); a site's full stack is captured once, at its first wait.
// Called with the pair's mutex re-acquired (see CondPair).
void RecordCondSite(CondPair *P, uintptr_t Pc, uint64_t D, bool Timeout) {
  uintptr_t Pcs[2] = {Pc, 0};
  CaptureStack(Pcs, 2, Pc);
  uintptr_t Key = Mix64(Pc ^ Mix64(Pcs[1])) | 1;
  for (uint32_t K = 0; K < kMaxCondSites; ++K) {
    CondSite &St = P->Sites[K];
    uintptr_t A = St.Key.load(std::memory_order_acquire);
    if (A == 0) {
      uintptr_t Z = 0;
      if (St.Key.compare_exchange_strong(Z, Key)) {
        St.Pc = Pc;
        St.Caller = Pcs[1];
        St.Stack = CaptureFrames(Pc, g_state->Opts.StackDepth);
      } else if (Z != Key) {
        continue;
      }
      A = Key;
    }
    if (A == Key) {
      St.Waits++;
      St.WaitNs += D;
      St.Timeouts += Timeout;
      return;
    }
  }
  P->OtherWaits++;
  P->OtherNs += D;
}

// pthread_cond_signal/broadcast: who hands the condition to the waiters.
// Condvars never waited on are not recorded (one probe of the pair table).
void NoteCondSignal(ThreadState *T, pthread_cond_t *C) {
  if (CondPair *P = FindCondPair(C, 0, false)) {
    __atomic_fetch_add(&P->Signals, 1, __ATOMIC_RELAXED);
    SetBit(P->SignalBits, T->Slot, true);
  }
}

} // namespace rt
} // namespace lockgraph
