//===- rt_order.cpp - lockgraph runtime: lock order -----------------------===//
//
// New order edges (with their stacks and gates), the cycle search they
// trigger, and the double-lock finding (see rt_order.h).
//===----------------------------------------------------------------------===//
#include "rt_order.h"

#include "rt_free.h"
#include "rt_init.h"

#include <cstdlib>
#include <unwind.h>

namespace lockgraph {
namespace rt {

static void FindCycle(State *S, uint32_t E) {
  uint32_t From = S->Graph.From(E), To = S->Graph.To(E);
  bool Cut = false;
  uint32_t N = S->Graph.ShortestPath(To, From, S->PathBuf, kMaxCycleLen - 1, kMaxSearch, &Cut);
  if (Cut)
    HitLimit(kLimitCycleSearch);
  if (N == 0)
    return;
  uint64_t Key = IdHash(From) + (N + 1) * 0x51ED27ULL;
  for (uint32_t I = 0; I < N; ++I)
    Key += IdHash(S->Graph.From(S->PathBuf[I]));
  for (uint32_t C = 0; C < S->NCycles; ++C)
    if (S->Cycles[C].Key == Key)
      return;
  if (S->NCycles >= kMaxCycles || S->CycleEdgesUsed + N + 1 > kCycleEdgePool) {
    ++S->CyclesDropped;
    HitLimit(kLimitCycles);
    return;
  }
  Cycle &Cy = S->Cycles[S->NCycles];
  Cy.Key = Key;
  Cy.First = S->CycleEdgesUsed;
  Cy.Len = N + 1;
  S->CycleEdges[S->CycleEdgesUsed++] = E;
  for (uint32_t I = 0; I < N; ++I)
    S->CycleEdges[S->CycleEdgesUsed++] = S->PathBuf[I];
  ++S->NCycles;
}

// The acquired stack of a new edge, and the held lock's stack reconstructed
// from it: if the function that took the held lock (found by its unwind
// info, no symbols needed) is on the current stack, the held lock was taken
// by that activation, so its stack is its own return address followed by
// that frame's callers. Otherwise the held stack is that one frame.
static void CaptureEdgeStacks(uintptr_t StartPc, uintptr_t HeldPc, int Depth, uint32_t *Acq,
                              uint32_t *Held) {
  uintptr_t Pcs[64];
  Frame F[65];
  if (Depth > 64)
    Depth = 64;
  int N = CaptureStack(Pcs, Depth, StartPc);
  for (int I = 0; I < N; ++I)
    F[I] = Symbolize(Pcs[I]);
  *Acq = PutStack(F, N);
  void *HeldFn = _Unwind_FindEnclosingFunction(reinterpret_cast<void *>(HeldPc - 1));
  int At = -1;
  for (int I = 0; HeldFn && I < N && At < 0; ++I)
    if (_Unwind_FindEnclosingFunction(reinterpret_cast<void *>(Pcs[I] - 1)) == HeldFn)
      At = I;
  F[64] = Symbolize(HeldPc);
  if (At < 0) {
    *Held = PutStack(&F[64], 1);
    return;
  }
  F[At] = F[64];
  *Held = PutStack(&F[At], N - At);
}

LG_NOINLINE void NewEdge(ThreadState *T, uint32_t HeldIdx, uint32_t To, bool Shared,
                                uintptr_t Pc) {
  State *S = g_state;
  const HeldLock &H = HeldAt(T, HeldIdx);
  uint32_t From = H.Id;
  uint32_t Gates[kMaxGates];
  uint32_t NGates = 0;
  for (uint32_t J = 0; J < T->NHeld && NGates < kMaxGates; ++J)
    if (J != HeldIdx && HeldAt(T, J).Id != To && HeldAt(T, J).Id != From)
      Gates[NGates++] = HeldAt(T, J).Id;
  uint32_t AcqStack = 0, HeldStack = 0;
  if (S->Graph.FindEdge(From, To) == LockGraph::kNone)
    CaptureEdgeStacks(Pc, H.Pc, S->Opts.StackDepth, &AcqStack, &HeldStack);
  RawLockGuard G(S->Mu);
  bool IsNew = false;
  uint32_t E = S->Graph.AddEdge(From, To, &IsNew);
  if (E == LockGraph::kNone) {
    HitLimit(kLimitEdges);
    return;
  }
  EdgeInfo &EI = S->Edges[E];
  // Both ends' memory, when freed, must give new instances: watch it.
  uint32_t Ends[2] = {From, To};
  for (uint32_t Id : Ends)
    if (!S->Locks[Id].InGraph) {
      S->Locks[Id].InGraph = 1;
      WatchLockLine(S->Locks[Id].Addr);
    }
  bool Recheck = false;
  if (IsNew) {
    EI.Tid = T->Tid;
    EI.MultiThread = 0;
    EI.FromShared = H.Shared;
    EI.ToShared = Shared;
    EI.NGates = static_cast<uint8_t>(NGates);
    for (uint32_t I = 0; I < NGates; ++I)
      EI.Gates[I] = Gates[I];
    EI.AcqStack = AcqStack;
    EI.HeldStack = HeldStack;
    Recheck = true;
  } else {
    if (EI.Tid != T->Tid)
      EI.MultiThread = 1;
    if (EI.FromShared && !H.Shared) {
      EI.FromShared = 0;
      Recheck = true;
    }
    if (EI.ToShared && !Shared) {
      EI.ToShared = 0;
      Recheck = true;
    }
    uint32_t Keep = 0;
    for (uint32_t I = 0; I < EI.NGates; ++I) {
      bool In = false;
      for (uint32_t J = 0; J < NGates; ++J)
        In |= Gates[J] == EI.Gates[I];
      if (In)
        EI.Gates[Keep++] = EI.Gates[I];
    }
    EI.NGates = static_cast<uint8_t>(Keep);
  }
  if (Recheck)
    FindCycle(S, E);
}

LG_NOINLINE void ReportDoubleLock(ThreadState *T, uint32_t Id, uintptr_t Pc, int Err,
                                  uint8_t Detail) {
  State *S = g_state;
  Finding F = {};
  F.Kind = kDoubleLock;
  F.Err = Err;
  F.Detail = Detail;
  F.Key = Detail ? Pc : 0; // a recursive read returns: one finding per call site
  F.NLocks = 1;
  F.Locks[0] = Id;
  F.Tids[0] = T->Tid;
  F.Stacks[0] = CaptureFrames(Pc, S->Opts.StackDepth);
  if (!RecordFinding(F) || Err || Detail)
    return; // the call returns (or returned): nothing to abort for
  if (S->Opts.AbortOnDeadlock) {
    if (!S->Reported.exchange(true))
      WriteReport(false);
    abort();
  }
}

} // namespace rt
} // namespace lockgraph
