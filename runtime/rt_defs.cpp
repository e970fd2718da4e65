//===- rt_defs.cpp - lockgraph runtime: internal lock, memory, clocks -----===//
#include "rt_defs.h"

#include <ctime>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace lockgraph {
namespace rt {

static long Futex(std::atomic<int> *Addr, int Op, int Val, const timespec *Ts) {
  return syscall(SYS_futex, reinterpret_cast<int *>(Addr), Op, Val, Ts, nullptr, 0);
}

void RawMutex::Lock() {
  int C = 0;
  if (State.compare_exchange_strong(C, 1, std::memory_order_acquire))
    return;
  for (int Spin = 0; Spin < 100; ++Spin) { // short critical sections: spin first
    C = 0;
    if (State.load(std::memory_order_relaxed) == 0 &&
        State.compare_exchange_strong(C, 1, std::memory_order_acquire))
      return;
    __builtin_ia32_pause();
  }
  if (C != 2)
    C = State.exchange(2, std::memory_order_acquire);
  while (C != 0) {
    Futex(&State, FUTEX_WAIT_PRIVATE, 2, nullptr);
    C = State.exchange(2, std::memory_order_acquire);
  }
}

bool RawMutex::TryLockFor(uint64_t Ns) {
  uint64_t Deadline = NowNs() + Ns;
  for (;;) {
    if (TryLock())
      return true;
    if (NowNs() > Deadline)
      return false;
    SleepNs(100000);
  }
}

void RawMutex::Unlock() {
  if (State.exchange(0, std::memory_order_release) == 2)
    Futex(&State, FUTEX_WAKE_PRIVATE, 1, nullptr);
}

void *MapNoReserve(size_t Bytes) {
  void *P = mmap(nullptr, Bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return P == MAP_FAILED ? nullptr : P;
}

void Unmap(void *P, size_t Bytes) {
  if (P)
    munmap(P, Bytes);
}

uint64_t ProcessCpuNs() {
  timespec Ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &Ts);
  return static_cast<uint64_t>(Ts.tv_sec) * 1000000000ULL + static_cast<uint64_t>(Ts.tv_nsec);
}

void SleepNs(uint64_t Ns) {
  timespec Ts;
  Ts.tv_sec = static_cast<time_t>(Ns / 1000000000ULL);
  Ts.tv_nsec = static_cast<long>(Ns % 1000000000ULL);
  while (nanosleep(&Ts, &Ts) != 0) {
  }
}

} // namespace rt
} // namespace lockgraph
