//===- rt_process.h - lockgraph runtime: fork, fatal signals, exit - -*- C++ -*-===//
//
// The process events the report must survive: fork (the child inherits a
// consistent state and reports only what is new), every signal whose default
// action ends the process (the report is written from the handler,
// async-signal-safe, then the signal re-raised) and exit (a destructor writes
// it and sets the exit code).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_PROCESS_H
#define LOCKGRAPH_RT_PROCESS_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

// pthread_atfork handlers, installed at start-up.
void ForkPrepare();
void ForkParent();
void ForkChild();
// Handlers for the ending signals the program left at their default action
// (kEndingSignals in rt_process.cpp says which, and which not).
void InstallSignalHandlers();

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
