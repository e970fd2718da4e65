//===- rt_init.h - lockgraph runtime: start-up and warnings --- -*- C++ -*-===//
//
// Start-up of the shim (the state, the options, the tables, the handlers) and
// the warnings it prints. Separate from the lock paths so that what happens
// once per process is read in one place: rt_init.cpp.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_INIT_H
#define LOCKGRAPH_RT_INIT_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// Returns true once the runtime is usable. Called with tls_in_rt set.
bool EnsureInit();

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
