// Re-acquiring a recursive mutex adds no edge: R, A, R (again) is not the
// order A -> R, so there is no cycle R -> A -> R.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <mutex>
#include <thread>

std::recursive_mutex R;
std::mutex A;

int main() {
  std::thread t([] {
    std::lock_guard<std::recursive_mutex> r1(R);
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::recursive_mutex> r2(R);
    std::lock_guard<std::recursive_mutex> r3(R);
  });
  t.join();
  // R is released completely: another thread can take it.
  std::thread t2([] { std::lock_guard<std::recursive_mutex> r(R); });
  t2.join();
  return 0;
}

// CHECK-NOT: lock-order-inversion (potential
// CHECK-NOT: double-lock
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 1 edges
