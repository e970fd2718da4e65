//===- rt_interpose.cpp - lockgraph runtime: the interposed pthread functions -===//
//
// Every exported lock entry point: pthread_mutex_*, pthread_rwlock_*,
// pthread_spin_*, pthread_cond_* (and __lockgraph_report, the public C API).
// Start here to see what a call does: each one is a line or two into
// rt_acquire.h (lock and unlock), rt_locktable.h (init and destroy retire the
// instance) or rt_cond.h (waits and signals). free, also interposed, lives
// with the freed-memory watch (rt_free.cpp); the annotations for locks the
// interposer cannot see (__lockgraph_mutex_*) live in rt_annotate.cpp.
//
// Re-entry: every interceptor first checks the calling thread's re-entry flag
// (kInShim in ThreadState::Flags, reached through one initial-exec TLS load;
// tls_in_rt for threads without a state yet: start-up, dlsym, the watchdog).
// While it is set, the thread is inside the shim (or inside a real blocking
// call made by it), and any lock call it makes (from a signal handler, from
// dlsym, from the unwinder, from an atfork handler) goes straight to the real
// function. The unlock fast path is the one exception (see InterposeRelease).
//
// Fast paths: InterposeAcquire and InterposeRelease inline the common case
// into each interposed function (about 40 and 20 instructions, each ending
// in a tail call to the real function where the lock kind allows it);
// everything else is out of line, so that the common case saves no register
// and reads no shared state but the lock word and the retire epoch.
//
// Glossary: T = the calling thread's ThreadState, Mu = State::Mu (the shim's
// one global lock), Rc = a pthread return code.
//===----------------------------------------------------------------------===//
#include "rt_acquire.h"
#include "rt_cond.h"
#include "rt_locktable.h"
#include "rt_misuse.h"
#include "rt_real.h"
#include "rt_thread.h"

#include <cerrno>
#include <pthread.h>
#include <time.h>

using namespace lockgraph::rt;

#define LG_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

LG_INTERFACE int pthread_mutex_lock(pthread_mutex_t *M) {
  return InterposeAcquire<MutexLockOps>(M, LG_PC);
}

LG_INTERFACE int pthread_mutex_trylock(pthread_mutex_t *M) {
  return InterposeAcquire<MutexTryOps>(M, LG_PC);
}

// Timed acquisitions: always the general path (no inline fast path, which
// would have to keep the deadline across the real call).
LG_INTERFACE int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *Abs) {
  auto Real = LG_REAL(mutex_timedlock);
  if (!Real)
    return EINVAL;
  auto Timed = [=] { return Real(M, Abs); };
  return AcquireSlow(M, [M] { return MutexType(M); }, false, Mode::Timed, LG_PC,
                     [M] { return R.mutex_trylock(M); }, Timed, Timed);
}

LG_INTERFACE int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clk,
                                         const struct timespec *Abs) {
  auto Real = LG_REAL(mutex_clocklock);
  if (!Real)
    return EINVAL;
  auto Timed = [=] { return Real(M, Clk, Abs); };
  return AcquireSlow(M, [M] { return MutexType(M); }, false, Mode::Timed, LG_PC,
                     [M] { return R.mutex_trylock(M); }, Timed, Timed);
}

LG_INTERFACE int pthread_mutex_unlock(pthread_mutex_t *M) {
  return InterposeRelease(M, kTypeMutex, [M] { return R.mutex_unlock(M); },
                          [M] { return RealMutexUnlock(M); });
}

LG_INTERFACE int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  auto Real = LG_REAL(mutex_init);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(M);
    Leave(T);
  }
  return Real(M, A);
}

LG_INTERFACE int pthread_mutex_destroy(pthread_mutex_t *M) {
  auto Real = LG_REAL(mutex_destroy);
  if (!Real)
    return EINVAL;
  DestroyCheck C;
  if (ThreadState *T = Enter()) {
    C = CheckDestroy(T, M, MutexType(M));
    RetireLock(M);
    Leave(T);
  }
  int Rc = Real(M);
  // glibc refuses to destroy a locked mutex (EBUSY): reported after the call,
  // which may have been the program's own test of whether it is free.
  if (C.Id != kNoLock && (C.Detail || Rc == EBUSY))
    if (ThreadState *T = Enter()) {
      ReportDestroy(T, C, Rc, LG_PC);
      Leave(T);
    }
  return Rc;
}

// rwlocks

