//===- rt_misuse.h - lockgraph runtime: lock misuse findings -- -*- C++ -*-===//
//
// Misuse that is not a lock order: what Helgrind and ThreadSanitizer report
// as errors of their own (issue 14). For now a thread that ends holding
// locks; each is a Finding (rt_runtime.h) printed at once and kept for the
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

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
