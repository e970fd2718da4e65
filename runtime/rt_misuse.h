//===- rt_misuse.h - lockgraph runtime: lock misuse findings -- -*- C++ -*-===//
//
// Misuse that is not a lock order: what Helgrind and ThreadSanitizer report
// as errors of their own (issue 14): a thread that ends holding locks, a
// held lock destroyed; each is a Finding (rt_runtime.h) printed at once and kept for the
// report, counted against kMaxFindings like the others.
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

// pthread_mutex_destroy / pthread_rwlock_destroy of a lock that is held:
// by the calling thread (its held stack says so), or by another (the real
// mutex destroy returned EBUSY). Pc: the destroy call's return address.
void ReportDestroyHeld(ThreadState *T, uint32_t Id, bool BySelf, uintptr_t Pc);

// Around a destroy: what to know before the real call retires the lock.
struct DestroyCheck {
  uint32_t Id = kNoLock; // the live instance at the address, if any
  bool BySelf = false;   // the calling thread holds it
};
DestroyCheck CheckDestroy(ThreadState *T, const void *P);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
