//===- rt_free.h - lockgraph runtime: the freed-memory watch -- -*- C++ -*-===//
//
// free is interposed so that a lock whose memory is freed without a destroy
// (std::mutex has a trivial destructor) stops being that lock: a new object at
// the address is a new instance. Only locks with order edges are watched. The
// interposed free itself lives in rt_free.cpp with its inline fast path.
// Capacity: kLinePages (see rt_runtime.h).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_FREE_H
#define LOCKGRAPH_RT_FREE_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// At start-up with detect=1: reserves the watch's tables and turns free's
// fast path on once the real free is known.
void InitFreeWatch();
// Under Mu: notes that a lock that takes part in the graph starts at Addr,
// for free (see FreeRetire).
void WatchLockLine(uintptr_t Addr);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
