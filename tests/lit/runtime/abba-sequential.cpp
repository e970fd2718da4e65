// Two threads take A,B and B,A one after the other: the run never hangs, but
// the order graph has a cycle, reported once with both edges' stacks.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
// stack_depth bounds every captured stack:
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=stack_depth=1 %t 2>&1 | FileCheck %s --check-prefix=DEPTH1
#include <mutex>
#include <thread>

std::mutex A, B;

extern "C" __attribute__((noinline)) void take_a_then_b() {
  std::lock_guard<std::mutex> a(A);
  std::lock_guard<std::mutex> b(B);
}

extern "C" __attribute__((noinline)) void take_b_then_a() {
  std::lock_guard<std::mutex> b(B);
  std::lock_guard<std::mutex> a(A);
}

int main() {
  std::thread t1(take_a_then_b);
  t1.join();
  std::thread t2(take_b_then_a);
  t2.join();
  return 0;
}

// CHECK: ==[[PID:[0-9]+]]==lockgraph: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK-NEXT: M1 acquired while holding M0 in thread {{[0-9]+}} (exclusive):
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in take_b_then_a /{{.*}}/abba-sequential.cpp.tmp+0x
// CHECK: M0 previously acquired by that thread at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in take_b_then_a
// CHECK: M0 acquired while holding M1 in thread {{[0-9]+}} (exclusive):
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in take_a_then_b
// CHECK: M1 previously acquired by that thread at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in take_a_then_b
// CHECK-NOT: single-thread
// CHECK: M0 = mutex@0x{{[0-9a-f]+}} (gen 1), first acquired at take_a_then_b
// CHECK: M1 = mutex@0x{{[0-9a-f]+}} (gen 1), first acquired at take_a_then_b
// CHECK-NOT: lock-order-inversion (potential
// CHECK: ==[[PID]]==lockgraph: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 2 edges, 2 threads
// DEPTH1: acquired while holding
// DEPTH1-NEXT: #0 0x{{[0-9a-f]+}} in take_b_then_a
// DEPTH1-NEXT: M0 previously acquired by that thread at:
// DEPTH1-NOT: #1
// DEPTH1: SUMMARY: 1 lock-order-inversion(s)