LG_INTERFACE int pthread_rwlock_rdlock(pthread_rwlock_t *L) {
  return InterposeAcquire<RdLockOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_wrlock(pthread_rwlock_t *L) {
  return InterposeAcquire<WrLockOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_tryrdlock(pthread_rwlock_t *L) {
  return InterposeAcquire<RdTryOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_trywrlock(pthread_rwlock_t *L) {
  return InterposeAcquire<WrTryOps>(L, LG_PC);
}

#define LG_RW_TIMED(SHARED, TRYCALL, TIMEDCALL)                                              \
  auto Timed = [=] { return TIMEDCALL; };                                                  \
  return AcquireSlow(                                                                      \
      L, [] { return uint8_t(kTypeRwlock); }, SHARED, Mode::Timed, LG_PC,                  \
      [L] { return TRYCALL; }, Timed, Timed);

LG_INTERFACE int pthread_rwlock_timedrdlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  auto Real = LG_REAL(rw_timedrdlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(true, R.rw_tryrdlock(L), Real(L, Abs))
}
LG_INTERFACE int pthread_rwlock_timedwrlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  auto Real = LG_REAL(rw_timedwrlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(false, R.rw_trywrlock(L), Real(L, Abs))
}
LG_INTERFACE int pthread_rwlock_clockrdlock(pthread_rwlock_t *L, clockid_t C,
                                            const struct timespec *Abs) {
  auto Real = LG_REAL(rw_clockrdlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(true, R.rw_tryrdlock(L), Real(L, C, Abs))
}
LG_INTERFACE int pthread_rwlock_clockwrlock(pthread_rwlock_t *L, clockid_t C,
                                            const struct timespec *Abs) {
  auto Real = LG_REAL(rw_clockwrlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(false, R.rw_trywrlock(L), Real(L, C, Abs))
}

LG_INTERFACE int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  return InterposeRelease(L, kTypeRwlock, [L] { return R.rw_unlock(L); },
                          [L] { return RealRwUnlock(L); });
}

LG_INTERFACE int pthread_rwlock_init(pthread_rwlock_t *L, const pthread_rwlockattr_t *A) {
  auto Real = LG_REAL(rw_init);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(L);
    Leave(T);
  }
  return Real(L, A);
}

LG_INTERFACE int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  auto Real = LG_REAL(rw_destroy);
  if (!Real)
    return EINVAL;
  // The real rwlock destroy does not check: the held stacks and the lock word
  // say who holds it.
  if (ThreadState *T = Enter()) {
    DestroyCheck C = CheckDestroy(T, L, kTypeRwlock);
    RetireLock(L);
    ReportDestroy(T, C, 0, LG_PC);
    Leave(T);
  }
  return Real(L);
}

// spinlocks

LG_INTERFACE int pthread_spin_lock(pthread_spinlock_t *L) {
  return InterposeAcquire<SpinLockOps>((void *)L, LG_PC);
}

LG_INTERFACE int pthread_spin_trylock(pthread_spinlock_t *L) {
  return InterposeAcquire<SpinTryOps>((void *)L, LG_PC);
}

LG_INTERFACE int pthread_spin_unlock(pthread_spinlock_t *L) {
  return InterposeRelease((void *)L, kTypeSpin, [L] { return R.spin_unlock(L); },
                          [L] { return RealSpinUnlock(L); });
}

LG_INTERFACE int pthread_spin_init(pthread_spinlock_t *L, int Shared) {
  auto Real = LG_REAL(spin_init);
  if (ThreadState *T = Enter()) {
    RetireLock((void *)L);
    Leave(T);
  }
  if (!Real) {
    *L = 0;
    return 0;
  }
  return Real(L, Shared);
}

LG_INTERFACE int pthread_spin_destroy(pthread_spinlock_t *L) {
  auto Real = LG_REAL(spin_destroy);
  if (ThreadState *T = Enter()) {
    DestroyCheck C = CheckDestroy(T, (void *)L, kTypeSpin);
    RetireLock((void *)L);
    ReportDestroy(T, C, 0, LG_PC);
    Leave(T);
  }
  return Real ? Real(L) : 0;
}

// condition variables

LG_INTERFACE int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  auto Real = LG_REAL(cond_wait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M); });
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                                        const struct timespec *Abs) {
  auto Real = LG_REAL(cond_timedwait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M, Abs);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M, Abs); });
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M, clockid_t Clk,
                                        const struct timespec *Abs) {
  auto Real = LG_REAL(cond_clockwait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M, Clk, Abs);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M, Clk, Abs); });
  Leave(T);
  return Rc;
}

// pthread_cond_signal and pthread_cond_broadcast: note which thread
// signals the pair, then wake through the real function.
template <class RealF> LG_ALWAYS_INLINE int NotifyCond(pthread_cond_t *C, RealF Real) {
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C);
  NoteCondSignal(T, C);
  int Rc = Real(C);
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_signal(pthread_cond_t *C) {
  return NotifyCond(C, LG_REAL(cond_signal));
}

LG_INTERFACE int pthread_cond_broadcast(pthread_cond_t *C) {
  return NotifyCond(C, LG_REAL(cond_broadcast));
}

// Public entry point: writes the report now (e.g. from a test harness).
LG_INTERFACE void __lockgraph_report() {
  if (!g_state || !g_ready.load())
    return;
  ShimScope Scope;
  WriteReport(false);
}
