//===- rt_annotate.cpp - lockgraph runtime: annotated locks ---------------===//
//
// The exported __lockgraph_mutex_* entry points declared by the public header
// lockgraph/annotations.h (its comment is the contract): locks the
// interposer cannot see, futex- or atomics-based, reported by the program
// itself in ThreadSanitizer's shape (pre/post lock, pre/post unlock, create,
// destroy, with TSan's flag bits).
//
// An annotated acquisition is split in two where an interposed one is not:
// the program's own code acquires between pre_lock and post_lock. So the
// steps of Acquire (rt_acquire.h) are taken apart rather than reused whole:
// pre_lock does what must happen before the thread can block (the order
// edges, the double-lock report, the watchdog's wait mark), post_lock what
// follows success (the push); pre_unlock is ReleaseSlow's pop. The pieces
// are the same ones (CachedLookup, FindHeld, AddEdges, ReportDoubleLock,
// Push, PopAt), so an annotated lock is a lock like any other to the graph,
// the report and the pthread fast paths (which leave it to the slow paths
// whenever one is held, as with any held lock). Nothing here is on the
// pthread fast paths: those stay in rt_interpose.cpp.
//
// Lock types: kTypeAnnotated, or kTypeAnnotatedRecursive when the creation
// flags say write_reentrant. A lock is created in the table at its first
// acquisition, typed by that call's flags, unless create() passed
// write_reentrant: then create() makes the instance at once (the flag must
// not be lost before the first lock), and its class site is filled in by
// the first acquisition, as for every other lock.
//
// Thread-safety: as the interposed calls (rt_runtime.h); every entry point
// runs on the calling thread with kInShim set (Enter / Leave) and does
// nothing when the thread is already inside the shim.
//===----------------------------------------------------------------------===//
#define LOCKGRAPH_ANNOTATIONS_IMPLEMENTATION
#include "lockgraph/annotations.h"

#include "rt_locktable.h"
#include "rt_misuse.h"
#include "rt_order.h"
#include "rt_thread.h"
#include "rt_watchdog.h"

using namespace lockgraph::rt;

#define LG_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

namespace {

uint8_t AnnotatedType(unsigned Flags) {
  return Flags & __lockgraph_mutex_write_reentrant ? kTypeAnnotatedRecursive : kTypeAnnotated;
}

// Creation flags may come with each lock call instead of create (TSan's
// rule for locks without a constructor).
bool Reentrant(uint32_t Id, unsigned Flags) {
  return g_state->Locks[Id].Type == kTypeAnnotatedRecursive ||
         (Flags & __lockgraph_mutex_write_reentrant);
}

// Locks made by create() have no site yet: the first acquisition names them.
void NameBySite(LockInfo &L, uintptr_t Pc) {
  Frame Site = Symbolize(Pc); // outside Mu: may call into the loader
  RawLockGuard G(g_state->Mu);
  if (L.Site.Pc == 0)
    L.Site = Site;
}

uint32_t Lookup(ThreadState *T, void *Addr, unsigned Flags, uintptr_t Pc) {
  uint32_t Id = CachedLookup(T, Addr, [Flags] { return AnnotatedType(Flags); }, Pc);
  if (Id != kNoLock && LG_UNLIKELY(g_state->Locks[Id].Site.Pc == 0))
    NameBySite(g_state->Locks[Id], Pc);
  return Id;
}

// pre_lock of an acquisition that may block.
void BeforeBlocking(ThreadState *T, uint32_t Id, unsigned Flags, uintptr_t Pc) {
  bool Shared = Flags & __lockgraph_mutex_read_lock;
  int Held = T->NHeld ? FindHeld(T, Id) : -1;
  if (Held >= 0) { // a re-lock adds no edge
    if (!Reentrant(Id, Flags) && !(Shared && HeldAt(T, Held).Shared))
      ReportDoubleLock(T, Id, Pc); // the program's own lock call will hang
    return;
  }
  if (T->NHeld)
    AddEdges(T, Id, Shared, Pc);
  // The watchdog (it tracks owners) sees this thread as waiting until
  // post_lock. The shim cannot tell a contended annotated acquisition from
  // another, so every blocking one is marked, and the watchdog starts with
  // the first.
  if (LG_UNLIKELY(g_track_owner)) {
    State *S = g_state;
    if (!S->WatchdogRunning.load(std::memory_order_relaxed))
      StartWatchdog();
    T->WaitPc.store(Pc, std::memory_order_relaxed);
    T->WaitStart.store(NowNs(), std::memory_order_relaxed);
    T->WaitingLock.store(Id, std::memory_order_release);
  }
}

// post_lock of a successful acquisition: Levels recursion levels at once.
void Acquired(ThreadState *T, void *Addr, uint32_t Id, bool Shared, uint32_t Levels,
              uintptr_t Pc) {
  int I = T->NHeld ? FindHeld(T, Id) : -1;
  if (I < 0) {
    uint32_t N = T->NHeld;
    Push(T, reinterpret_cast<uintptr_t>(Addr), Id, Shared, Pc, false, 0);
    if (Levels == 1 || T->NHeld == N) // beyond kMaxHeld: counted in Overflow
      return;
    I = static_cast<int>(N);
    --Levels;
  }
  HeldLock &H = HeldAt(T, I);
  uint32_t Rec = H.Rec + Levels < 0xffff ? H.Rec + Levels : 0xffff;
  H.Tag = (H.Tag & ~(uint64_t(0xffff) << 48)) | uint64_t(Rec) << 48; // whole word: see SetFlags
}

} // namespace

