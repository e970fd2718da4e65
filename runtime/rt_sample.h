//===- rt_sample.h - lockgraph runtime: contention and hold sampling - -*- C++ -*-===//
//
// Per-lock statistics: the counter helpers, the hold-time samples (one hold in
// hold_sample_rate is timed, with HoldClock: the TSC when invariant), and the
// stack of a lock's first contended acquisition. The wait itself is timed in
// the general acquisition path (rt_acquire.h: only a failed try is timed).
// Separate because the fast paths only count down to a sample and call out of
// line here; timing and clocks are this file's business.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_SAMPLE_H
#define LOCKGRAPH_RT_SAMPLE_H

#include "rt_runtime.h"

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

extern bool g_hold_tsc; // HoldClock is the TSC (set at start-up)
// The TSC runs at a constant rate across frequency changes and sleep states
// (CPUID 8000_0007h EDX bit 8), so tick differences measure time.
bool InvariantTsc();

LG_ALWAYS_INLINE void SetBit(uint64_t *Bits, uint32_t Slot, bool Atomic) {
  uint64_t M = 1ULL << (Slot & 63);
  uint64_t *W = &Bits[(Slot >> 6) & 3];
  if (LG_LIKELY(*W & M))
    return;
  if (Atomic)
    __atomic_fetch_or(W, M, __ATOMIC_RELAXED);
  else
    *W |= M;
}

LG_ALWAYS_INLINE void Bump(uint64_t *C, uint64_t V, bool Atomic) {
  if (Atomic)
    __atomic_fetch_add(C, V, __ATOMIC_RELAXED);
  else
    *C += V;
}

// The countdown ran out: re-arm it and time this hold (rate 0: re-arm only).
LG_NOINLINE __attribute__((cold)) void StartSample(ThreadState *T, HeldLock *H);
// A timed hold ends: add its time to the lock.
LG_NOINLINE void EndSample(HeldLock &H, LockInfo &L);
// The lock's first contended acquisition: keep its whole stack (the one-frame
// class site may be a wrapper shared by every lock, std::mutex::lock at -O0).
// One thread claims the capture; the others wait for the lock without it.
LG_NOINLINE __attribute__((cold)) void CaptureWaitStack(LockInfo &L, uintptr_t Pc);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
