//===- rt_defs.h - lockgraph runtime: common definitions --------*- C++ -*-===//
//
// Basic building blocks of the lockgraph runtime shim (liblockgraph_rt):
//   * RawMutex: the shim's own internal lock. A futex-based mutex (Drepper's
//     three-state design) that calls the futex syscall directly; it is never a
//     pthread lock, so it can never be interposed and never re-enters the shim.
//   * MapNoReserve / Unmap: mmap-backed memory. The runtime never calls malloc.
//   * NowNs: CLOCK_MONOTONIC through the vDSO (async-signal-safe).
//   * Hash mixing helpers.
//
// Capacity limits: none here; see rt_state.h for every table's size.
//
// Glossary: IE = initial-exec (TLS model), NORESERVE = address space reserved
// without committing memory (pages are committed when first touched).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_DEFS_H
#define LOCKGRAPH_RT_DEFS_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <ctime>

#define LG_LIKELY(x) __builtin_expect(!!(x), 1)
#define LG_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define LG_NOINLINE __attribute__((noinline))
#define LG_ALWAYS_INLINE inline __attribute__((always_inline))
#define LG_INTERFACE extern "C" __attribute__((visibility("default")))
#define LG_TLS __attribute__((tls_model("initial-exec")))

namespace lockgraph {
namespace rt {

// Internal lock. Thread-safe; async-signal-safe only through TryLockFor (a
// signal handler must not block on a lock its own thread may hold).
// Never allocates, never calls an interposed function.
class RawMutex {
public:
  void Lock();
  bool TryLock() {
    int c = 0;
    return State.compare_exchange_strong(c, 1, std::memory_order_acquire);
  }
  // Spins/sleeps up to Ns nanoseconds; false if the lock was not obtained.
  bool TryLockFor(uint64_t Ns);
  void Unlock();
  // After fork(): the child has one thread; whatever the parent's threads
  // held is gone.
  void ResetAfterFork() { State.store(0, std::memory_order_relaxed); }

private:
  std::atomic<int> State{0}; // 0 free, 1 locked, 2 locked with waiters
};

class RawLockGuard {
public:
  explicit RawLockGuard(RawMutex &M) : M(M) { M.Lock(); }
  ~RawLockGuard() { M.Unlock(); }
  RawLockGuard(const RawLockGuard &) = delete;
  RawLockGuard &operator=(const RawLockGuard &) = delete;

private:
  RawMutex &M;
};

// Reserves Bytes of zeroed address space (MAP_NORESERVE); nullptr on failure.
void *MapNoReserve(size_t Bytes);
void Unmap(void *P, size_t Bytes);

inline uint64_t NowNs() { // CLOCK_MONOTONIC (vDSO)
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return static_cast<uint64_t>(Ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(Ts.tv_nsec);
}
uint64_t ProcessCpuNs(); // CLOCK_PROCESS_CPUTIME_ID
void SleepNs(uint64_t Ns);

inline uint64_t Mix64(uint64_t X) { // splitmix64 finalizer
  X ^= X >> 30;
  X *= 0xbf58476d1ce4e5b9ULL;
  X ^= X >> 27;
  X *= 0x94d049bb133111ebULL;
  X ^= X >> 31;
  return X;
}

// FNV-1a, for stable ids derived from strings (module names, class keys).
inline uint64_t HashBytes(const void *P, size_t N, uint64_t H = 0xcbf29ce484222325ULL) {
  const unsigned char *S = static_cast<const unsigned char *>(P);
  for (size_t I = 0; I < N; ++I) {
    H ^= S[I];
    H *= 0x100000001b3ULL;
  }
  return H;
}

} // namespace rt
} // namespace lockgraph

#endif
