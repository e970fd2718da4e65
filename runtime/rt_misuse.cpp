//===- rt_misuse.cpp - lockgraph runtime: lock misuse findings ------------===//
#include "rt_misuse.h"

#include <cerrno>

#include "rt_locktable.h"
#include "rt_lockword.h"
#include "rt_order.h"
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
    Frame At = Symbolize(HeldAt(T, K).Pc);
    F.Locks[K] = HeldAt(T, K).Id;
    F.Tids[K] = T->Tid;
    F.Stacks[K] = PutStack(&At, 1);
  }
  RecordFinding(F);
}

// One frame: where a thread took a lock (the held stack keeps only that).
static uint32_t SiteStack(uintptr_t Pc) {
  if (!Pc)
    return 0;
  Frame At = Symbolize(Pc);
  return PutStack(&At, 1);
}

// One finding per kind, call site and detail: a misuse in a loop is counted.
static uintptr_t MisuseKey(uint8_t Kind, uint8_t Detail, uintptr_t Pc, uint64_t Extra = 0) {
  return Mix64(Pc ^ Mix64(uint64_t(Kind) << 8 | Detail) ^ Extra) | 1;
}

// A finding about one lock Id, at the calling thread's call site Pc (its
// stack), one per kind, detail and site (Extra: more that tells repeats apart).
static Finding OneLockFinding(uint8_t Kind, uint8_t Detail, ThreadState *T, uint32_t Id,
                              uintptr_t Pc, uint64_t Extra = 0) {
  Finding F = {};
  F.Kind = Kind;
  F.Detail = Detail;
  F.NLocks = 1;
  F.Locks[0] = Id;
  F.Tids[0] = T->Tid;
  F.Stacks[0] = CaptureFrames(Pc, g_state->Opts.StackDepth);
  F.Key = MisuseKey(Kind, Detail, Pc, Extra);
  return F;
}

// The instance at P, created when the misuse is the lock's first sight (an
// unlock of a lock never locked): the report needs a lock to name.
static uint32_t LockFor(const void *P, uint8_t Type, uintptr_t Pc) {
  return LookupLock(P, [Type] { return Type; }, Pc);
}

DestroyCheck CheckDestroy(ThreadState *T, const void *P, uint8_t Type) {
  DestroyCheck C;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  DropStaleHolds(T);
  if (LockSlot *Sl = FindSlot(Addr))
    C.Id = Sl->Id.load(std::memory_order_acquire);
  if (C.Id == kNoLock)
    return C; // never tracked, or already retired: nothing known of it
  if (T->NHeld && FindHeldAddr(T, Addr) >= 0) {
    C.Detail = kHeldBySelf;
    return C;
  }
  // Held by another thread: its held stack, or the lock word's owner (glibc
  // checks a mutex itself, EBUSY, but not an rwlock).
  uintptr_t HeldPc;
  LockWord W = ReadLockWord(P, Type);
  if (ThreadState *O = HolderOf(Addr, T, &HeldPc)) {
    C.Detail = kHeldByOther;
    C.OtherTid = O->Tid;
  } else if (W.Locked && !(W.KnownOwner && W.OwnerTid == T->Tid)) {
    C.Detail = kHeldByOther;
    C.OtherTid = W.KnownOwner ? W.OwnerTid : 0;
  }
  // A thread blocked acquiring it: the destroy pulls the lock from under it
  // (free but waited for happens between an unlock and the waiter's wake-up).
  uint32_t High = g_state->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High && !C.WaiterTid; ++I) {
    ThreadState *O = &g_state->Threads[I];
    if (O != T && O->InUse.load(std::memory_order_acquire) &&
        O->WaitingLock.load(std::memory_order_acquire) == C.Id)
      C.WaiterTid = O->Tid;
  }
  if (!C.Detail && C.WaiterTid) {
    C.Detail = kHasWaiters;
    C.OtherTid = C.WaiterTid;
  }
  return C;
}

void ReportDestroy(ThreadState *T, DestroyCheck C, int RealRc, uintptr_t Pc) {
  if (C.Id == kNoLock)
    return;
  if (!C.Detail && RealRc == EBUSY)
    C.Detail = kHeldByOther; // locked between the check and the call
  if (!C.Detail)
    return;
  Finding F = OneLockFinding(kDestroyHeld, C.Detail, T, C.Id, Pc);
  F.Err = RealRc;
  F.Tids[1] = C.Detail == kHeldBySelf ? T->Tid : C.OtherTid;
  F.Tids[2] = C.WaiterTid;
  RecordFinding(F);
}

