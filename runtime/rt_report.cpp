//===- rt_report.cpp - lockgraph runtime: text and JSON reports -----------===//
//
// Writes the end-of-run report: findings (cycles, double locks, live
// deadlocks), the contention table and the global-lock verdict on stderr, and
// the same data as JSON (format "lockgraph-report", version 1) to the file
// named by report=PATH, which is replaced atomically and never by a process
// that took no lock (WriteJsonFile). Everything here is async-signal-safe
// (the report is also written from the handlers of the signals that end the
// process): no malloc, no stdio streams, no loader calls; stacks were
// symbolized when captured.
//
// Capacity: the JSON report lists every cycle edge plus, when the graph has at
// most kMaxReportEdges edges, all other edges too ("edges_truncated" says
// which); locks are those referenced by what is listed. The report path, %p
// expanded, is at most 4351 bytes (longer: a warning, no JSON report); 16
// temporary names are tried beside it (each taken: a warning, no report).
//===----------------------------------------------------------------------===//
#include "rt_format.h"
#include "rt_runtime.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lockgraph {
namespace rt {
namespace {

constexpr uint32_t kMaxReportEdges = 20000;
constexpr uint32_t kMaxReportLocks = 100000;
constexpr uint32_t kMaxContentionRows = 1000;
constexpr uint32_t kMaxCondRows = kMaxContentionRows;

// The verdict thresholds (see docs/runtime.md, "Global lock").
constexpr double kGlobalHeldShare = 0.5;
constexpr double kGlobalWaitShare = 0.2;
// A lock built on a condition variable: some thread waited on the pair for at
// least this share of the wall time, and this many threads both waited on it
// and signalled it (the lock is handed between them; a pool of idle workers
// woken by one producer does not qualify).
constexpr double kGlobalBusyShare = 0.5;
constexpr uint32_t kGlobalHandoffThreads = 2;

const char *BaseName(const char *P) {
  const char *B = P;
  for (; *P; ++P)
    if (*P == '/')
      B = P + 1;
  return B;
}

} // namespace

// The report's check name of each finding kind (the vocabulary lockgraph
// report shares with the static side: unlock-not-held is both sides' check).
const char *FindingCheck(uint8_t Kind) {
  switch (Kind) {
  case kDoubleLock:
    return "double-lock";
  case kLiveDeadlock:
    return "live-deadlock";
  case kThreadExitHeld:
    return "thread-exit-holding-lock";
  case kDestroyHeld:
    return "destroy-held-lock";
  case kUnlockNotHeld:
    return "unlock-not-held";
  case kLockCallFailed:
    return "lock-call-failed";
  case kCondWaitNotHeld:
    return "cond-wait-not-held";
  case kCondTwoMutexes:
    return "cond-wait-two-mutexes";
  }
  return "unknown";
}

namespace {

const char *ErrnoName(int E) {
  switch (E) {
  case EDEADLK:
    return "EDEADLK";
  case EINVAL:
    return "EINVAL";
  case EPERM:
    return "EPERM";
  case EAGAIN:
    return "EAGAIN";
  case EBUSY:
    return "EBUSY";
  case ETIMEDOUT:
    return "ETIMEDOUT";
  case ENOTRECOVERABLE:
    return "ENOTRECOVERABLE";
  case EOWNERDEAD:
    return "EOWNERDEAD";
  }
  return "an unexpected error";
}

// What a failing pthread lock call's error means, as glibc returns it.
const char *ErrnoMeaning(int E, uint8_t Call) {
  switch (E) {
  case EINVAL:
    return "not an initialised lock, a destroyed one, or a priority above the lock's ceiling";
  case EPERM:
    return Call == kCallUnlock ? "the calling thread does not hold it"
                               : "not permitted for this thread";
  case EAGAIN:
    return "too many recursive or shared holds";
  case ENOTRECOVERABLE:
    return "a robust mutex whose dying owner left it inconsistent";
  case EDEADLK:
    return "the kernel found a deadlock among priority-inheriting mutexes";
  }
  return "not a documented result of this call";
}

int PopCount4(const uint64_t *B) {
  return __builtin_popcountll(B[0]) + __builtin_popcountll(B[1]) + __builtin_popcountll(B[2]) +
         __builtin_popcountll(B[3]);
}

// Threads (slots mod 256) that both waited on the pair and signalled it.
int HandoffThreads(const CondPair &P) {
  int N = 0;
  for (int I = 0; I < 4; ++I)
    N += __builtin_popcountll(P.ThreadBits[I] & P.SignalBits[I]);
  return N;
}

// Wall time during which at least one thread waited on the pair, including
// a wait still in progress.
uint64_t BusyNs(const CondPair &P, uint64_t Now) {
  uint64_t B = P.BusyNs.load(std::memory_order_relaxed);
  if (P.Waiters.load(std::memory_order_acquire)) {
    uint64_t Since = P.BusySince.load(std::memory_order_relaxed);
    if (Since && Since < Now)
      B += Now - Since;
  }
  return B;
}

uint64_t ClassKey(const LockInfo &L) {
  const char *Mod = BaseName(NameOf(L.Site.Module));
  return Mix64(HashBytes(Mod, strlen(Mod)) ^ L.Site.Offset);
}

enum CycleVerdict { kDeadlock, kSharedOnly, kGated };

// Shared-only cycles are named one line each, up to this many.
constexpr uint32_t kMaxSharedOnlyNotes = 8;

struct CycleFacts {
  CycleVerdict V;
  bool SingleThread;
  uint32_t Gate;
  // A lock of the cycle held and requested in shared mode by consecutive
  // edges: kSharedOnly's reason (a reader-preferring rwlock), or, for a
  // reported cycle, a writer-preferring rwlock that some thread write-locks.
  uint32_t SharedStep;
};

// Everything the report needs, gathered once (under State::Mu when possible).
struct Ctx {
  State *S;
  uint32_t *LockIdx; // lock id -> report index + 1
  uint32_t *EdgeIdx; // edge id -> report index + 1
  uint32_t *RLocks;  // report index -> lock id
  uint32_t NRLocks;
  uint32_t *REdges;
  uint32_t NREdges;
  bool EdgesTruncated;
  uint32_t Top[kMaxContentionRows];
  uint32_t NTop;
  uint32_t NContended;
  uint32_t Cond[kMaxContentionRows]; // condition-variable pairs with waits, by total wait
  uint32_t NCond;
  int32_t GlobalLock; // lock id or -1 (for a condvar-based lock: the pair's mutex)
  int32_t GCond;      // CondPairs index when the global lock is built on a condvar, or -1
  double GBusy;       // its share of wall time with some thread waiting
  uint32_t GHandoff;  // its waiting threads that also signalled it
  uint64_t NowNs;
  double GHeld, GHeldCpu, GWait, GPar;
  uint64_t CpuNs;
  uint32_t GWaiting;
  uint64_t WallNs;
  double NsPerTick; // hold-time ticks to ns (HoldNsPerTick)
  uint32_t NDeadlockCycles, NGated, NSharedOnly;
  // Name locks by address, not M<n>: a message printed before the report
  // exists cannot know the report's numbering.
  bool AddressLabels;
};

uint32_t RefLock(Ctx &C, uint32_t Id) {
  if (C.LockIdx[Id])
    return C.LockIdx[Id] - 1;
  if (C.NRLocks >= kMaxReportLocks)
    return 0;
  C.RLocks[C.NRLocks] = Id;
  C.LockIdx[Id] = ++C.NRLocks;
  return C.NRLocks - 1;
}

void RefEdge(Ctx &C, uint32_t E) {
  if (C.EdgeIdx[E] || C.NREdges >= kMaxReportEdges + kCycleEdgePool)
    return;
  RefLock(C, C.S->Graph.From(E));
  RefLock(C, C.S->Graph.To(E));
  C.REdges[C.NREdges] = E;
  C.EdgeIdx[E] = ++C.NREdges;
}

CycleFacts Judge(State *S, const Cycle &Cy) {
  CycleFacts F{kDeadlock, true, kNoLock, kNoLock};
  const uint32_t *E = &S->CycleEdges[Cy.First];
  // A lock both held and wanted in shared mode at one step blocks nobody,
  // unless it is a writer-preferring rwlock that some thread write-locks: a
  // writer queued behind the holder makes the next reader wait (the holder
  // waits on the cycle, the writer on the holder, the reader on the writer).
  uint32_t Blocking = kNoLock, Free = kNoLock;
  for (uint32_t I = 0; I < Cy.Len; ++I) {
    const EdgeInfo &A = S->Edges[E[I]], &B = S->Edges[E[(I + 1) % Cy.Len]];
    if (!(A.ToShared && B.FromShared))
      continue;
    uint32_t Lock = S->Graph.To(E[I]);
    uint8_t Kind = S->Locks[Lock].RwKind.load(std::memory_order_acquire);
    uint32_t &Step = Kind == (kRwPrefersWriters | kRwWriterSeen) ? Blocking : Free;
    if (Step == kNoLock)
      Step = Lock;
  }
  if (Free != kNoLock) {
    F.V = kSharedOnly;
    F.SharedStep = Free;
  } else {
    F.SharedStep = Blocking;
  }
  int32_t Tid = S->Edges[E[0]].Tid;
  for (uint32_t I = 0; I < Cy.Len; ++I)
    if (S->Edges[E[I]].MultiThread || S->Edges[E[I]].Tid != Tid)
      F.SingleThread = false;
  if (F.V == kDeadlock) {
    const EdgeInfo &E0 = S->Edges[E[0]];
    for (uint32_t G = 0; G < E0.NGates && F.Gate == kNoLock; ++G) {
      bool All = true;
      for (uint32_t I = 1; I < Cy.Len && All; ++I) {
        const EdgeInfo &EI = S->Edges[E[I]];
        bool In = false;
        for (uint32_t K = 0; K < EI.NGates; ++K)
          In |= EI.Gates[K] == E0.Gates[G];
        All = In;
      }
      if (All) {
        F.Gate = E0.Gates[G];
        F.V = kGated;
      }
    }
  }
  return F;
}

bool CycleShown(State *S, const CycleFacts &F) {
  return F.V == kDeadlock || (F.V == kGated && S->Opts.Gated == GatedMode::Report);
}

void Gather(Ctx &C) {
  State *S = C.S;
  // Cycles first, so that lock numbers follow the first cycle's order.
  for (uint32_t I = S->InheritedCycles; I < S->NCycles; ++I) {
    const Cycle &Cy = S->Cycles[I];
    CycleFacts F = Judge(S, Cy);
    if (F.V == kSharedOnly) {
      ++C.NSharedOnly;
      continue;
    }
    if (F.V == kGated)
      ++C.NGated;
    else
      ++C.NDeadlockCycles;
    if (!CycleShown(S, F))
      continue;
    for (uint32_t K = 0; K < Cy.Len; ++K)
      RefLock(C, S->Graph.From(S->CycleEdges[Cy.First + K]));
    for (uint32_t K = 0; K < Cy.Len; ++K)
      RefEdge(C, S->CycleEdges[Cy.First + K]);
    if (F.Gate != kNoLock)
      RefLock(C, F.Gate);
  }
  for (uint32_t I = S->InheritedFindings; I < S->NFindings; ++I)
    for (uint32_t K = 0; K < S->Findings[I].NLocks; ++K)
      RefLock(C, S->Findings[I].Locks[K]);
  uint32_t NE = S->Graph.NumEdges();
  if (NE <= kMaxReportEdges) {
    for (uint32_t E = 0; E < NE; ++E)
      RefEdge(C, E);
  } else {
    C.EdgesTruncated = true;
  }
  // Contention: top N by total wait (lock waits plus condition waits).
  uint32_t NL = S->NLocks.load(std::memory_order_acquire);
  uint32_t TopN = static_cast<uint32_t>(S->Opts.ContentionTop);
  if (TopN > kMaxContentionRows)
    TopN = kMaxContentionRows;
  C.GlobalLock = -1;
  C.GHeld = 0;
  C.GHeldCpu = 0;
  C.CpuNs = ProcessCpuNs() - S->StartCpuNs;
  for (uint32_t Id = 0; Id < NL; ++Id) {
    const LockInfo &L = S->Locks[Id];
    if (!L.Contended && !L.CondWaits)
      continue;
    ++C.NContended;
    uint64_t W = L.WaitNs + L.CondWaitNs;
    if (TopN) {
      uint32_t Pos = C.NTop < TopN ? C.NTop++ : TopN;
      if (Pos == TopN) {
        const LockInfo &Last = S->Locks[C.Top[TopN - 1]];
        if (Last.WaitNs + Last.CondWaitNs >= W)
          goto verdict;
        Pos = TopN - 1;
      }
      while (Pos > 0) {
        const LockInfo &P = S->Locks[C.Top[Pos - 1]];
        if (P.WaitNs + P.CondWaitNs >= W)
          break;
        C.Top[Pos] = C.Top[Pos - 1];
        --Pos;
      }
      C.Top[Pos] = Id;
    }
  verdict:
    // Global lock: held most of the wall time while other threads waited.
    if (L.HoldSamples && L.Contended && C.WallNs) {
      double HeldNs = double(L.HoldTicks) * C.NsPerTick / double(L.HoldSamples) * double(L.Acq);
      double Held = HeldNs / double(C.WallNs);
      // Share of the program's CPU time spent holding it: about 1 when all
      // the work happens under the lock, even on a loaded machine where the
      // program does not get the CPU all the time.
      double HeldCpu = C.CpuNs ? HeldNs / double(C.CpuNs) : 0;
      if (HeldCpu > 1.0)
        HeldCpu = 1.0;
      uint32_t Users = static_cast<uint32_t>(PopCount4(L.ThreadBits));
      uint32_t Waiting = static_cast<uint32_t>(PopCount4(L.WaitBits));
      double WaitShare = double(L.WaitNs) / (double(C.WallNs) * (Users ? Users : 1));
      if (Held > 1.0)
        Held = 1.0;
      double Score = Held > HeldCpu ? Held : HeldCpu;
      if (Score >= kGlobalHeldShare && WaitShare >= kGlobalWaitShare && Waiting >= 1 &&
          Score > (C.GHeld > C.GHeldCpu ? C.GHeld : C.GHeldCpu)) {
        C.GlobalLock = static_cast<int32_t>(Id);
        C.GHeld = Held;
        C.GHeldCpu = HeldCpu;
        C.GWait = WaitShare;
        C.GWaiting = Waiting;
      }
    }
  }
  for (uint32_t I = 0; I < C.NTop; ++I)
    RefLock(C, C.Top[I]);
  // Condition-variable pairs, by total wait; and the lock-built-on-a-condvar
  // verdict, judged from the pair's generic counters like a mutex from its own.
  double Best = C.GHeld > C.GHeldCpu ? C.GHeld : C.GHeldCpu;
  C.GCond = -1;
  uint32_t NPairs = S->NCondPairs.load(std::memory_order_acquire);
  for (uint32_t K = 0; K < NPairs && K < kMaxCondPairs; ++K) {
    uint32_t I1 = __atomic_load_n(&S->CondPairList[K], __ATOMIC_ACQUIRE);
    if (!I1)
      continue; // being claimed right now
    uint32_t I = I1 - 1;
    const CondPair &P = S->CondPairs[I];
    if (!P.Cond.load(std::memory_order_acquire) || !P.Waits)
      continue;
    if (C.NCond < kMaxCondRows) {
      uint32_t Pos = C.NCond++;
      while (Pos > 0 && S->CondPairs[C.Cond[Pos - 1]].WaitNs < P.WaitNs) {
        C.Cond[Pos] = C.Cond[Pos - 1];
        --Pos;
      }
      C.Cond[Pos] = I;
      RefLock(C, P.Mutex);
    }
    if (!C.WallNs)
      continue;
    double Busy = double(BusyNs(P, C.NowNs)) / double(C.WallNs);
    if (Busy > 1.0)
      Busy = 1.0;
    uint32_t Waiting = static_cast<uint32_t>(PopCount4(P.ThreadBits));
    uint32_t Handoff = static_cast<uint32_t>(HandoffThreads(P));
    double WaitShare = double(P.WaitNs) / (double(C.WallNs) * (Waiting ? Waiting : 1));
    if (Busy >= kGlobalBusyShare && WaitShare >= kGlobalWaitShare && Waiting >= 2 &&
        Handoff >= kGlobalHandoffThreads && Busy > Best) {
      Best = Busy;
      C.GCond = static_cast<int32_t>(I);
      C.GlobalLock = static_cast<int32_t>(P.Mutex);
      C.GBusy = Busy;
      C.GWait = WaitShare;
      C.GWaiting = Waiting;
      C.GHandoff = Handoff;
    }
  }
  if (C.GlobalLock >= 0)
    RefLock(C, static_cast<uint32_t>(C.GlobalLock));
  C.GPar = C.WallNs ? double(C.CpuNs) / double(C.WallNs) : 0;
}

//===-- Text -------------------------------------------------------------===//

void Header(OutBuf &O) { O.Str("==").I64(getpid()).Str("==lockgraph: "); }

void LockRef(OutBuf &O, Ctx &C, uint32_t Id) {
  if (C.AddressLabels) {
    const LockInfo &L = C.S->Locks[Id];
    O.Str(LockTypeName(L.Type)).Ch('@').Hex(L.Addr);
    return;
  }
  O.Ch('M').U64(RefLock(C, Id));
}

void TextFrame(OutBuf &O, const Frame &F, int I) {
  O.Str("    #").I64(I).Ch(' ').Hex(F.Pc);
  if (F.Symbol)
    O.Str(" in ").Str(NameOf(F.Symbol));
  O.Ch(' ').Str(F.Module ? NameOf(F.Module) : "<unknown module>").Str("+").Hex(F.Offset).Ch('\n');
}

void TextStack(OutBuf &O, uint32_t Id) {
  int N;
  const Frame *F = GetStack(Id, &N);
  if (!N) {
    O.Str("    <no stack>\n");
    return;
  }
  for (int I = 0; I < N; ++I)
    TextFrame(O, F[I], I);
}

void TextFrameInline(OutBuf &O, const Frame &F) {
  if (F.Symbol)
    O.Str(NameOf(F.Symbol)).Ch(' ');
  O.Str(F.Module ? NameOf(F.Module) : "<unknown module>").Ch('+').Hex(F.Offset);
}

void TextSite(OutBuf &O, const LockInfo &L) { TextFrameInline(O, L.Site); }

void TextLockLine(OutBuf &O, Ctx &C, uint32_t Id) {
  const LockInfo &L = C.S->Locks[Id];
  O.Str("  ");
  if (!C.AddressLabels) {
    LockRef(O, C, Id);
    O.Str(" = ");
  }
  O.Str(LockTypeName(L.Type)).Ch('@').Hex(L.Addr).Str(" (gen ").U64(L.Gen);
  O.Str("), first acquired at ");
  TextSite(O, L);
  O.Ch('\n');
}

void TextCycle(OutBuf &O, Ctx &C, const Cycle &Cy, const CycleFacts &F) {
  State *S = C.S;
  const uint32_t *E = &S->CycleEdges[Cy.First];
  Header(O);
  if (F.V == kGated) {
    O.Str("NOTE: lock-order-inversion gated by ");
    LockRef(O, C, F.Gate);
    O.Str(" (not a deadlock)");
  } else {
    O.Str("WARNING: lock-order-inversion (potential deadlock)");
  }
  O.Str(": cycle of ").U64(Cy.Len).Str(" locks ");
  for (uint32_t I = 0; I < Cy.Len; ++I) {
    LockRef(O, C, S->Graph.From(E[I]));
    O.Str(" => ");
  }
  LockRef(O, C, S->Graph.From(E[0]));
  O.Ch('\n');
  for (uint32_t I = 0; I < Cy.Len; ++I) {
    const EdgeInfo &EI = S->Edges[E[I]];
    uint32_t From = S->Graph.From(E[I]), To = S->Graph.To(E[I]);
    O.Str("  ");
    LockRef(O, C, To);
    O.Str(" acquired while holding ");
    LockRef(O, C, From);
    O.Str(" in thread ").I64(EI.Tid).Str(EI.ToShared ? " (shared):\n" : " (exclusive):\n");
    TextStack(O, EI.AcqStack);
    O.Str("  ");
    LockRef(O, C, From);
    O.Str(" previously acquired by that thread at:\n");
    TextStack(O, EI.HeldStack);
  }
  if (F.SingleThread)
    O.Str("  note: every edge was formed by thread ").I64(S->Edges[E[0]].Tid)
        .Str("; it deadlocks only if other threads run the same code [single-thread]\n");
  if (F.V == kGated) {
    O.Str("  note: every edge was formed while holding ");
    LockRef(O, C, F.Gate);
    O.Str(", which serializes them [gated]\n");
  }
  if (F.SharedStep != kNoLock) {
    const LockInfo &L = S->Locks[F.SharedStep];
    O.Str("  note: ");
    LockRef(O, C, F.SharedStep);
    O.Str(" is held and requested in shared mode, but it is a writer-preferring rwlock "
          "(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP) that thread ")
        .I64(L.WriterTid).Str(" write-locks at ");
    TextFrameInline(O, L.WriterSite);
    O.Str(": a reader waits behind a queued writer, so the readers can deadlock "
          "[writer-preferring]\n");
  }
  for (uint32_t I = 0; I < Cy.Len; ++I)
    TextLockLine(O, C, S->Graph.From(E[I]));
  if (F.Gate != kNoLock)
    TextLockLine(O, C, F.Gate);
}

// A cycle that is not reported because it passes through shared holds of a
// reader-preferring rwlock: one line saying which, and why it cannot block.
void TextSharedOnly(OutBuf &O, Ctx &C, const Cycle &Cy, const CycleFacts &F) {
  State *S = C.S;
  const uint32_t *E = &S->CycleEdges[Cy.First];
  auto Label = [&](uint32_t Id) {
    const LockInfo &L = S->Locks[Id];
    O.Str(LockTypeName(L.Type)).Ch('@').Hex(L.Addr);
  };
  Header(O);
  O.Str("NOTE: shared-only lock-order cycle of ").U64(Cy.Len).Str(" locks ");
  for (uint32_t I = 0; I < Cy.Len; ++I) {
    Label(S->Graph.From(E[I]));
    O.Str(" => ");
  }
  Label(S->Graph.From(E[0]));
  O.Str(" (not a deadlock): ");
  Label(F.SharedStep);
  if (S->Locks[F.SharedStep].RwKind.load(std::memory_order_acquire) & kRwPrefersWriters)
    O.Str(" is held and requested in shared mode; it prefers writers, but no thread asked to "
          "write-lock it, so no writer queued between its readers [shared-only]\n");
  else
    O.Str(" is held and requested in shared mode, and a reader-preferring rwlock (glibc's "
          "default, std::shared_mutex) lets a reader in while others read [shared-only]\n");
}

// "thread N" or, for a thread the lock word names but the shim does not
// know, "another thread".
void TextThread(OutBuf &O, int32_t Tid) {
  if (Tid)
    O.Str("thread ").I64(Tid);
  else
    O.Str("another thread");
}

void TextRepeats(OutBuf &O, const Finding &F) {
  if (F.Count > 1)
    O.Str("  (").U64(F.Count).Str(" times at this call site)\n");
}

// The misuse findings: one line saying what happened, then the call's stack.
void TextMisuse(OutBuf &O, Ctx &C, const Finding &F) {
  State *S = C.S;
  O.Str("ERROR: ").Str(FindingCheck(F.Kind)).Str(": thread ").I64(F.Tids[0]);
  switch (F.Kind) {
  case kDoubleLock:
    O.Str(" locks ");
    LockRef(O, C, F.Locks[0]);
    if (!C.AddressLabels) // else the label already says the type
      O.Str(" (").Str(LockTypeName(S->Locks[F.Locks[0]].Type)).Ch(')');
    if (F.Detail == kRecursiveRead) {
      O.Str(" for reading again; it is a writer-preferring rwlock "
            "(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP), so this call never returns "
            "whenever a writer is queued between the two\n");
      break;
    }
    O.Str(" that it already holds; ");
    if (F.Err == ETIMEDOUT)
      O.Str("the call waits until its deadline and returns ETIMEDOUT\n");
    else if (F.Err)
      O.Str("the call returned ").Str(ErrnoName(F.Err)).Ch('\n');
    else
      O.Str("this call never returns\n");
    break;
  case kDestroyHeld:
    O.Str(" destroys ");
    LockRef(O, C, F.Locks[0]);
    if (F.Detail == kHeldBySelf) {
      O.Str(", which it holds itself");
    } else {
      O.Str(", which ");
      TextThread(O, F.Tids[1]);
      O.Str(F.Detail == kHasWaiters ? " is blocked acquiring" : " holds");
      if (F.Detail == kHeldByOther && F.Tids[2]) {
        O.Str(" and ");
        TextThread(O, F.Tids[2]);
        O.Str(" is blocked acquiring");
      }
    }
    if (F.Err)
      O.Str(" (the real call returned ").Str(ErrnoName(F.Err)).Ch(')');
    O.Ch('\n');
    break;
  case kUnlockNotHeld:
    O.Str(" unlocks ");
    LockRef(O, C, F.Locks[0]);
    if (F.Detail == kNeverLocked) {
      O.Str(", which no thread has locked\n");
    } else if (F.Detail == kNotLocked) {
      O.Str(", which is not locked (it was unlocked before)\n");
    } else {
      O.Str(", which ");
      TextThread(O, F.Tids[1]);
      O.Str(" holds\n");
    }
    break;
  case kLockCallFailed:
    O.Str(F.Detail == kCallUnlock    ? ": the unlock of "
          : F.Detail == kCallTryLock ? ": the try-lock of "
                                     : ": the lock of ");
    LockRef(O, C, F.Locks[0]);
    O.Str(" failed with ").Str(ErrnoName(F.Err)).Str(" (").Str(ErrnoMeaning(F.Err, F.Detail))
        .Str(")\n");
    break;
  case kCondWaitNotHeld:
    O.Str(" waits on a condition variable with ");
    LockRef(O, C, F.Locks[0]);
    if (F.Detail == kNotLocked) {
      O.Str(", which is not locked\n");
    } else {
      O.Str(", which ");
      TextThread(O, F.Tids[1]);
      O.Str(" holds\n");
    }
    break;
  case kCondTwoMutexes:
    O.Str(" waits on a condition variable with ");
    LockRef(O, C, F.Locks[0]);
    O.Str(" while other threads wait on it with ");
    LockRef(O, C, F.Locks[1]);
    O.Ch('\n');
    break;
  }
  TextStack(O, F.Stacks[0]);
  if (F.Kind == kUnlockNotHeld && F.Stacks[1]) {
    O.Str("  held by ");
    TextThread(O, F.Tids[1]);
    O.Str(" since:\n");
    TextStack(O, F.Stacks[1]);
  }
  TextRepeats(O, F);
  for (uint32_t K = 0; K < F.NLocks; ++K)
    TextLockLine(O, C, F.Locks[K]);
}

void TextFinding(OutBuf &O, Ctx &C, const Finding &F) {
  State *S = C.S;
  Header(O);
  if (F.Kind != kLiveDeadlock && F.Kind != kThreadExitHeld) {
    TextMisuse(O, C, F);
    return;
  }
  if (F.Kind == kThreadExitHeld) {
    O.Str("ERROR: thread-exit-holding-lock: thread ").I64(F.Tids[0]).Str(" ended holding ")
        .U64(F.NLocks).Str(F.NLocks == 1 ? " lock" : " locks")
        .Str("; a thread waiting for one waits forever\n");
    for (uint32_t K = 0; K < F.NLocks; ++K) {
      O.Str("  ");
      LockRef(O, C, F.Locks[K]);
      O.Str(" taken at:\n");
      TextStack(O, F.Stacks[K]);
    }
    for (uint32_t K = 0; K < F.NLocks; ++K)
      TextLockLine(O, C, F.Locks[K]);
    return;
  }
  O.Str("ERROR: live-deadlock: ").U64(F.NLocks).Str(" threads blocked for ")
      .U64(F.BlockedNs / 1000000).Str(" ms in a cycle: ");
  for (uint32_t K = 0; K < F.NLocks; ++K) {
    O.Str("thread ").I64(F.Tids[K]).Str(" waits for ");
    LockRef(O, C, F.Locks[K]);
    O.Str(K + 1 < F.NLocks ? ", " : "\n");
  }
  for (uint32_t K = 0; K < F.NLocks; ++K) {
    O.Str("  thread ").I64(F.Tids[K]).Str(" blocked acquiring ");
    LockRef(O, C, F.Locks[K]);
    O.Str(" at:\n");
    TextStack(O, F.Stacks[K]);
    // The order edge this thread formed: what it held when it asked.
    uint32_t Prev = F.Locks[(K + F.NLocks - 1) % F.NLocks];
    uint32_t E = S->Graph.FindEdge(Prev, F.Locks[K]);
    if (E != LockGraph::kNone) {
      O.Str("  while holding ");
      LockRef(O, C, Prev);
      O.Str(" (edge first formed by thread ").I64(S->Edges[E].Tid).Str("):\n");
      TextStack(O, S->Edges[E].AcqStack);
    }
  }
  for (uint32_t K = 0; K < F.NLocks; ++K)
    TextLockLine(O, C, F.Locks[K]);
}

void TextContention(OutBuf &O, Ctx &C) {
  State *S = C.S;
  if (!C.NTop)
    return;
  Header(O);
  O.Str("contention: top ").U64(C.NTop).Str(" of ").U64(C.NContended)
      .Str(" contended locks by total wait (hold times sampled 1 in ")
      .I64(S->Opts.HoldSampleRate).Str(")\n");
  O.Str("  lock").Pad(10).Str("type").Pad(20).Str("acquired").Pad(32).Str("contended").Pad(44)
      .Str("wait_ms").Pad(56).Str("max_ms").Pad(66).Str("held%").Pad(74).Str("thr").Pad(79)
      .Str("cond_waits").Pad(91).Str("site\n");
  for (uint32_t I = 0; I < C.NTop; ++I) {
    const LockInfo &L = S->Locks[C.Top[I]];
    O.Str("  ");
    LockRef(O, C, C.Top[I]);
    O.Pad(10).Str(LockTypeName(L.Type)).Pad(20).U64(L.Acq).Pad(32).U64(L.Contended).Pad(44)
        .Fixed(double(L.WaitNs) / 1e6, 3).Pad(56).Fixed(double(L.WaitMax) / 1e6, 3).Pad(66);
    if (L.HoldSamples && C.WallNs) {
      double Held = double(L.HoldTicks) * C.NsPerTick / double(L.HoldSamples) * double(L.Acq) /
                    double(C.WallNs);
      O.Fixed(100.0 * (Held > 1.0 ? 1.0 : Held), 1);
    }
    else
      O.Ch('-');
    O.Pad(74).I64(PopCount4(L.ThreadBits)).Pad(79).U64(L.CondWaits).Pad(91);
    TextSite(O, L);
    O.Ch('\n');
  }
}

// A waiting site (wait call + caller): its counts, then up to 4 frames of
// the stack captured at its first wait (frame #0 is the caller of pthread_cond_*wait; when it has
// no dynamic symbol, the next frames name its callers).
void TextCondSite(OutBuf &O, const CondSite &St) {
  O.Str("    ").U64(St.Waits).Str(" waits, ").Fixed(double(St.WaitNs) / 1e6, 1).Str(" ms, ")
      .U64(St.Timeouts).Str(" timeouts, at:\n");
  int N;
  const Frame *F = GetStack(St.Stack, &N);
  if (!N) {
    O.Str("    <no stack>\n");
    return;
  }
  for (int I = 0; I < N && I < 4; ++I) {
    O.Str("  ");
    TextFrame(O, F[I], I);
  }
}

void TextCondGlobal(OutBuf &O, Ctx &C) {
  const CondPair &P = C.S->CondPairs[C.GCond];
  const LockInfo &L = C.S->Locks[C.GlobalLock];
  Header(O);
  O.Str("WARNING: global-lock: a lock built on condition variable cond@").Hex(P.Cond.load())
      .Str(" with mutex ");
  LockRef(O, C, static_cast<uint32_t>(C.GlobalLock));
  O.Str(" (").Str(LockTypeName(L.Type)).Str(" first acquired at ");
  TextSite(O, L);
  O.Str("): some thread waited for it ").Fixed(C.GBusy * 100, 1).Str("% of the wall time; ")
      .U64(C.GWaiting).Str(" threads waited for it (").Fixed(C.GWait * 100, 1)
      .Str("% of their time), ").U64(C.GHandoff).Str(" of them also signalled it; ")
      .U64(P.Waits).Str(" waits, ").U64(P.Timeouts).Str(" timed out; effective parallelism ")
      .Fixed(C.GPar, 2).Str(" over ").Fixed(double(C.WallNs) / 1e9, 2).Str(" s\n");
  // Top waiting sites by total wait.
  uint32_t Order[kMaxCondSites], N = 0;
  for (uint32_t K = 0; K < kMaxCondSites; ++K) {
    if (!P.Sites[K].Key.load(std::memory_order_acquire) || !P.Sites[K].Waits)
      continue;
    uint32_t Pos = N++;
    while (Pos > 0 && P.Sites[Order[Pos - 1]].WaitNs < P.Sites[K].WaitNs) {
      Order[Pos] = Order[Pos - 1];
      --Pos;
    }
    Order[Pos] = K;
  }
  O.Str("  top waiting sites:\n");
  for (uint32_t K = 0; K < N; ++K)
    TextCondSite(O, P.Sites[Order[K]]);
  if (P.OtherWaits)
    O.Str("    ").U64(P.OtherWaits).Str(" waits, ").Fixed(double(P.OtherNs) / 1e6, 1)
        .Str(" ms, at other sites\n");
}

// Condition-variable pairs by total wait (verbosity >= 1).
void TextCondTable(OutBuf &O, Ctx &C) {
  State *S = C.S;
  uint32_t N = C.NCond;
  uint32_t TopN = static_cast<uint32_t>(S->Opts.ContentionTop);
  if (N > TopN)
    N = TopN;
  if (!N)
    return;
  Header(O);
  O.Str("condition variables: top ").U64(N).Str(" of ").U64(C.NCond).Str(" by total wait\n");
  O.Str("  cond").Pad(22).Str("mutex").Pad(30).Str("waits").Pad(40).Str("wait_ms").Pad(52)
      .Str("max_ms").Pad(62).Str("busy%").Pad(70).Str("timeouts").Pad(80).Str("waiters")
      .Pad(89).Str("signallers").Pad(101).Str("both\n");
  for (uint32_t I = 0; I < N; ++I) {
    const CondPair &P = S->CondPairs[C.Cond[I]];
    O.Str("  ").Hex(P.Cond.load()).Pad(22);
    LockRef(O, C, P.Mutex);
    O.Pad(30).U64(P.Waits).Pad(40).Fixed(double(P.WaitNs) / 1e6, 3).Pad(52)
        .Fixed(double(P.WaitMax) / 1e6, 3).Pad(62);
    double Busy = C.WallNs ? double(BusyNs(P, C.NowNs)) / double(C.WallNs) : 0;
    O.Fixed(100.0 * (Busy > 1.0 ? 1.0 : Busy), 1).Pad(70).U64(P.Timeouts).Pad(80)
        .I64(PopCount4(P.ThreadBits)).Pad(89).I64(PopCount4(P.SignalBits)).Pad(101)
        .I64(HandoffThreads(P)).Ch('\n');
  }
}

void TextGlobal(OutBuf &O, Ctx &C) {
  if (C.GlobalLock < 0)
    return;
  if (C.GCond >= 0) {
    TextCondGlobal(O, C);
    return;
  }
  const LockInfo &L = C.S->Locks[C.GlobalLock];
  Header(O);
  O.Str("WARNING: global-lock: ");
  LockRef(O, C, static_cast<uint32_t>(C.GlobalLock));
  O.Str(" (").Str(LockTypeName(L.Type)).Str(" first acquired at ");
  TextSite(O, L);
  O.Str(") was held ").Fixed(C.GHeld * 100, 1).Str("% of the wall time (")
      .Fixed(C.GHeldCpu * 100, 1).Str("% of the program's CPU time); ").U64(C.GWaiting)
      .Str(" threads waited for it (")
      .Fixed(C.GWait * 100, 1).Str("% of their time); effective parallelism ").Fixed(C.GPar, 2)
      .Str(" over ").Fixed(double(C.WallNs) / 1e9, 2).Str(" s\n");
}

//===-- JSON -------------------------------------------------------------===//

void JsonStack(OutBuf &O, uint32_t Id) {
  int N;
  const Frame *F = GetStack(Id, &N);
  O.Ch('[');
  for (int I = 0; I < N; ++I) {
    O.Str(I ? ", " : "").Str("{\"module\": ").JsonStr(NameOf(F[I].Module)).Str(", \"offset\": \"")
        .Hex(F[I].Offset).Str("\", \"symbol\": ").JsonStr(NameOf(F[I].Symbol)).Ch('}');
  }
  O.Ch(']');
}

// The waiting sites of a pair (unsorted), each with its captured stack.
void JsonCondSites(OutBuf &O, const CondPair &P) {
  O.Ch('[');
  bool First = true;
  for (uint32_t K = 0; K < kMaxCondSites; ++K) {
    const CondSite &St = P.Sites[K];
    if (!St.Key.load(std::memory_order_acquire) || !St.Waits)
      continue;
    O.Str(First ? "" : ", ").Str("{\"waits\": ").U64(St.Waits).Str(", \"wait_ns_total\": ")
        .U64(St.WaitNs).Str(", \"timeouts\": ").U64(St.Timeouts).Str(", \"stack\": ");
    First = false;
    JsonStack(O, St.Stack);
    O.Ch('}');
  }
  O.Ch(']');
}

// The finding's one-line message (constant words and numbers: no escaping).
void JsonMessage(OutBuf &O, const Finding &F) {
  switch (F.Kind) {
  case kDoubleLock:
    if (F.Detail == kRecursiveRead) {
      O.Str("writer-preferring rwlock read-locked again by its reader (hangs behind a "
            "queued writer)");
      return;
    }
    O.Str(F.Err ? "non-recursive lock re-acquired by its owner (the call returned "
                : "non-recursive lock re-acquired by its owner");
    if (F.Err)
      O.Str(ErrnoName(F.Err)).Ch(')');
    return;
  case kLiveDeadlock:
    O.Str("threads blocked in a lock cycle");
    return;
  case kThreadExitHeld:
    O.Str("a thread ended holding locks");
    return;
  case kDestroyHeld:
    O.Str(F.Detail == kHasWaiters ? "a lock destroyed while a thread waits for it"
          : F.Detail == kHeldBySelf ? "a lock destroyed while it is held (by the caller)"
                                    : "a lock destroyed while it is held (by another thread)");
    return;
  case kUnlockNotHeld:
    O.Str(F.Detail == kNeverLocked ? "unlock of a lock that was never locked"
          : F.Detail == kNotLocked ? "unlock of a lock that is not locked"
                                   : "unlock of a lock held by another thread");
    return;
  case kLockCallFailed:
    O.Str(F.Detail == kCallUnlock    ? "unlock failed with "
          : F.Detail == kCallTryLock ? "try-lock failed with "
                                     : "lock failed with ")
        .Str(ErrnoName(F.Err));
    return;
  case kCondWaitNotHeld:
    O.Str("condition-variable wait with a mutex the thread does not hold");
    return;
  case kCondTwoMutexes:
    O.Str("one condition variable waited on with two mutexes at once");
    return;
  }
}

void FindingId(OutBuf &O, const char *Check, Ctx &C, const uint32_t *Locks, uint32_t N) {
  uint64_t H = HashBytes(Check, strlen(Check));
  uint64_t Sum = 0;
  for (uint32_t I = 0; I < N; ++I)
    Sum += Mix64(ClassKey(C.S->Locks[Locks[I]]));
  H = Mix64(H ^ Sum);
  char Buf[20];
  for (int I = 15; I >= 0; --I) {
    Buf[I] = "0123456789abcdef"[H & 15];
    H >>= 4;
  }
  Buf[16] = 0;
  O.JsonStr(Buf);
}

void Json(OutBuf &O, Ctx &C, const char *Program) {
  State *S = C.S;
  O.Str("{\n  \"format\": \"lockgraph-report\", \"version\": 1,\n");
  O.Str("  \"producer\": {\"side\": \"runtime\", \"tool\": \"lockgraph-rt 0.1.0\", \"program\": ")
      .JsonStr(Program).Str(", \"pid\": ").I64(getpid()).Str("},\n");
  O.Str("  \"locks\": [");
  for (uint32_t I = 0; I < C.NRLocks; ++I) {
    const LockInfo &L = S->Locks[C.RLocks[I]];
    O.Str(I ? ",\n    " : "\n    ").Str("{\"id\": ").U64(I).Str(", \"name\": \"")
        .Str(LockTypeName(L.Type)).Ch('@').Hex(L.Addr).Str("(gen ").U64(L.Gen)
        .Str(")\", \"kind\": \"runtime\", \"type\": \"").Str(LockTypeName(L.Type))
        .Str("\", \"address\": \"").Hex(L.Addr).Str("\", \"generation\": ").U64(L.Gen)
        .Str(", \"class_key\": \"").Hex(ClassKey(L)).Str("\", \"site\": [{\"module\": ")
        .JsonStr(NameOf(L.Site.Module)).Str(", \"offset\": \"").Hex(L.Site.Offset)
        .Str("\", \"symbol\": ").JsonStr(NameOf(L.Site.Symbol)).Str("}]");
    uint32_t Wait = L.WaitStack.load(std::memory_order_acquire);
    if (Wait != 0 && Wait != kWaitStackTaking) {
      O.Str(", \"wait_stack\": ");
      JsonStack(O, Wait);
    }
    O.Ch('}');
  }
  O.Str("\n  ],\n  \"edges\": [");
  for (uint32_t I = 0; I < C.NREdges; ++I) {
    uint32_t E = C.REdges[I];
    const EdgeInfo &EI = S->Edges[E];
    O.Str(I ? ",\n    " : "\n    ").Str("{\"from\": ").U64(C.LockIdx[S->Graph.From(E)] - 1)
        .Str(", \"to\": ").U64(C.LockIdx[S->Graph.To(E)] - 1).Str(", \"witness\": {\"thread\": ")
        .I64(EI.Tid).Str(", \"mode\": \"").Str(EI.ToShared ? "shared" : "exclusive")
        .Str("\", \"held_mode\": \"").Str(EI.FromShared ? "shared" : "exclusive")
        .Str("\", \"held_stack\": ");
    JsonStack(O, EI.HeldStack);
    O.Str(", \"acquired_stack\": ");
    JsonStack(O, EI.AcqStack);
    O.Str("}}");
  }
  O.Str("\n  ],\n  \"edges_truncated\": ").Str(C.EdgesTruncated ? "true" : "false");
  O.Str(",\n  \"findings\": [");
  bool First = true;
  for (uint32_t I = S->InheritedCycles; I < S->NCycles; ++I) {
    const Cycle &Cy = S->Cycles[I];
    CycleFacts F = Judge(S, Cy);
    if (!CycleShown(S, F))
      continue;
    const uint32_t *E = &S->CycleEdges[Cy.First];
    uint32_t Nodes[kMaxCycleLen];
    for (uint32_t K = 0; K < Cy.Len; ++K)
      Nodes[K] = S->Graph.From(E[K]);
    O.Str(First ? "\n    " : ",\n    ").Str("{\"check\": \"lock-order-inversion\", \"id\": ");
    First = false;
    FindingId(O, "lock-order-inversion", C, Nodes, Cy.Len);
    O.Str(", \"severity\": \"").Str(F.V == kGated ? "note" : "warning")
        .Str("\", \"message\": \"").Str(F.V == kGated ? "gated lock-order cycle (not a deadlock)"
                                                       : "lock-order-inversion (potential deadlock)")
        .Str(": cycle of ").U64(Cy.Len).Str(" locks\", \"locks\": [");
    for (uint32_t K = 0; K < Cy.Len; ++K)
      O.Str(K ? ", " : "").U64(C.LockIdx[Nodes[K]] - 1);
    O.Str("], \"edges\": [");
    for (uint32_t K = 0; K < Cy.Len; ++K)
      O.Str(K ? ", " : "").U64(C.EdgeIdx[E[K]] - 1);
    O.Str("], \"tags\": [");
    bool T1 = true;
    if (F.SingleThread) {
      O.Str("\"single-thread\"");
      T1 = false;
    }
    if (F.V == kGated) {
      O.Str(T1 ? "" : ", ").Str("\"gated\"");
      T1 = false;
    }
    if (F.SharedStep != kNoLock)
      O.Str(T1 ? "" : ", ").Str("\"writer-preferring\"");
    O.Ch(']');
    if (F.SharedStep != kNoLock) {
      const LockInfo &L = S->Locks[F.SharedStep];
      O.Str(", \"writer_preferring\": {\"lock\": ").U64(C.LockIdx[F.SharedStep] - 1)
          .Str(", \"writer_thread\": ").I64(L.WriterTid).Str(", \"writer_site\": [{\"module\": ")
          .JsonStr(NameOf(L.WriterSite.Module)).Str(", \"offset\": \"").Hex(L.WriterSite.Offset)
          .Str("\", \"symbol\": ").JsonStr(NameOf(L.WriterSite.Symbol)).Str("}]}");
    }
    if (F.Gate != kNoLock)
      O.Str(", \"gate\": ").U64(C.LockIdx[F.Gate] - 1);
    O.Ch('}');
  }
  for (uint32_t I = S->InheritedFindings; I < S->NFindings; ++I) {
    const Finding &F = S->Findings[I];
    const char *Check = FindingCheck(F.Kind);
    O.Str(First ? "\n    " : ",\n    ").Str("{\"check\": \"").Str(Check).Str("\", \"id\": ");
    First = false;
    FindingId(O, Check, C, F.Locks, F.NLocks);
    O.Str(", \"severity\": \"error\", \"message\": \"");
    JsonMessage(O, F);
    O.Str("\", \"count\": ").U64(F.Count ? F.Count : 1);
    if (F.Err)
      O.Str(", \"error\": \"").Str(ErrnoName(F.Err)).Ch('"');
    if (F.Tids[1] && F.Tids[1] != F.Tids[0] && F.NLocks == 1)
      O.Str(", \"other_thread\": ").I64(F.Tids[1]);
    O.Str(", \"locks\": [");
    for (uint32_t K = 0; K < F.NLocks; ++K)
      O.Str(K ? ", " : "").U64(C.LockIdx[F.Locks[K]] - 1);
    O.Str("], \"edges\": [], \"tags\": [], \"threads\": [");
    for (uint32_t K = 0; K < F.NLocks; ++K)
      O.Str(K ? ", " : "").I64(F.Tids[K]);
    O.Str("], \"stacks\": [");
    for (uint32_t K = 0; K < F.NLocks; ++K) {
      O.Str(K ? ", " : "");
      JsonStack(O, F.Stacks[K]);
    }
    O.Str("]}");
  }
  if (C.GlobalLock >= 0) {
    uint32_t G = static_cast<uint32_t>(C.GlobalLock);
    O.Str(First ? "\n    " : ",\n    ").Str("{\"check\": \"global-lock\", \"id\": ");
    First = false;
    FindingId(O, "global-lock", C, &G, 1);
    O.Str(", \"severity\": \"warning\", \"message\": \"")
        .Str(C.GCond >= 0 ? "one lock built on a condition variable serializes the program"
                          : "one lock serializes the program")
        .Str("\", \"locks\": [")
        .U64(C.LockIdx[G] - 1).Str("], \"edges\": [], \"tags\": []}");
  }
  O.Str("\n  ],\n  \"contention\": [");
  for (uint32_t I = 0; I < C.NTop; ++I) {
    const LockInfo &L = S->Locks[C.Top[I]];
    O.Str(I ? ",\n    " : "\n    ").Str("{\"lock\": ").U64(C.LockIdx[C.Top[I]] - 1)
        .Str(", \"acquisitions\": ").U64(L.Acq).Str(", \"contended\": ").U64(L.Contended)
        .Str(", \"wait_ns_total\": ").U64(L.WaitNs).Str(", \"wait_ns_max\": ").U64(L.WaitMax)
        .Str(", \"hold_ns_total\": ").U64(uint64_t(double(L.HoldTicks) * C.NsPerTick))
        .Str(", \"hold_samples\": ").U64(L.HoldSamples)
        .Str(", \"threads\": ").I64(PopCount4(L.ThreadBits)).Str(", \"cond_waits\": ")
        .U64(L.CondWaits).Str(", \"cond_wait_ns_total\": ").U64(L.CondWaitNs)
        .Str(", \"cond_timeouts\": ").U64(L.CondTimeouts).Ch('}');
  }
  // Extension (not yet in the shared schema): waits per (condvar, mutex).
  O.Str("\n  ],\n  \"cond_waits\": [");
  for (uint32_t I = 0; I < C.NCond; ++I) {
    const CondPair &P = S->CondPairs[C.Cond[I]];
    O.Str(I ? ",\n    " : "\n    ").Str("{\"cond\": \"").Hex(P.Cond.load()).Str("\", \"lock\": ")
        .U64(C.LockIdx[P.Mutex] - 1).Str(", \"waits\": ").U64(P.Waits).Str(", \"wait_ns_total\": ")
        .U64(P.WaitNs).Str(", \"wait_ns_max\": ").U64(P.WaitMax).Str(", \"timeouts\": ")
        .U64(P.Timeouts).Str(", \"threads\": ").I64(PopCount4(P.ThreadBits))
        .Str(", \"busy_ns\": ").U64(BusyNs(P, C.NowNs)).Str(", \"signals\": ").U64(P.Signals)
        .Str(", \"signal_threads\": ").I64(PopCount4(P.SignalBits))
        .Str(", \"handoff_threads\": ").I64(HandoffThreads(P)).Str(", \"sites\": ");
    JsonCondSites(O, P);
    O.Ch('}');
  }
  O.Str("\n  ],\n  \"global_lock\": ");
  if (C.GCond >= 0) {
    const CondPair &P = S->CondPairs[C.GCond];
    O.Str("{\"lock\": ").U64(C.LockIdx[C.GlobalLock] - 1).Str(", \"kind\": \"condvar\"")
        .Str(", \"cond\": \"").Hex(P.Cond.load()).Str("\", \"busy_share\": ").Fixed(C.GBusy, 3)
        .Str(", \"wait_share\": ").Fixed(C.GWait, 3).Str(", \"threads_waiting\": ")
        .U64(C.GWaiting).Str(", \"handoff_threads\": ").U64(C.GHandoff)
        .Str(", \"waits\": ").U64(P.Waits).Str(", \"timeouts\": ").U64(P.Timeouts)
        .Str(", \"effective_parallelism\": ").Fixed(C.GPar, 2).Str(", \"wall_ns\": ")
        .U64(C.WallNs).Str(", \"sites\": ");
    JsonCondSites(O, P);
    O.Ch('}');
  } else if (C.GlobalLock >= 0) {
    O.Str("{\"lock\": ").U64(C.LockIdx[C.GlobalLock] - 1).Str(", \"held_share\": ")
        .Fixed(C.GHeld, 3).Str(", \"held_cpu_share\": ").Fixed(C.GHeldCpu, 3)
        .Str(", \"wait_share\": ").Fixed(C.GWait, 3)
        .Str(", \"threads_waiting\": ").U64(C.GWaiting).Str(", \"effective_parallelism\": ")
        .Fixed(C.GPar, 2).Str(", \"wall_ns\": ").U64(C.WallNs).Str(", \"kind\": \"mutex\"}");
  } else {
    O.Str("null");
  }
  O.Str(",\n  \"stats\": {\"locks\": ").U64(S->NLocks.load()).Str(", \"edges\": ")
      .U64(S->Graph.NumEdges()).Str(", \"edges_dropped\": ").U64(S->Graph.DroppedEdges())
      .Str(", \"cycles_dropped\": ").U64(S->CyclesDropped).Str(", \"cycles_shared_only\": ")
      .U64(C.NSharedOnly).Str(", \"cycles_gated\": ").U64(C.NGated).Str(", \"threads\": ")
      .U64(S->ThreadsSeen.load()).Str(", \"wall_ns\": ").U64(C.WallNs).Str(", \"cpu_ns\": ")
      .U64(C.CpuNs).Str(", \"limits\": {");
  for (uint32_t K = 0; K < kNumLimits; ++K)
    O.Str(K ? ", \"" : "\"").Str(LimitName(K)).Str("\": ")
        .U64(S->LimitHits[K].load(std::memory_order_relaxed));
  O.Str("}}\n}\n");
}

// argv[0] from /proc/self/cmdline (no allocation).
void ProgramName(char *Buf, size_t N) {
  Buf[0] = 0;
  int Fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return;
  ssize_t R = read(Fd, Buf, N - 1);
  close(Fd);
  Buf[R > 0 ? R : 0] = 0;
}

// report=PATH with "%p" replaced by the pid. False when it does not fit.
bool ReportPath(const char *Pat, char *Out, size_t N) {
  OutBuf O(Out, N, -1);
  for (const char *P = Pat; *P; ++P) {
    if (P[0] == '%' && P[1] == 'p') {
      O.I64(getpid());
      ++P;
    } else {
      O.Ch(*P);
    }
  }
  O.CStr();
  return !O.Truncated();
}

// A process that took no lock and found nothing (a shell, `timeout`, a test
// runner that starts the real test under the same LD_PRELOAD) has nothing to
// say: no text summary, and its JSON report never replaces another's.
bool QuietProcess(const State *S) {
  return S->NLocks.load() == 0 && S->NFindings == S->InheritedFindings;
}

// The report file's names, in the report's scratch memory rather than on the
// stack: a signal may arrive on a thread with a small one.
struct ReportNames {
  char Path[4352];
  char Tmp[4352 + 64];
  char Program[1024];
};

// Counts this process's report writes, so that two that overlap (the
// watchdog's, and a signal handler's that gave up waiting for State::Mu) use
// different temporary files.
std::atomic<uint32_t> g_report_writes{0};

// PATH.tmp.<pid>.<n>: beside PATH (the rename stays in one filesystem), and a
// name no other writer uses.
bool TempPath(const char *Path, char *Out, size_t N) {
  OutBuf O(Out, N, -1);
  O.Str(Path).Str(".tmp.").I64(getpid()).Ch('.').U64(g_report_writes.fetch_add(1));
  O.CStr();
  return !O.Truncated();
}

// Creates a new temporary file beside Path (O_EXCL|O_NOFOLLOW: never an
// existing file, nor one a symlink points to). A name left by a killed
// process of the same pid is skipped. -1 on failure.
int CreateTemp(const char *Path, ReportNames &Names) {
  for (int Try = 0; Try < 16; ++Try) {
    if (!TempPath(Path, Names.Tmp, sizeof(Names.Tmp)))
      return -1;
    int Fd = open(Names.Tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (Fd >= 0 || errno != EEXIST)
      return Fd;
  }
  return -1;
}

// Writes the whole JSON report to Fd. False if any write failed.
bool WriteJson(Ctx &C, int Fd, char *Buf, ReportNames &Names) {
  ProgramName(Names.Program, sizeof(Names.Program));
  OutBuf O(Buf, 32768, Fd);
  Json(O, C, Names.Program);
  O.Flush();
  return !O.WriteFailed();
}

// Moves Tmp to Path only if Path does not exist, atomically: a report another
// process writes meanwhile is never replaced. Tmp is gone afterwards.
void CreateIfAbsent(const char *Tmp, const char *Path) {
  if (renameat2(AT_FDCWD, Tmp, AT_FDCWD, Path, RENAME_NOREPLACE) == 0)
    return;
  // A filesystem without RENAME_NOREPLACE: link() fails as well on an
  // existing name.
  if (errno == EINVAL || errno == ENOSYS)
    link(Tmp, Path);
  unlink(Tmp);
}

// Path exists and is not a regular file (/dev/stderr, a FIFO a reader
// waits on): there is nothing to replace, the report is written into it.
void WriteJsonInPlace(Ctx &C, const char *Path, char *Buf, ReportNames &Names) {
  int Fd = open(Path, O_WRONLY | O_CLOEXEC);
  if (Fd < 0) {
    Warn("cannot open the report file");
    return;
  }
  WriteJson(C, Fd, Buf, Names);
  close(Fd);
}

// The JSON report goes to a temporary file beside PATH, renamed over PATH
// once complete: a reader never sees half a report, and a process killed
// while writing (SIGKILL, a second signal) leaves the previous report whole.
// A quiet process only creates PATH when there is none (so that a program
// that takes no lock still leaves a valid, empty report), and never replaces
// one: a launcher run under the same report=PATH keeps its child's findings.
void WriteJsonFile(Ctx &C, char *Buf, ReportNames &Names) {
  State *S = C.S;
  if (!ReportPath(S->Opts.Report, Names.Path, sizeof(Names.Path))) {
    Warn("the report path is too long; no JSON report");
    return;
  }
  bool Quiet = QuietProcess(S);
  struct stat St;
  if (lstat(Names.Path, &St) == 0) {
    if (Quiet)
      return;
    if (stat(Names.Path, &St) == 0 && !S_ISREG(St.st_mode)) {
      WriteJsonInPlace(C, Names.Path, Buf, Names);
      return;
    }
  }
  int Fd = CreateTemp(Names.Path, Names);
  if (Fd < 0) {
    Warn("cannot create a temporary file beside the report file");
    return;
  }
  bool Written = WriteJson(C, Fd, Buf, Names);
  if (close(Fd) != 0 || !Written) {
    unlink(Names.Tmp);
    Warn("cannot write the report file (the previous one, if any, is kept)");
    return;
  }
  if (Quiet) {
    CreateIfAbsent(Names.Tmp, Names.Path);
  } else if (rename(Names.Tmp, Names.Path) != 0) {
    unlink(Names.Tmp);
    Warn("cannot replace the report file");
  }
}

struct Scratch {
  void *Mem = nullptr;
  size_t Bytes = 0;
  ~Scratch() { Unmap(Mem, Bytes); }
};

void DoReport(bool ToStderr, bool ToJson) {
  State *S = g_state;
  Scratch Sc;
  Sc.Bytes = 4ull * kMaxLocks + 4ull * kMaxEdges + 4ull * kMaxReportLocks +
             4ull * (kMaxReportEdges + kCycleEdgePool) + 65536;
  Sc.Mem = MapNoReserve(Sc.Bytes);
  if (!Sc.Mem)
    return;
  char *P = static_cast<char *>(Sc.Mem);
  Ctx C;
  memset(&C, 0, sizeof(C));
  C.S = S;
  C.LockIdx = reinterpret_cast<uint32_t *>(P);
  C.EdgeIdx = C.LockIdx + kMaxLocks;
  C.RLocks = C.EdgeIdx + kMaxEdges;
  C.REdges = C.RLocks + kMaxReportLocks;
  char *TextBuf = reinterpret_cast<char *>(C.REdges + kMaxReportEdges + kCycleEdgePool);
  static_assert(32768 + sizeof(ReportNames) <= 65536, "the scratch's tail holds both");
  ReportNames &Names = *reinterpret_cast<ReportNames *>(TextBuf + 32768);
  C.NowNs = NowNs();
  C.WallNs = C.NowNs - S->StartNs;
  C.NsPerTick = HoldNsPerTick();
  Gather(C);
  // The file first: if writing the text ends the process (SIGPIPE from a
  // closed stderr), the record CI reads is already complete.
  if (ToJson && S->Opts.Report[0])
    WriteJsonFile(C, TextBuf, Names);
  if (ToStderr) {
    OutBuf O(TextBuf, 32768, 2);
    for (uint32_t I = S->InheritedCycles; I < S->NCycles; ++I) {
      CycleFacts F = Judge(S, S->Cycles[I]);
      if (CycleShown(S, F))
        TextCycle(O, C, S->Cycles[I], F);
    }
    // A process that never took a lock (a shell, a helper tool) stays quiet.
    bool Quiet = QuietProcess(S) && S->Opts.Verbosity < 2;
    if (S->Opts.Verbosity >= 1 && !Quiet) {
      uint32_t Shown = 0;
      for (uint32_t I = S->InheritedCycles; I < S->NCycles; ++I) {
        CycleFacts F = Judge(S, S->Cycles[I]);
        if (F.V == kSharedOnly && Shown++ < kMaxSharedOnlyNotes)
          TextSharedOnly(O, C, S->Cycles[I], F);
      }
      if (Shown > kMaxSharedOnlyNotes) {
        Header(O);
        O.Str("NOTE: ").U64(Shown - kMaxSharedOnlyNotes)
            .Str(" more shared-only lock-order cycles not shown\n");
      }
      TextContention(O, C);
      TextCondTable(O, C);
      TextGlobal(O, C);
      Header(O);
      O.Str("SUMMARY: ").U64(C.NDeadlockCycles).Str(" lock-order-inversion(s), ").U64(C.NGated)
          .Str(" gated, ").U64(C.NSharedOnly).Str(" shared-only (ignored), ");
      uint32_t N[kNumFindingKinds] = {};
      for (uint32_t I = S->InheritedFindings; I < S->NFindings; ++I)
        ++N[S->Findings[I].Kind];
      O.U64(N[kDoubleLock]).Str(" double-lock(s), ").U64(N[kLiveDeadlock])
          .Str(" live deadlock(s)");
      // Misuse counts only when there are some: the line's shape stays.
      static const char *const kMisuseCounted[kNumFindingKinds] = {
          nullptr, nullptr, " thread(s) ended holding locks", " held lock(s) destroyed",
          " unlock(s) of a lock not held", " failed lock call(s)",
          " condition wait(s) without their mutex",
          " condition variable(s) waited on with two mutexes"};
      for (uint32_t K = 0; K < kNumFindingKinds; ++K)
        if (N[K] && kMisuseCounted[K])
          O.Str(", ").U64(N[K]).Str(kMisuseCounted[K]);
      O.Str("; ")
          .U64(S->NLocks.load()).Str(" locks, ").U64(S->Graph.NumEdges()).Str(" edges, ")
          .U64(S->ThreadsSeen.load()).Str(" threads\n");
    }
  }
}

} // namespace

void WriteJsonReport() {
  State *S = g_state;
  if (!S || !S->Opts.Report[0])
    return;
  RawLockGuard G(S->Mu);
  FlushAllAcqCounts();
  DoReport(false, true);
}

void WriteReport(bool FromSignal) {
  State *S = g_state;
  if (!S)
    return;
  // A signal may have interrupted the holder of Mu on this very thread: wait a
  // little, then read without it (the tables are append-only).
  bool Locked = FromSignal ? S->Mu.TryLockFor(200000000ULL) : (S->Mu.Lock(), true);
  FlushAllAcqCounts();
  DoReport(true, true);
  if (Locked)
    S->Mu.Unlock();
}

bool HasDeadlockFindings() {
  State *S = g_state;
  if (!S)
    return false;
  if (S->NFindings > S->InheritedFindings)
    return true;
  for (uint32_t I = S->InheritedCycles; I < S->NCycles; ++I) {
    CycleFacts F = Judge(S, S->Cycles[I]);
    if (F.V == kDeadlock)
      return true;
  }
  return false;
}

bool RecordFinding(const Finding &F) {
  State *S = g_state;
  uint32_t Idx;
  {
    RawLockGuard G(S->Mu);
    // A repeat (same kind and key) is counted on the first report, not
    // printed again: a misuse inside a loop is one finding.
    if (F.Key)
      for (uint32_t I = S->InheritedFindings; I < S->NFindings; ++I)
        if (S->Findings[I].Kind == F.Kind && S->Findings[I].Key == F.Key) {
          ++S->Findings[I].Count;
          return true;
        }
    if (S->NFindings >= kMaxFindings) {
      ++S->FindingsDropped;
      HitLimit(kLimitFindings);
      return false;
    }
    Idx = S->NFindings++;
    S->Findings[Idx] = F;
    S->Findings[Idx].Count = 1;
  }
  PrintFindingNow(Idx);
  return true;
}

void PrintFindingNow(uint32_t Idx) {
  State *S = g_state;
  // The report's M<n> numbering does not exist yet: name locks by address.
  Scratch Sc;
  Sc.Bytes = 4ull * kMaxLocks + 4ull * kMaxReportLocks + 65536;
  Sc.Mem = MapNoReserve(Sc.Bytes);
  if (!Sc.Mem)
    return;
  Ctx C;
  memset(&C, 0, sizeof(C));
  C.S = S;
  C.AddressLabels = true;
  C.LockIdx = static_cast<uint32_t *>(Sc.Mem);
  C.RLocks = C.LockIdx + kMaxLocks;
  char *TextBuf = reinterpret_cast<char *>(C.RLocks + kMaxReportLocks);
  OutBuf O(TextBuf, 32768, 2);
  TextFinding(O, C, S->Findings[Idx]);
}

} // namespace rt
} // namespace lockgraph
