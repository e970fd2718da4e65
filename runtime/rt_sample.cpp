//===- rt_sample.cpp - lockgraph runtime: contention and hold sampling ----===//
//
// The hold clock and the sampled hold times, and the first-contention stack
// (see rt_sample.h).
//===----------------------------------------------------------------------===//
#include "rt_sample.h"

#include "rt_stack.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>
#endif

namespace lockgraph {
namespace rt {

bool g_hold_tsc = false;    // HoldClock is the TSC

bool InvariantTsc() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned A, B, C, D;
  return __get_cpuid(0x80000007u, &A, &B, &C, &D) && (D & (1u << 8));
#else
  return false;
#endif
}

uint64_t HoldClock() {
#if defined(__x86_64__) || defined(__i386__)
  if (g_hold_tsc)
    return __rdtsc();
#endif
  return NowNs();
}

double HoldNsPerTick() {
  State *S = g_state;
  if (!g_hold_tsc || !S)
    return 1.0;
  uint64_t Ns = NowNs() - S->StartNs, Ticks = HoldClock() - S->StartTicks;
  return Ticks ? double(Ns) / double(Ticks) : 1.0;
}

LG_NOINLINE __attribute__((cold)) void StartSample(ThreadState *T, HeldLock *H) {
  int Rate = g_state->Opts.HoldSampleRate;
  T->SampleCountdown = Rate > 0 ? static_cast<uint32_t>(Rate) : ~0u;
  if (Rate > 0) {
    H->HoldT0 = HoldClock();
    H->Tag = H->Tag | kTagSampled; // whole word: see SetFlags
  }
}

LG_NOINLINE void EndSample(HeldLock &H, LockInfo &L) {
  uint64_t D = HoldClock() - H.HoldT0;
  if (static_cast<int64_t>(D) < 0)
    D = 0; // released on a CPU whose TSC lags the acquiring one's
  Bump(&L.HoldTicks, D, H.Shared);
  Bump(&L.HoldSamples, 1, H.Shared);
}

LG_NOINLINE __attribute__((cold)) void CaptureWaitStack(LockInfo &L, uintptr_t Pc) {
  uint32_t Z = 0;
  if (!L.WaitStack.compare_exchange_strong(Z, kWaitStackTaking, std::memory_order_relaxed))
    return;
  uint32_t Stack = CaptureFrames(Pc, g_state->Opts.StackDepth);
  if (Stack)
    L.WaitStack.store(Stack, std::memory_order_release);
}

} // namespace rt
} // namespace lockgraph
