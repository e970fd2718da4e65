//===- rt_acquire.h - lockgraph runtime: acquisition and release paths - -*- C++ -*-===//
//
// What an interposed lock or unlock call does, top down: InterposeAcquire (the
// inline fast path: nothing held, lock in the lookup cache and free), then
// AcquireSlow / AcquireMiss / FastTryFailed (out of line), which end in
// Acquire, the one general path for every lock kind (recursion, double lock,
// order edges, the timed wait of a contended acquisition); InterposeRelease
// and ReleaseSlow for unlocks. Templates over the lock kind's operations (the
// *Ops structs), instantiated by the entry points in rt_interpose.cpp.
// Thread-safety: see rt_runtime.h; everything here runs on the calling thread,
// the general paths with kInShim set.
//
// Included by rt_interpose.cpp only, and everything here is static (internal
// to it), as when it was one file: GCC may then give the out-of-line paths its
// own calling convention (the empty lambdas dropped, arguments in registers),
// which keeps the fast path's tail calls and saves no register. With external
// linkage the uncontended lock grew by 15 instructions and a push/pop.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_ACQUIRE_H
#define LOCKGRAPH_RT_ACQUIRE_H

#include "rt_locktable.h"
#include "rt_lockword.h"
#include "rt_misuse.h"
#include "rt_order.h"
#include "rt_real.h"
#include "rt_sample.h"
#include "rt_thread.h"
#include "rt_watchdog.h"

#include <cerrno>
#include <pthread.h>
#include <type_traits>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// Block: the real call waits; Try: it does not; Timed: it waits until a
// deadline (a double lock then returns ETIMEDOUT rather than hang).
enum class Mode { Block, Try, Timed };

// A lock the thread's held stack already has. A recursive mutex, or a shared
// hold asked for again in shared mode, counts a recursion (no edge). Else a
// double lock: a plain mutex or spinlock, and an rwlock read-held by its
// caller asking to write, hang (reported before the call); an error-checking
// mutex and an rwlock write-held by its caller return EDEADLK (glibc checks
// the owner word), and a timed call ETIMEDOUT: reported with what they
// returned. A try that succeeds means another thread released the lock for
// this one (a hand-off, an unlock in a signal handler): the stale hold goes.
template <class TryF, class LockF>
static LG_NOINLINE int Reacquire(ThreadState *T, void *P, uint32_t Id, int Held, Mode M,
                                 bool Shared, uintptr_t Pc, TryF Try, LockF Lock) {
  uint8_t LType = g_state->Locks[Id].Type;
  HeldLock &H = HeldAt(T, Held);
  if (LType == kTypeRecursive || (Shared && H.Shared)) {
    // A writer-preferring rwlock does not let its reader in again while a
    // writer is queued (glibc calls the kind NONRECURSIVE): the blocking
    // read hangs on that schedule, though it returns on this one.
    if (Shared && M != Mode::Try &&
        (g_state->Locks[Id].RwKind.load(std::memory_order_relaxed) & kRwPrefersWriters))
      ReportDoubleLock(T, Id, Pc, 0, kRecursiveRead);
    int Rc = M == Mode::Try ? Try() : Lock(); // recursion adds no edge
    if (Rc == 0)
      H.Tag = H.Tag + kTagRecOne; // whole word: see SetFlags
    else if (Rc != EBUSY && Rc != ETIMEDOUT) // EAGAIN: the recursion count is at its maximum
      ReportLockCallFailed(T, P, LType, M == Mode::Try ? kCallTryLock : kCallLock, Rc, Pc);
    return Rc;
  }
  bool Hangs = LType == kTypeMutex || LType == kTypeSpin ||
               (LType == kTypeRwlock && H.Shared && !Shared);
  auto Handoff = [&](int Rc) {
    PopAt(T, Held);
    Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    return Rc;
  };
  int Rc = Try();
  if (Rc == 0 || Rc == EOWNERDEAD)
    return Handoff(Rc);
  if (M == Mode::Try)
    return Rc;
  if (Hangs && Rc == EBUSY && M == Mode::Block)
    ReportDoubleLock(T, Id, Pc); // the real call below will hang
  Rc = Lock();
  if (Rc == 0 || Rc == EOWNERDEAD)
    return Handoff(Rc);
  if (Rc == ETIMEDOUT && Hangs)
    ReportDoubleLock(T, Id, Pc, ETIMEDOUT);
  else if (Rc != ETIMEDOUT)
    ReportLockCallFailed(T, P, LType, kCallLock, Rc, Pc); // EDEADLK: a double lock
  return Rc;
}

