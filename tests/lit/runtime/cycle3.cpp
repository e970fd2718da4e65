// Three threads, three locks, each pair taken in ring order: one 3-cycle.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <mutex>
#include <thread>

std::mutex M[3];

void pair(int I) {
  std::lock_guard<std::mutex> a(M[I]);
  std::lock_guard<std::mutex> b(M[(I + 1) % 3]);
}

int main() {
  for (int I = 0; I < 3; ++I) {
    std::thread t(pair, I);
    t.join();
  }
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 3 locks M0 => M1 => M2 => M0
// CHECK-COUNT-3: acquired while holding
// CHECK-NOT: single-thread
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 3 locks, 3 edges
