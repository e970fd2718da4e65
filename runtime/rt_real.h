//===- rt_real.h - lockgraph runtime: the real pthread functions - -*- C++ -*-===//
//
// The functions the shim interposes, as the next library (glibc) defines them:
// found with dlsym(RTLD_NEXT) (dlvsym for pthread_cond_* at GLIBC_2.3.2, which
// the unversioned name may bind to the old ABI), with fallbacks for the calls
// made before dlsym can answer (start-up, dlsym itself). Separate because every
// lock path calls through R, and resolution has re-entry rules of its own
// (tls_resolving); nothing else here.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_REAL_H
#define LOCKGRAPH_RT_REAL_H

#include "rt_defs.h"

#include <cerrno>
#include <pthread.h>
#include <time.h>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

struct RealFns {
  int (*mutex_lock)(pthread_mutex_t *);
  int (*mutex_trylock)(pthread_mutex_t *);
  int (*mutex_timedlock)(pthread_mutex_t *, const struct timespec *);
  int (*mutex_clocklock)(pthread_mutex_t *, clockid_t, const struct timespec *);
  int (*mutex_unlock)(pthread_mutex_t *);
  int (*mutex_init)(pthread_mutex_t *, const pthread_mutexattr_t *);
  int (*mutex_destroy)(pthread_mutex_t *);
  int (*rw_rdlock)(pthread_rwlock_t *);
  int (*rw_wrlock)(pthread_rwlock_t *);
  int (*rw_tryrdlock)(pthread_rwlock_t *);
  int (*rw_trywrlock)(pthread_rwlock_t *);
  int (*rw_timedrdlock)(pthread_rwlock_t *, const struct timespec *);
  int (*rw_timedwrlock)(pthread_rwlock_t *, const struct timespec *);
  int (*rw_clockrdlock)(pthread_rwlock_t *, clockid_t, const struct timespec *);
  int (*rw_clockwrlock)(pthread_rwlock_t *, clockid_t, const struct timespec *);
  int (*rw_unlock)(pthread_rwlock_t *);
  int (*rw_init)(pthread_rwlock_t *, const pthread_rwlockattr_t *);
  int (*rw_destroy)(pthread_rwlock_t *);
  int (*spin_lock)(pthread_spinlock_t *);
  int (*spin_trylock)(pthread_spinlock_t *);
  int (*spin_unlock)(pthread_spinlock_t *);
  int (*spin_init)(pthread_spinlock_t *, int);
  int (*spin_destroy)(pthread_spinlock_t *);
  int (*cond_wait)(pthread_cond_t *, pthread_mutex_t *);
  int (*cond_timedwait)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
  int (*cond_clockwait)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *);
  int (*cond_signal)(pthread_cond_t *);
  int (*cond_broadcast)(pthread_cond_t *);
};
extern RealFns R;

// Safe to call repeatedly and concurrently; a lock call made by dlsym itself
// while this thread resolves finds tls_resolving set and uses the fallbacks.
void ResolveReal();

// What the pass-through paths call when a pointer is not resolved (yet).
int FallbackMutexLock(pthread_mutex_t *M);
int FallbackMutexTrylock(pthread_mutex_t *M);
int FallbackMutexUnlock(pthread_mutex_t *M);
int FallbackRdlock(pthread_rwlock_t *L);
int FallbackWrlock(pthread_rwlock_t *L);
int FallbackRwUnlock(pthread_rwlock_t *L);
int FallbackSpinLock(pthread_spinlock_t *L);
int FallbackSpinTrylock(pthread_spinlock_t *L);
int FallbackSpinUnlock(pthread_spinlock_t *L);

// Once resolved, R never changes: a set pointer is final.
#define LG_REAL(name) (LG_LIKELY(R.name != nullptr) ? R.name : (ResolveReal(), R.name))

// For the pass-through paths, which may run before resolution (or inside it).
inline int RealMutexLock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_lock);
  return F ? F(M) : FallbackMutexLock(M);
}
inline int RealMutexTrylock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_trylock);
  return F ? F(M) : FallbackMutexTrylock(M);
}
inline int RealMutexUnlock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_unlock);
  return F ? F(M) : FallbackMutexUnlock(M);
}
inline int RealRdlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_rdlock);
  return F ? F(L) : FallbackRdlock(L);
}
inline int RealWrlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_wrlock);
  return F ? F(L) : FallbackWrlock(L);
}
inline int RealRwUnlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_unlock);
  return F ? F(L) : FallbackRwUnlock(L);
}
inline int RealTryRd(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_tryrdlock);
  return F ? F(L) : EBUSY;
}
inline int RealTryWr(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_trywrlock);
  return F ? F(L) : EBUSY;
}
inline int RealSpinLock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_lock);
  return F ? F(L) : FallbackSpinLock(L);
}
inline int RealSpinTrylock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_trylock);
  return F ? F(L) : FallbackSpinTrylock(L);
}
inline int RealSpinUnlock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_unlock);
  return F ? F(L) : FallbackSpinUnlock(L);
}

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
