// A real ABBA deadlock through two futex locks the shim knows only from
// their annotations: between pre_lock and post_lock a thread counts as
// waiting, so the watchdog finds the two threads blocked on each other.
// RUN: %clangxx -O1 -g -pthread -rdynamic -I%lockgraph_include -I%samples/futex-lock %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt watchdog_ms=300:abort_on_deadlock=1:report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include "futex_lock.h"

#include <pthread.h>

static FutexLock A, B;
static pthread_barrier_t Bar;

extern "C" __attribute__((noinline)) void *worker_ab(void *) {
  A.lock();
  pthread_barrier_wait(&Bar);
  B.lock(); // blocks forever
  return nullptr;
}

extern "C" __attribute__((noinline)) void *worker_ba(void *) {
  B.lock();
  pthread_barrier_wait(&Bar);
  A.lock(); // blocks forever
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

// CHECK: ERROR: live-deadlock: 2 threads blocked for {{[0-9]+}} ms in a cycle: thread {{[0-9]+}} waits for annotated@0x{{[0-9a-f]+}}, thread {{[0-9]+}} waits for annotated@0x{{[0-9a-f]+}}
// CHECK: blocked acquiring annotated@0x{{[0-9a-f]+}} at:
// CHECK-NEXT: in worker_{{ab|ba}}
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 1 live deadlock(s)
// JSON: "check": "live-deadlock"
