//===- rt_real.cpp - lockgraph runtime: the real pthread functions --------===//
//
// Resolves the real pthread functions (see rt_real.h) and defines the
// fallbacks used before, or during, that resolution.
//===----------------------------------------------------------------------===//
#include "rt_real.h"

#include "rt_thread.h"

#include <cstring>
#include <dlfcn.h>

// Exported by glibc (as non-default versions, for old binaries); bound with
// .symver and used while dlsym itself is still resolving the real functions.
#define LG_COMPAT(ret, name, args)                                                          \
  extern "C" ret name##_compat args;                                                        \
  __asm__(".symver " #name "_compat, " #name "@GLIBC_2.2.5");
LG_COMPAT(int, __pthread_mutex_lock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_mutex_trylock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_mutex_unlock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_rwlock_rdlock, (pthread_rwlock_t *))
LG_COMPAT(int, __pthread_rwlock_wrlock, (pthread_rwlock_t *))
LG_COMPAT(int, __pthread_rwlock_unlock, (pthread_rwlock_t *))

namespace lockgraph {
namespace rt {

RealFns R;
static std::atomic<bool> g_resolved{false};
static __thread int tls_resolving LG_TLS;

template <class F> static void Resolve(F &P, const char *Name, const char *Ver = nullptr) {
  void *Sym = Ver ? dlvsym(RTLD_NEXT, Name, Ver) : dlsym(RTLD_NEXT, Name);
  if (!Sym && Ver)
    Sym = dlsym(RTLD_NEXT, Name);
  if (Sym)
    P = reinterpret_cast<F>(Sym);
}

int FallbackMutexLock(pthread_mutex_t *M) { return __pthread_mutex_lock_compat(M); }
int FallbackMutexTrylock(pthread_mutex_t *M) { return __pthread_mutex_trylock_compat(M); }
int FallbackMutexUnlock(pthread_mutex_t *M) { return __pthread_mutex_unlock_compat(M); }
int FallbackRdlock(pthread_rwlock_t *L) { return __pthread_rwlock_rdlock_compat(L); }
int FallbackWrlock(pthread_rwlock_t *L) { return __pthread_rwlock_wrlock_compat(L); }
int FallbackRwUnlock(pthread_rwlock_t *L) { return __pthread_rwlock_unlock_compat(L); }
static int FallbackTryRw(pthread_rwlock_t *) { return EBUSY; }
// glibc's spinlock is an int: 0 free, nonzero taken.
int FallbackSpinLock(pthread_spinlock_t *L) {
  while (__atomic_exchange_n(L, 1, __ATOMIC_ACQUIRE))
    __builtin_ia32_pause();
  return 0;
}
int FallbackSpinTrylock(pthread_spinlock_t *L) {
  return __atomic_exchange_n(L, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}
int FallbackSpinUnlock(pthread_spinlock_t *L) {
  __atomic_store_n(L, 0, __ATOMIC_RELEASE);
  return 0;
}

// Once resolution is done, every pointer the tracked paths call without a
// check is set: the fast paths (which run only on threads with a state, i.e.
// after start-up resolved R) then cost one indirect call and no test.
static void FillFallbacks(RealFns *N) {
  if (!N->mutex_lock)
    N->mutex_lock = FallbackMutexLock;
  if (!N->mutex_trylock)
    N->mutex_trylock = FallbackMutexTrylock;
  if (!N->mutex_unlock)
    N->mutex_unlock = FallbackMutexUnlock;
  if (!N->rw_rdlock)
    N->rw_rdlock = FallbackRdlock;
  if (!N->rw_wrlock)
    N->rw_wrlock = FallbackWrlock;
  if (!N->rw_tryrdlock)
    N->rw_tryrdlock = FallbackTryRw;
  if (!N->rw_trywrlock)
    N->rw_trywrlock = FallbackTryRw;
  if (!N->rw_unlock)
    N->rw_unlock = FallbackRwUnlock;
  if (!N->spin_lock)
    N->spin_lock = FallbackSpinLock;
  if (!N->spin_trylock)
    N->spin_trylock = FallbackSpinTrylock;
  if (!N->spin_unlock)
    N->spin_unlock = FallbackSpinUnlock;
}

// See rt_real.h.
void ResolveReal() {
  if (g_resolved.load(std::memory_order_acquire) || tls_resolving)
    return;
  tls_resolving = 1;
  int Saved = tls_in_rt;
  tls_in_rt = 1;
  RealFns N;
  memset(&N, 0, sizeof(N));
  Resolve(N.mutex_lock, "pthread_mutex_lock");
  Resolve(N.mutex_trylock, "pthread_mutex_trylock");
  Resolve(N.mutex_timedlock, "pthread_mutex_timedlock");
  Resolve(N.mutex_clocklock, "pthread_mutex_clocklock");
  Resolve(N.mutex_unlock, "pthread_mutex_unlock");
  Resolve(N.mutex_init, "pthread_mutex_init");
  Resolve(N.mutex_destroy, "pthread_mutex_destroy");
  Resolve(N.rw_rdlock, "pthread_rwlock_rdlock");
  Resolve(N.rw_wrlock, "pthread_rwlock_wrlock");
  Resolve(N.rw_tryrdlock, "pthread_rwlock_tryrdlock");
  Resolve(N.rw_trywrlock, "pthread_rwlock_trywrlock");
  Resolve(N.rw_timedrdlock, "pthread_rwlock_timedrdlock");
  Resolve(N.rw_timedwrlock, "pthread_rwlock_timedwrlock");
  Resolve(N.rw_clockrdlock, "pthread_rwlock_clockrdlock");
  Resolve(N.rw_clockwrlock, "pthread_rwlock_clockwrlock");
  Resolve(N.rw_unlock, "pthread_rwlock_unlock");
  Resolve(N.rw_init, "pthread_rwlock_init");
  Resolve(N.rw_destroy, "pthread_rwlock_destroy");
  Resolve(N.spin_lock, "pthread_spin_lock");
  Resolve(N.spin_trylock, "pthread_spin_trylock");
  Resolve(N.spin_unlock, "pthread_spin_unlock");
  Resolve(N.spin_init, "pthread_spin_init");
  Resolve(N.spin_destroy, "pthread_spin_destroy");
  // The unversioned name may bind to the pre-2.3.2 compatibility condvar.
  Resolve(N.cond_wait, "pthread_cond_wait", "GLIBC_2.3.2");
  Resolve(N.cond_timedwait, "pthread_cond_timedwait", "GLIBC_2.3.2");
  Resolve(N.cond_clockwait, "pthread_cond_clockwait");
  Resolve(N.cond_signal, "pthread_cond_signal", "GLIBC_2.3.2");
  Resolve(N.cond_broadcast, "pthread_cond_broadcast", "GLIBC_2.3.2");
  FillFallbacks(&N);
  R = N;
  g_resolved.store(true, std::memory_order_release);
  tls_in_rt = Saved;
  tls_resolving = 0;
}

} // namespace rt
} // namespace lockgraph