// The one acquisition path for every lock kind. TryF attempts without
// blocking (returns 0 or EBUSY); LockF is the real (possibly timed) call.
// The general case; the common one (nothing held, lock free) is inlined in
// InterposeAcquire. Called with kInShim set.
template <class TryF, class LockF>
static LG_NOINLINE int Acquire(ThreadState *T, void *P, uint32_t Id, Mode M, bool Shared,
                               uintptr_t Pc, TryF Try, LockF Lock) {
  if (LG_UNLIKELY(Id == kNoLock))
    return M == Mode::Try ? Try() : Lock();
  DropStaleHolds(T);
  uint8_t LType = g_state->Locks[Id].Type;
  int Held = T->NHeld ? FindHeld(T, Id) : -1;
  if (LG_UNLIKELY(Held >= 0))
    return Reacquire(T, P, Id, Held, M, Shared, Pc, Try, Lock);
  if (!Shared && M != Mode::Try && LType == kTypeRwlock)
    NoteWriter(Id, T->Tid, Pc);
  int Rc = Try();
  // EOWNERDEAD: a robust mutex whose owner died; the caller now holds it.
  if (M == Mode::Try) {
    if (Rc == 0 || Rc == EOWNERDEAD)
      Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    else if (Rc != EBUSY)
      ReportLockCallFailed(T, P, LType, kCallTryLock, Rc, Pc);
    return Rc;
  }
  if (LG_LIKELY(Rc == 0 || Rc == EOWNERDEAD)) {
    if (T->NHeld)
      AddEdges(T, Id, Shared, Pc);
    Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    return Rc;
  }
  if (Rc != EBUSY) { // e.g. EAGAIN (too many readers): let the real call decide
    Rc = Lock();
    if (Rc == 0 || Rc == EOWNERDEAD) {
      if (T->NHeld)
        AddEdges(T, Id, Shared, Pc);
      Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    } else if (Rc != ETIMEDOUT) {
      ReportLockCallFailed(T, P, LType, kCallLock, Rc, Pc);
    }
    return Rc;
  }
  // Contended: record the order first (the real call may never return), then
  // time the wait.
  if (T->NHeld)
    AddEdges(T, Id, Shared, Pc);
  State *S = g_state;
  if (LG_UNLIKELY(S->Locks[Id].WaitStack.load(std::memory_order_relaxed) == 0))
    CaptureWaitStack(S->Locks[Id], Pc);
  if (LG_UNLIKELY(S->Opts.WatchdogMs && !S->WatchdogRunning.load(std::memory_order_relaxed)))
    StartWatchdog();
  uint64_t T0 = NowNs();
  T->WaitPc.store(Pc, std::memory_order_relaxed);
  T->WaitStart.store(T0, std::memory_order_relaxed);
  T->WaitingLock.store(Id, std::memory_order_release);
  Rc = Lock();
  T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
  if (Rc != 0 && Rc != EOWNERDEAD) {
    if (Rc != ETIMEDOUT)
      ReportLockCallFailed(T, P, LType, kCallLock, Rc, Pc);
    return Rc;
  }
  Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, true, NowNs() - T0);
  return Rc;
}

// Everything but the inline fast path: the lookup (a cache miss may create
// the lock), then the general acquisition. Called with kInShim set.
template <class TypeF, class TryF, class LockF>
static LG_NOINLINE int LookupAndAcquire(ThreadState *T, void *P, TypeF GetType, bool Shared,
                                        Mode M, uintptr_t Pc, TryF Try, LockF Lock) {
  uint32_t Id = CachedLookup(T, P, GetType, Pc);
  return Acquire(T, P, Id, M, Shared, Pc, Try, Lock);
}

// Everything InterposeAcquire does not inline: threads without a state yet,
// calls from inside the shim, threads holding locks or with kSlowOnly.
template <class TypeF, class TryF, class LockF, class PassF>
static LG_NOINLINE int AcquireSlow(void *P, TypeF GetType, bool Shared, Mode M, uintptr_t Pc,
                                   TryF Try, LockF Lock, PassF Pass) {
  ThreadState *T = Enter();
  if (!T)
    return Pass();
  int Rc = LookupAndAcquire(T, P, GetType, Shared, M, Pc, Try, Lock);
  Leave(T);
  return Rc;
}

