// A writer that then reads, against the other lock's writer that then reads:
// each thread can block the other, so the cycle is reported, with modes.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <pthread.h>
#include <thread>

pthread_rwlock_t A = PTHREAD_RWLOCK_INITIALIZER, B = PTHREAD_RWLOCK_INITIALIZER;

void wr_then_rd(pthread_rwlock_t &X, pthread_rwlock_t &Y) {
  pthread_rwlock_wrlock(&X);
  pthread_rwlock_rdlock(&Y);
  pthread_rwlock_unlock(&Y);
  pthread_rwlock_unlock(&X);
}

int main() {
  std::thread t1([] { wr_then_rd(A, B); });
  t1.join();
  std::thread t2([] { wr_then_rd(B, A); });
  t2.join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK: M1 acquired while holding M0 in thread {{[0-9]+}} (shared):
// CHECK: M0 = rwlock@
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored)
// JSON: "type": "rwlock"
// JSON: "mode": "shared", "held_mode": "exclusive"
// JSON: "check": "lock-order-inversion"
