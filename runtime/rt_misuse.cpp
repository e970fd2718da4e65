//===- rt_misuse.cpp - lockgraph runtime: lock misuse findings ------------===//
#include "rt_misuse.h"

#include "rt_locktable.h"
#include "rt_stack.h"
#include "rt_thread.h"

namespace lockgraph {
namespace rt {

void ReportThreadExitHeld(ThreadState *T) {
  // Where each was taken: the acquisition's return address is all the held
  // stack keeps (a stack per hold would cost the fast path).
  Finding F = {};
  F.Kind = kThreadExitHeld;
  F.NLocks = T->NHeld < 8 ? T->NHeld : 8;
  for (uint32_t K = 0; K < F.NLocks; ++K) {
    Frame At = Symbolize(T->Held[K].Pc);
    F.Locks[K] = T->Held[K].Id;
    F.Tids[K] = T->Tid;
    F.Stacks[K] = PutStack(&At, 1);
  }
  RecordFinding(F);
}

DestroyCheck CheckDestroy(ThreadState *T, const void *P) {
  DestroyCheck C;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  if (LockSlot *Sl = FindSlot(Addr))
    C.Id = Sl->Id.load(std::memory_order_acquire);
  C.BySelf = T->NHeld && FindHeldAddr(T, Addr) >= 0;
  return C;
}

void ReportDestroyHeld(ThreadState *T, uint32_t Id, bool BySelf, uintptr_t Pc) {
  Finding F = {};
  F.Kind = kDestroyHeld;
  F.NLocks = 1;
  F.Locks[0] = Id;
  F.Tids[0] = T->Tid;
  F.Tids[1] = BySelf ? T->Tid : 0; // 0: another thread, unknown which
  F.Stacks[0] = CaptureFrames(Pc, g_state->Opts.StackDepth);
  RecordFinding(F);
}

} // namespace rt
} // namespace lockgraph
