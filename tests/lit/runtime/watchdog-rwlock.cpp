// A live deadlock through a read-held rwlock: the writer holds A and blocks in
// wrlock(RW), which the reader holds in shared mode; the reader blocks on A.
// A rwlock read-held has no single owner, so the watchdog finds the reader in
// the threads' held stacks. The order cycle (A -> RW exclusive, RW shared ->
// A) is a deadlock too: one of its edges is exclusive.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt watchdog_ms=300:abort_on_deadlock=1:report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// A reader that holds RW without being blocked (it releases RW after a while)
// is no live deadlock, however long the writer waits for it:
// RUN: %clangxx -O1 -g -pthread -rdynamic -DNOT_BLOCKED %s -o %t.nb
// RUN: %t.with-shim %lockgraph_rt watchdog_ms=100:abort_on_deadlock=1 %t.nb 2>&1 | FileCheck %s --check-prefix=NB
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t RW = PTHREAD_RWLOCK_INITIALIZER;
pthread_barrier_t Bar;

extern "C" __attribute__((noinline)) void *writer(void *) {
  pthread_mutex_lock(&A);
  pthread_barrier_wait(&Bar);
  pthread_rwlock_wrlock(&RW); // blocks: RW is read-held
  pthread_rwlock_unlock(&RW);
  pthread_mutex_unlock(&A);
  return nullptr;
}

extern "C" __attribute__((noinline)) void *reader(void *) {
  pthread_rwlock_rdlock(&RW);
  pthread_barrier_wait(&Bar);
#ifdef NOT_BLOCKED
  usleep(600000); // holds RW a while, then releases it: the writer proceeds
#else
  pthread_mutex_lock(&A); // blocks: the writer holds A
  pthread_mutex_unlock(&A);
#endif
  pthread_rwlock_unlock(&RW);
  return nullptr;
}

int main() {
  alarm(30); // a missed deadlock must not hang the test run
  pthread_barrier_init(&Bar, nullptr, 2);
  pthread_t T1, T2;
  pthread_create(&T1, nullptr, writer, nullptr);
  pthread_create(&T2, nullptr, reader, nullptr);
  pthread_join(T1, nullptr);
  pthread_join(T2, nullptr);
  return 0;
}

// CHECK: ERROR: live-deadlock: 2 threads blocked for {{[0-9]+}} ms in a cycle: thread {{[0-9]+}} waits for {{[a-z]+}}@0x{{[0-9a-f]+}}, thread {{[0-9]+}} waits for {{[a-z]+}}@0x{{[0-9a-f]+}}
// CHECK: blocked acquiring {{[a-z]+}}@0x{{[0-9a-f]+}} at:
// CHECK-NEXT: in {{writer|reader}}
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 1 live deadlock(s)
// JSON: "check": "live-deadlock"
// JSON-SAME: "severity": "error"
// NB-NOT: live-deadlock
// NB: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s)
