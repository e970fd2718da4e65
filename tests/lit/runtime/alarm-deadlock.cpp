// A test that really deadlocks and is ended by its own alarm(): SIGALRM's
// default action ends the process, so the shim writes the report (text and
// JSON) from its handler, then re-raises and the program dies of SIGALRM.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: rm -f %t.json
// RUN: %expect_exit -14 %t.with-shim %lockgraph_rt report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// With the watchdog on, the live deadlock it found before the alarm (100 ms
// after the threads blocked) is in both:
// RUN: rm -f %t.json
// RUN: %expect_exit -14 %t.with-shim %lockgraph_rt report=%t.json:watchdog_ms=100 %t 2>&1 | FileCheck %s --check-prefix=LIVE
// RUN: FileCheck %s --check-prefixes=JSON,JSON-LIVE < %t.json
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t Bar;

void *TakeAB(void *) {
  pthread_mutex_lock(&A);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&B); // blocks forever
  return nullptr;
}

void *TakeBA(void *) {
  pthread_mutex_lock(&B);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&A); // blocks forever
  return nullptr;
}

int main() {
  alarm(1);
  pthread_barrier_init(&Bar, nullptr, 2);
  pthread_t T1, T2;
  pthread_create(&T1, nullptr, TakeAB, nullptr);
  pthread_create(&T2, nullptr, TakeBA, nullptr);
  pthread_join(T1, nullptr);
  pthread_join(T2, nullptr);
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s)
// LIVE: ERROR: live-deadlock: 2 threads blocked
// LIVE: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// LIVE: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 1 live deadlock(s)
// JSON: "format": "lockgraph-report", "version": 1,
// JSON: "check": "lock-order-inversion"
// JSON-SAME: "severity": "warning"
// JSON-LIVE: "check": "live-deadlock"
