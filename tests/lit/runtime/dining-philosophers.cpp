// Five philosophers each take the left then the right fork. Run one at a time
// (so the test never hangs), the five edges still form a 5-cycle.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
// The classic fix (the last philosopher takes the right fork first) is silent:
// RUN: %clangxx -O1 -g -pthread -rdynamic -DFIXED %s -o %t.fixed
// RUN: env LD_PRELOAD=%lockgraph_rt %t.fixed 2>&1 | FileCheck %s --check-prefix=FIXED
#include <mutex>
#include <thread>

std::mutex Fork[5];

void dine(int I) {
  int L = I, R = (I + 1) % 5;
#ifdef FIXED
  if (L > R) {
    int T = L;
    L = R;
    R = T;
  }
#endif
  std::lock_guard<std::mutex> l(Fork[L]);
  std::lock_guard<std::mutex> r(Fork[R]);
}

int main() {
  for (int I = 0; I < 5; ++I) {
    std::thread t(dine, I);
    t.join();
  }
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 5 locks M0 => M1 => M2 => M3 => M4 => M0
// CHECK: SUMMARY: 1 lock-order-inversion(s)
// FIXED-NOT: lock-order-inversion (potential
// FIXED: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 5 locks, 5 edges
