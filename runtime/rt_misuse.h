//===- rt_misuse.h - lockgraph runtime: lock misuse findings -- -*- C++ -*-===//
//
// Misuse that is not a lock order: what Helgrind and ThreadSanitizer report
// as errors of their own: a thread that ends holding locks, a held lock
// destroyed, an unlock of a lock not held, a lock call that failed, a
// condition-variable wait without its mutex or with two mutexes. Each is a
// Finding (rt_runtime.h) printed at once and kept for the report, counted
// against kMaxFindings like the others; repeats of one misuse at one call
// site are one finding with a count. None of this is on a fast path.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_MISUSE_H
#define LOCKGRAPH_RT_MISUSE_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

#pragma GCC visibility push(hidden)

// The thread returns from its start routine or calls pthread_exit with
// locks still held (its thread-specific destructor runs then): records one
// finding with up to eight of them, each with the site that took it. No
// other thread can release a mutex for it, so whoever waits for one waits
// forever.
void ReportThreadExitHeld(ThreadState *T);

// pthread_mutex_destroy / pthread_rwlock_destroy of a lock that is held (by
// the calling thread or another), or that a thread is blocked acquiring: see
// CheckDestroy / ReportDestroy below.

// Around a destroy: what to know before the real call retires the lock.
struct DestroyCheck {
  uint32_t Id = kNoLock; // the live instance at the address, if any
  uint8_t Detail = 0;    // 0: not held, else kHeldBySelf / kHeldByOther / kHasWaiters
  int32_t OtherTid = 0;  // the holder or waiter (0: another thread, not known which)
  int32_t WaiterTid = 0; // a thread blocked acquiring it, if any
};
DestroyCheck CheckDestroy(ThreadState *T, const void *P, uint8_t Type);
// Reports C unless it found nothing; RealRc: the real destroy's result (a
// mutex glibc refused to destroy, EBUSY, is held by another thread).
void ReportDestroy(ThreadState *T, DestroyCheck C, int RealRc, uintptr_t Pc);

// An unlock of P that the calling thread's held stack does not have (and no
// acquisition beyond the held stack is pending): asks the lock word who holds
// it. Reports never locked / not locked / held by another thread, and tells
// that thread to drop its stale hold. Type: the entry point's lock kind
// (kTypeMutex for any mutex). True when reported.
bool CheckUnlockNotHeld(ThreadState *T, const void *P, uint8_t Type, uintptr_t Pc);

// The real lock, try-lock or unlock returned an error that is not the call's
// normal answer (EBUSY of a try, ETIMEDOUT of a timed lock): EDEADLK is a
// double lock that returned, the others a lock-call-failed finding.
void ReportLockCallFailed(ThreadState *T, const void *P, uint8_t Type, uint8_t Call, int Rc,
                          uintptr_t Pc);

// A condition-variable wait with mutex M that the calling thread does not
// hold (by its held stack and by the mutex's owner word).
void CheckCondWaitNotHeld(ThreadState *T, const void *M, uintptr_t Pc);
// One condvar waited on with two mutexes at once: this wait's Mutex while
// others wait with Other.
void ReportCondTwoMutexes(ThreadState *T, uint32_t Mutex, uint32_t Other, uintptr_t Pc);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