// The fast path's lookup missed (kInShim is set, NHeld is 1 but not pushed).
template <class TypeF, class TryF, class LockF>
static LG_NOINLINE int AcquireMiss(ThreadState *T, void *P, TypeF GetType, bool Shared, Mode M,
                                   uintptr_t Pc, TryF Try, LockF Lock) {
  SetNHeld(T, 0);
  int Rc = LookupAndAcquire(T, P, GetType, Shared, M, Pc, Try, Lock);
  Leave(T);
  return Rc;
}

// The lock operations of one lock kind and mode, for the inline fast path:
// static functions of the lock's address only, so that the fast path keeps
// nothing live across the real call (see InterposeAcquire). Try/Lock call the
// resolved pointers (valid on any thread with a state); Pass is the checked
// call for threads without one.
//
// TailCall: the fast path ends in a tail call to the real (blocking) lock,
// after LooksFree, a racy read of the lock word, found the lock free; a lock
// that looks taken goes the general way (try, then a timed wait). Only for
// lock kinds whose lock call cannot fail but on a caller's bug (the hold is
// pushed before the call). For the others, and for try-locks, the fast path
// calls the real try-lock and checks its result.
struct MutexLockOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static constexpr bool TailCall = true;
  static pthread_mutex_t *Mx(void *P) { return static_cast<pthread_mutex_t *>(P); }
  // Free, and not robust, priority-inheriting or priority-protected (glibc's
  // kind bits 16, 32, 64: their lock calls can fail, or acquire with an error).
  static bool LooksFree(void *P) {
    return (__atomic_load_n(&Mx(P)->__data.__lock, __ATOMIC_RELAXED) |
            (Mx(P)->__data.__kind & 0x70)) == 0;
  }
  static uint8_t Type(void *P) { return MutexType(Mx(P)); }
  static int Try(void *P) { return R.mutex_trylock(Mx(P)); }
  static int Lock(void *P) { return R.mutex_lock(Mx(P)); }
  static int Pass(void *P) { return RealMutexLock(Mx(P)); }
};
struct MutexTryOps : MutexLockOps {
  static constexpr Mode M = Mode::Try;
  static constexpr bool TailCall = false;
  static int Lock(void *P) { return R.mutex_trylock(Mx(P)); }
  static int Pass(void *P) { return RealMutexTrylock(Mx(P)); }
};
struct RwOps {
  static constexpr bool TailCall = false; // the lock word is not one word
  static bool LooksFree(void *) { return false; }
  static pthread_rwlock_t *Rw(void *P) { return static_cast<pthread_rwlock_t *>(P); }
  static uint8_t Type(void *) { return kTypeRwlock; }
};
struct RdLockOps : RwOps {
  static constexpr bool Shared = true;
  static constexpr Mode M = Mode::Block;
  static int Try(void *P) { return R.rw_tryrdlock(Rw(P)); }
  static int Lock(void *P) { return R.rw_rdlock(Rw(P)); }
  static int Pass(void *P) { return RealRdlock(Rw(P)); }
};
struct RdTryOps : RdLockOps {
  static constexpr Mode M = Mode::Try;
  static int Lock(void *P) { return R.rw_tryrdlock(Rw(P)); }
  static int Pass(void *P) { return RealTryRd(Rw(P)); }
};
struct WrLockOps : RwOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static int Try(void *P) { return R.rw_trywrlock(Rw(P)); }
  static int Lock(void *P) { return R.rw_wrlock(Rw(P)); }
  static int Pass(void *P) { return RealWrlock(Rw(P)); }
};
struct WrTryOps : WrLockOps {
  static constexpr Mode M = Mode::Try;
  static int Lock(void *P) { return R.rw_trywrlock(Rw(P)); }
  static int Pass(void *P) { return RealTryWr(Rw(P)); }
};
// A blocking write-lock: the fast path notes the writer (NoteWriter).
template <class Ops> constexpr bool kIsWriteLock = std::is_same_v<Ops, WrLockOps>;