bool CheckUnlockNotHeld(ThreadState *T, const void *P, uint8_t Type, uintptr_t Pc) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  if (Type == kTypeMutex)
    Type = MutexType(static_cast<pthread_mutex_t *>(const_cast<void *>(P)));
  LockSlot *Sl = FindSlot(Addr);
  LockWord W = ReadLockWord(P, Type);
  Finding F = {};
  F.Kind = kUnlockNotHeld;
  ThreadState *Owner = nullptr;
  uintptr_t OwnerPc = 0;
  if (!W.Readable) {
    // An annotated lock: only the held stacks know (every hold of it went
    // through the annotations, all tracked).
    Owner = HolderOf(Addr, T, &OwnerPc);
    F.Detail = Owner ? kHeldByOther : Sl ? kNotLocked : kNeverLocked;
    if (Owner)
      F.Tids[1] = Owner->Tid;
  } else if (!W.Locked) {
    F.Detail = Sl ? kNotLocked : kNeverLocked;
  } else if (W.KnownOwner) {
    if (W.OwnerTid == T->Tid)
      return false; // this thread's own hold, taken before the shim watched
    F.Detail = kHeldByOther;
    F.Tids[1] = W.OwnerTid;
    Owner = ThreadOfTid(W.OwnerTid);
    int At = Owner ? FindHeldAddr(Owner, Addr) : -1;
    if (At < 0)
      Owner = nullptr; // not on its stack: nothing to correct
    else
      OwnerPc = HeldAt(Owner, static_cast<uint32_t>(At)).Pc;
  } else {
    // A spinlock or a read-locked rwlock names no owner: a tracked holder
    // other than this thread. None: it may be this thread's untracked hold.
    Owner = HolderOf(Addr, T, &OwnerPc);
    if (!Owner)
      return false;
    F.Detail = kHeldByOther;
    F.Tids[1] = Owner->Tid;
  }
  if (Owner)
    PostReleasedByOther(Owner, Addr);
  uint32_t Id = LockFor(P, Type, Pc);
  if (Id == kNoLock)
    return false; // the lock table is full (warned)
  F.NLocks = 1;
  F.Locks[0] = Id;
  F.Tids[0] = T->Tid;
  F.Stacks[0] = CaptureFrames(Pc, g_state->Opts.StackDepth);
  F.Stacks[1] = SiteStack(OwnerPc);
  F.Key = MisuseKey(F.Kind, F.Detail, Pc);
  RecordFinding(F);
  return true;
}

void ReportLockCallFailed(ThreadState *T, const void *P, uint8_t Type, uint8_t Call, int Rc,
                          uintptr_t Pc) {
  uint32_t Id = LockFor(P, Type, Pc);
  if (Id == kNoLock)
    return;
  // EDEADLK with the caller as the owner: it asked again for a lock it holds
  // (else the kernel saw a cycle of priority-inheriting mutexes).
  LockWord W = ReadLockWord(P, Type);
  if (Rc == EDEADLK && Call != kCallUnlock && W.KnownOwner && W.OwnerTid == T->Tid) {
    ReportDoubleLock(T, Id, Pc, EDEADLK);
    return;
  }
  Finding F = OneLockFinding(kLockCallFailed, Call, T, Id, Pc, static_cast<uint64_t>(Rc));
  F.Err = Rc;
  RecordFinding(F);
}

void CheckCondWaitNotHeld(ThreadState *T, const void *M, uintptr_t Pc) {
  uint8_t Type = MutexType(static_cast<pthread_mutex_t *>(const_cast<void *>(M)));
  LockWord W = ReadLockWord(M, Type);
  if (W.KnownOwner && W.OwnerTid == T->Tid)
    return; // held, taken before the shim watched
  uint32_t Id = LockFor(M, Type, Pc);
  if (Id == kNoLock)
    return;
  Finding F = OneLockFinding(kCondWaitNotHeld, !W.Locked ? kNotLocked : kHeldByOther, T, Id, Pc);
  F.Tids[1] = W.KnownOwner ? W.OwnerTid : 0;
  RecordFinding(F);
}

void ReportCondTwoMutexes(ThreadState *T, uint32_t Mutex, uint32_t Other, uintptr_t Pc) {
  Finding F = {};
  F.Kind = kCondTwoMutexes;
  F.NLocks = 2;
  F.Locks[0] = Mutex;
  F.Locks[1] = Other;
  F.Tids[0] = T->Tid;
  F.Stacks[0] = CaptureFrames(Pc, g_state->Opts.StackDepth);
  F.Key = MisuseKey(F.Kind, 0, Pc, uint64_t(Mutex) << 32 | Other);
  RecordFinding(F);
}

} // namespace rt
} // namespace lockgraph
