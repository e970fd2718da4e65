//===- rt_stack.h - lockgraph runtime: stacks and symbolization -*- C++ -*-===//
//
// Stacks are captured as raw return addresses with the libgcc unwinder
// (_Unwind_Backtrace; works without frame pointers) and symbolized right away
// with dladdr into (module, offset, symbol) frames, so that reporting later,
// possibly from a signal handler, needs no loader call. The tool side turns
// module + offset into file:line.
//
// Stacks are only captured on slow paths: a lock-order edge never seen before
// (by this thread in this context) and a live deadlock. A lock's class site is
// one frame (its first acquisition's return address), symbolized through a
// pc cache so a million locks made at one site cost one dladdr.
//
// Capacity (when full: the stack is stored empty / the name is dropped, and
// the report says "<no stack: depot full>"):
//   - StackDepot: 64 MiB of frames (about 170k stacks of depth 16);
//   - 512 distinct modules, 8 MiB of interned symbol and module names;
//   - pc cache: 16384 entries, direct-mapped (a miss costs one dladdr).
// Frame offsets point into the call instruction (return address - 1).
//
// Locking: Symbolize and PutStack take internal RawMutexes (never pthread
// locks); Symbolize calls dladdr without holding its lock. GetStack and
// NameOf are lock-free reads of append-only data (async-signal-safe).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_STACK_H
#define LOCKGRAPH_RT_STACK_H

#include <cstdint>

namespace lockgraph {
namespace rt {

struct Frame {
  uintptr_t Pc = 0;      // raw return address
  uint64_t Offset = 0;   // Pc - 1 - module base
  uint32_t Module = 0;   // name id of the module path (0 = unknown)
  uint32_t Symbol = 0;   // name id of the symbol (0 = none)
};

// Captures up to Max return addresses of the calling thread. Frames above the
// first one equal to StartPc are dropped (pass the interposed function's
// return address to cut the shim's own frames); StartPc 0 keeps everything.
int CaptureStack(uintptr_t *Pcs, int Max, uintptr_t StartPc);

bool StackInit();
void StackResetAfterFork();

// Thread-safe (internal lock). Never fails: unknown pcs get Module 0.
Frame Symbolize(uintptr_t Pc);

// Stores Frames; returns a stack id (0 = none / depot full). Thread-safe.
uint32_t PutStack(const Frame *Frames, int N);
// Lock-free read of a stored stack; N = 0 for id 0.
const Frame *GetStack(uint32_t Id, int *N);

// Interned names; "" for id 0.
const char *NameOf(uint32_t Id);

// Captures up to Depth (at most 64) frames from StartPc, symbolizes and
// stores them: a stack id (0 = none). Thread-safe; may call the loader.
uint32_t CaptureFrames(uintptr_t StartPc, int Depth);

} // namespace rt
} // namespace lockgraph

#endif