LG_INTERFACE void __lockgraph_mutex_create(void *Addr, unsigned Flags) {
  ThreadState *T = Enter();
  if (!T)
    return;
  // Like pthread_mutex_init: reused memory is a new lock. Checked lock-free
  // first, since most constructors run on fresh memory, and RetireLock takes
  // Mu (the lock cannot be in use while it is being constructed).
  LockSlot *Sl = FindSlot(reinterpret_cast<uintptr_t>(Addr));
  if (Sl && Sl->Id.load(std::memory_order_acquire) != kNoLock)
    RetireLock(Addr);
  if (Flags & __lockgraph_mutex_write_reentrant)
    CreateLock(reinterpret_cast<uintptr_t>(Addr), kTypeAnnotatedRecursive, 0);
  Leave(T);
}

LG_INTERFACE void __lockgraph_mutex_destroy(void *Addr, unsigned Flags) {
  if (Flags & __lockgraph_mutex_linker_init)
    return; // TSan's meaning: the destructor is a no-op, the lock lives on
  ThreadState *T = Enter();
  if (!T)
    return;
  DestroyCheck C = CheckDestroy(T, Addr, kTypeAnnotated);
  if (C.Id != kNoLock) {
    RetireLock(Addr);
    ReportDestroy(T, C, 0, LG_PC);
  }
  Leave(T);
}

LG_INTERFACE void __lockgraph_mutex_pre_lock(void *Addr, unsigned Flags) {
  ThreadState *T = Enter();
  if (!T)
    return;
  uintptr_t Pc = LG_PC;
  uint32_t Id = Lookup(T, Addr, Flags, Pc);
  // A try cannot block: no edge, no double lock (it fails instead).
  if (Id != kNoLock && !(Flags & __lockgraph_mutex_try_lock))
    BeforeBlocking(T, Id, Flags, Pc);
  Leave(T);
}

LG_INTERFACE void __lockgraph_mutex_post_lock(void *Addr, unsigned Flags, int Recursion) {
  ThreadState *T = Enter();
  if (!T)
    return;
  if (LG_UNLIKELY(T->WaitingLock.load(std::memory_order_relaxed) != kNoLock))
    T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
  if (!(Flags & __lockgraph_mutex_try_lock_failed)) {
    uintptr_t Pc = LG_PC;
    uint32_t Id = Lookup(T, Addr, Flags, Pc);
    uint32_t Levels = 1;
    if ((Flags & __lockgraph_mutex_recursive_lock) && Recursion > 1)
      Levels = static_cast<uint32_t>(Recursion);
    if (Id != kNoLock)
      Acquired(T, Addr, Id, Flags & __lockgraph_mutex_read_lock, Levels, Pc);
  }
  Leave(T);
}

LG_INTERFACE int __lockgraph_mutex_pre_unlock(void *Addr, unsigned Flags) {
  ThreadState *T = Enter();
  if (!T)
    return 0;
  int Levels = 0;
  DropStaleHolds(T);
  int I = FindHeldAddr(T, reinterpret_cast<uintptr_t>(Addr));
  if (I < 0) {
    if (T->Overflow) { // taken beyond kMaxHeld
      --T->Overflow;
      Levels = 1;
    } else { // never locked, unlocked twice, or by another thread
      LockSlot *Sl = FindSlot(reinterpret_cast<uintptr_t>(Addr));
      CheckUnlockNotHeld(T, Addr, Sl ? Sl->Type : AnnotatedType(Flags), LG_PC);
    }
  } else if (HeldAt(T, I).Rec > 1 && !(Flags & __lockgraph_mutex_recursive_unlock)) {
    HeldAt(T, I).Tag = HeldAt(T, I).Tag - kTagRecOne; // whole word: see SetFlags
    Levels = 1;
  } else {
    Levels = HeldAt(T, I).Rec;
    PopAt(T, I);
  }
  Leave(T);
  return Levels;
}

// Nothing to record after the release; present for TSan's shape.
LG_INTERFACE void __lockgraph_mutex_post_unlock(void *, unsigned) {}
