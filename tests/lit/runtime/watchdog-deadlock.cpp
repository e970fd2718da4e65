// A real ABBA deadlock: both threads block forever. The watchdog sees two
// threads waiting on each other for longer than the bound, prints the live
// deadlock and aborts; the order cycle was recorded before they blocked.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt watchdog_ms=300:abort_on_deadlock=1:report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t Bar;

extern "C" __attribute__((noinline)) void *worker_ab(void *) {
  pthread_mutex_lock(&A);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&B); // blocks forever
  return nullptr;
}

extern "C" __attribute__((noinline)) void *worker_ba(void *) {
  pthread_mutex_lock(&B);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&A); // blocks forever
  return nullptr;
}

int main() {
  pthread_barrier_init(&Bar, nullptr, 2);
  pthread_t T1, T2;
  pthread_create(&T1, nullptr, worker_ab, nullptr);
  pthread_create(&T2, nullptr, worker_ba, nullptr);
  pthread_join(T1, nullptr);
  pthread_join(T2, nullptr);
  return 0;
}

// CHECK: ERROR: live-deadlock: 2 threads blocked for {{[0-9]+}} ms in a cycle: thread {{[0-9]+}} waits for {{[a-z]+}}@0x{{[0-9a-f]+}}, thread {{[0-9]+}} waits for {{[a-z]+}}@0x{{[0-9a-f]+}}
// CHECK: blocked acquiring {{[a-z]+}}@0x{{[0-9a-f]+}} at:
// CHECK-NEXT: in worker_{{ab|ba}}
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 1 live deadlock(s)
// JSON: "check": "live-deadlock"
// JSON-SAME: "severity": "error"
