// B then try-A cannot deadlock (the try fails instead of blocking): no edge.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
// The same program with a blocking lock instead of the try is reported:
// RUN: %clangxx -O1 -g -pthread -DBLOCKING %s -o %t.blocking
// RUN: env LD_PRELOAD=%lockgraph_rt %t.blocking 2>&1 | FileCheck %s --check-prefix=BLOCKING
#include <mutex>
#include <thread>

std::mutex A, B;

int main() {
  std::thread t1([] {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
  });
  t1.join();
  std::thread t2([] {
    std::lock_guard<std::mutex> b(B);
#ifdef BLOCKING
    A.lock();
    A.unlock();
#else
    if (A.try_lock())
      A.unlock();
#endif
  });
  t2.join();
  return 0;
}

// CHECK-NOT: lock-order-inversion (potential
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 1 edges
// BLOCKING: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// BLOCKING: SUMMARY: 1 lock-order-inversion(s)