struct SpinLockOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static constexpr bool TailCall = true;
  static bool LooksFree(void *P) { return SpinWordFree(__atomic_load_n(Sp(P), __ATOMIC_RELAXED)); }
  static pthread_spinlock_t *Sp(void *P) { return static_cast<pthread_spinlock_t *>(P); }
  static uint8_t Type(void *) { return kTypeSpin; }
  static int Try(void *P) { return R.spin_trylock(Sp(P)); }
  static int Lock(void *P) { return R.spin_lock(Sp(P)); }
  static int Pass(void *P) { return RealSpinLock(Sp(P)); }
};
struct SpinTryOps : SpinLockOps {
  static constexpr Mode M = Mode::Try;
  static constexpr bool TailCall = false;
  static int Lock(void *P) { return R.spin_trylock(Sp(P)); }
  static int Pass(void *P) { return RealSpinTrylock(Sp(P)); }
};

// The inline fast path's try failed (or acquired from a dead owner): undo its
// optimistic push and count, then decide as the general path would. The
// thread, the lock, the call site and the lookup entry are found again (TLS,
// the pushed hold), so that the fast path keeps nothing across the real call.
template <class Ops> static LG_NOINLINE __attribute__((cold)) int FastTryFailed(int Rc) {
  ThreadState *T = tls_thr;
  if (Rc != EOWNERDEAD) { // EOWNERDEAD: a robust mutex whose owner died; the caller holds it
    uintptr_t Addr = T->Held[0].Addr, Pc = T->Held[0].Pc;
    void *P = reinterpret_cast<void *>(Addr);
    LookupEntry &E = T->Cache[CacheSlot(Addr)];
    SetNHeld(T, 0);
    --E.Count;
    if (Ops::M == Mode::Try) {
      if (Rc != EBUSY) // busy is a try's answer; EINVAL, EAGAIN are errors
        ReportLockCallFailed(T, P, Ops::Type(P), kCallTryLock, Rc, Pc);
    } else { // contended (or an error) with nothing held: the general path
      Rc = Acquire(T, P, E.Id, Ops::M, Ops::Shared, Pc, [P] { return Ops::Try(P); },
                   [P] { return Ops::Lock(P); });
    }
  }
  Leave(T);
  return Rc;
}

// Every interposed (untimed) acquisition. Fast path, inline: the thread is
// not inside the shim, holds nothing (so no edge, no recursion), the lock
// looks free (TailCall kinds) and is in the thread's lookup cache. It pushes
// the hold first (optimistically: for try-locks it is undone if the try
// fails), counts it on the lookup entry, counts down to the next timed hold,
// then calls the real function: for TailCall kinds the blocking lock, as a
// tail call, after leaving the shim; else the try-lock, inside the shim. While
// the thread's state is being changed kInShim is set, so that lock calls from
// a signal handler meanwhile pass through (and the entry stays valid).
//
// What it costs, measured on the uncontended loop (bare lock/unlock pair 7 ns;
// budget 1.5x): a pass-through shim 1.1x; keeping the real try-lock call
// inside the shim (call, return, saved registers, reading T again) about
// 1 ns more than a tail call; two clock_gettime per sampled hold (30 ns each
// here) 1.5 ns at the default rate, the TSC half of that (HoldClock). So:
// a tail call where the lock kind allows it, Flags and NHeld set together in
// one store, Id/Shared/Sampled/Rec in one, the hold time not cleared
// (Sampled says whether it is valid), nothing kept across a call, and every
// other case a tail call to an out-of-line function. Gate and Tag are always
// written whole (see SetFlags).
//
// A lock that becomes taken between LooksFree and the real call (a window of
// a few dozen instructions) is acquired untimed and not counted as contended.
template <class Ops> LG_ALWAYS_INLINE int InterposeAcquire(void *P, uintptr_t Pc) {
  ThreadState *T = tls_thr;
  auto Try = [P] { return Ops::Try(P); };
  auto Lock = [P] { return Ops::Lock(P); };
  auto Pass = [P] { return Ops::Pass(P); };
  auto Type = [P] { return Ops::Type(P); };
  if (LG_UNLIKELY(T == nullptr || T->Gate != 0 || (Ops::TailCall && !Ops::LooksFree(P))))
    return AcquireSlow(P, Type, Ops::Shared, Ops::M, Pc, Try, Lock, Pass);
  T->Gate = kInShim | uint64_t(1) << 32; // in the shim, one lock held
  SignalFence();
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  LookupEntry &E = T->Cache[CacheSlot(Addr)];
  if (LG_UNLIKELY(E.Addr != Addr ||
                  T->CacheEpoch != g_retire_epoch.load(std::memory_order_acquire)))
    return AcquireMiss(T, P, Type, Ops::Shared, Ops::M, Pc, Try, Lock);
  if constexpr (kIsWriteLock<Ops>)
    NoteWriter(E.Id, T->Tid, Pc);
  HeldLock &H = T->Held[0];
  H.Addr = Addr;
  H.Tag = HeldTag(E.Id, Ops::Shared);
  H.Pc = Pc;
  ++E.Count;
  if (LG_UNLIKELY(--T->SampleCountdown == 0))
    StartSample(T, &H);
  if (Ops::TailCall) {
    SignalFence();
    T->Gate = uint64_t(1) << 32; // out of the shim, one lock held (whole word, see above)
    return Ops::Lock(P);
  }
  int Rc = Ops::Try(P);
  if (LG_UNLIKELY(Rc != 0))
    return FastTryFailed<Ops>(Rc);
  T = tls_thr;
  SignalFence();
  T->Gate = uint64_t(1) << 32; // out of the shim, one lock held (a whole-word store, see above)
  return 0;
}

