//===- rt_misuse.cpp - lockgraph runtime: lock misuse findings ------------===//
#include "rt_misuse.h"

#include "rt_stack.h"

namespace lockgraph {
namespace rt {

void ReportThreadExitHeld(ThreadState *T) {
  State *S = g_state;
  uint32_t N = T->NHeld < 8 ? T->NHeld : 8;
  // Where each was taken: the acquisition's return address is all the held
  // stack keeps (a stack per hold would cost the fast path).
  uint32_t Stacks[8];
  for (uint32_t K = 0; K < N; ++K) {
    Frame F = Symbolize(T->Held[K].Pc);
    Stacks[K] = PutStack(&F, 1);
  }
  uint32_t Idx;
  {
    RawLockGuard G(S->Mu);
    if (S->NFindings >= kMaxFindings) {
      ++S->FindingsDropped;
      return;
    }
    Idx = S->NFindings++;
    Finding &F = S->Findings[Idx];
    F.Kind = kThreadExitHeld;
    F.NLocks = N;
    for (uint32_t K = 0; K < N; ++K) {
      F.Locks[K] = T->Held[K].Id;
      F.Tids[K] = T->Tid;
      F.Stacks[K] = Stacks[K];
    }
    F.BlockedNs = 0;
  }
  PrintFindingNow(Idx);
}

} // namespace rt
} // namespace lockgraph
