//===- rt_watchdog.h - lockgraph runtime: the watchdog -------- -*- C++ -*-===//
//
// Optional (watchdog_ms=N): a thread that looks for threads blocked in a cycle
// of lock waits for longer than N ms, reports the live deadlock, writes the
// JSON report at once (again at exit if the program goes on) and, with
// abort_on_deadlock, writes the whole report and aborts. Started on the first
// contended acquisition. Reads the other threads' wait state racily by design
// (a chain must hold for the whole bound). At most 8 threads per cycle.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_WATCHDOG_H
#define LOCKGRAPH_RT_WATCHDOG_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// Starts the watchdog thread once (later calls return at once).
void StartWatchdog();

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
