// A thread that returns from its start routine, or calls pthread_exit,
// with locks still held (issue 14, item 3): which locks and where each was
// taken. A thread that releases what it took is not reported.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// An error finding: exitcode= applies to it.
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=3 %expect_exit 3 %t
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json 2>&1 | FileCheck %s --check-prefix=MERGED
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json --format=sarif -o %t.sarif
// RUN: FileCheck %s --check-prefix=SARIF < %t.sarif
#include <pthread.h>

pthread_mutex_t Queue = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Stats = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Tidy = PTHREAD_MUTEX_INITIALIZER;

extern "C" __attribute__((noinline)) void *forgets_to_unlock(void *) {
  pthread_mutex_lock(&Queue);
  if (pthread_mutex_trylock(&Stats) == 0)
    return nullptr; // both still held
  return nullptr;
}

extern "C" __attribute__((noinline)) void *tidy(void *) {
  pthread_mutex_lock(&Tidy);
  pthread_mutex_unlock(&Tidy);
  return nullptr;
}

int main() {
  pthread_t A, B;
  pthread_create(&A, nullptr, tidy, nullptr);
  pthread_join(A, nullptr);
  pthread_create(&A, nullptr, forgets_to_unlock, nullptr);
  pthread_join(A, nullptr);
  // Stats stays locked by a thread that is gone; this one leaves through
  // pthread_exit holding the third lock.
  pthread_create(&B, nullptr, [](void *) -> void * {
    pthread_mutex_lock(&Tidy);
    pthread_exit(nullptr);
  }, nullptr);
  pthread_join(B, nullptr);
  return 0;
}

// CHECK: ERROR: thread-exit-holding-lock: thread {{[0-9]+}} ended holding 2 locks; a thread waiting for one waits forever
// CHECK-NEXT: mutex@0x{{[0-9a-f]+}} taken at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in forgets_to_unlock
// CHECK: mutex@0x{{[0-9a-f]+}} taken at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in forgets_to_unlock
// CHECK: ERROR: thread-exit-holding-lock: thread {{[0-9]+}} ended holding 1 lock;
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s), 2 thread(s) ended holding locks; 3 locks
// JSON: "check": "thread-exit-holding-lock"
// JSON-SAME: "message": "a thread ended holding locks"
// MERGED: thread-exit-holding.cpp:{{[0-9]+}}:3: warning: lock misuse: a thread ended holding locks ({{.*}}runtime only{{.*}}) [lockgraph-thread-exit-holding-lock]
// MERGED: lockgraph: 2 findings (2 thread-exit-holding-lock)
// SARIF: "ruleId": "lockgraph-thread-exit-holding-lock"