// The general release: the lock may be anywhere on the stack, held
// recursively, sampled, untracked, or the thread inside the shim.
// Type: the entry point's lock kind (kTypeMutex for every mutex). True
// when the unlock was reported as not held.
static LG_NOINLINE bool ReleaseSlow(const void *P, uint8_t Type, uintptr_t Pc) {
  ThreadState *T = Enter();
  if (!T)
    return false;
  DropStaleHolds(T);
  bool Reported = false;
  int I = FindHeldAddr(T, reinterpret_cast<uintptr_t>(P));
  if (LG_UNLIKELY(I < 0)) {
    if (T->Overflow)
      --T->Overflow;
    else // taken before tracking started, in a signal handler, or by another thread
      Reported = CheckUnlockNotHeld(T, P, Type, Pc);
  } else if (HeldAt(T, I).Rec > 1) {
    HeldAt(T, I).Tag = HeldAt(T, I).Tag - kTagRecOne; // whole word: see SetFlags
  } else {
    PopAt(T, I);
  }
  Leave(T);
  return Reported;
}

// The real unlock failed (EPERM: an error-checking or recursive mutex the
// caller does not own) and the unlock was not reported as not held already.
static LG_NOINLINE void UnlockFailed(const void *P, uint8_t Type, int Rc, uintptr_t Pc) {
  if (ThreadState *T = Enter()) {
    ReportLockCallFailed(T, P, Type, kCallUnlock, Rc, Pc);
    Leave(T);
  }
}

template <class RealF>
static LG_NOINLINE int ReleaseSlowAndReal(const void *P, uint8_t Type, uintptr_t Pc, RealF Real) {
  bool Reported = ReleaseSlow(P, Type, Pc);
  int Rc = Real();
  if (LG_UNLIKELY(Rc != 0) && !Reported)
    UnlockFailed(P, Type, Rc, Pc);
  return Rc;
}

// Every interposed release. Fast path, inline: the lock is the top of the
// held stack, held once, its hold not sampled, and no flag is set: a pop.
// No kInShim here: nothing is called before the real unlock, and a signal
// handler whose lock calls are balanced leaves the stack as it found it
// whenever it interrupts. The real unlock comes last, a tail call. FastReal
// calls through the resolved pointer (threads with a state); Real checks.
template <class FastRealF, class RealF>
LG_ALWAYS_INLINE int InterposeRelease(const void *P, uint8_t Type, FastRealF FastReal, RealF Real) {
  ThreadState *T = tls_thr;
  if (LG_LIKELY(T != nullptr)) {
    uint64_t G = T->Gate;
    uint32_t N = static_cast<uint32_t>(G >> 32);
    if (LG_LIKELY(static_cast<uint32_t>(G) == 0 && N != 0)) { // no flag, something held
      HeldLock &H = T->Held[N - 1];
      if (LG_LIKELY(H.Addr == reinterpret_cast<uintptr_t>(P) && (H.Tag >> 40) == kTagPlainOnce)) {
        T->Gate = uint64_t(N - 1) << 32; // whole word, see InterposeAcquire
        return FastReal();
      }
    }
  }
  // The caller's return address, read here and not passed in: as an argument
  // it was loaded before the fast path's tests, one more instruction there.
  return ReleaseSlowAndReal(P, Type, reinterpret_cast<uintptr_t>(__builtin_return_address(0)),
                            Real);
}

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
