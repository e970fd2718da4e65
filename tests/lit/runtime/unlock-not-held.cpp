// An unlock by a thread that does not hold the lock (issue 14, item 1): a
// mutex never locked, one unlocked twice, one held by another thread (a mutex
// used as a semaphore). In the last case the holder's stale hold is dropped:
// it forms no edge afterwards, so no false cycle. Repeats at one call site
// are one finding with a count.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json 2>&1 | FileCheck %s --check-prefix=MERGED
#include <cstdio>
#include <pthread.h>

pthread_mutex_t Never = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Twice = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Token = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t After = PTHREAD_MUTEX_INITIALIZER;

extern "C" __attribute__((noinline)) void unlock_never() {
  pthread_mutex_unlock(&Never);
  asm volatile("");
}

extern "C" __attribute__((noinline)) void unlock_twice() {
  for (int I = 0; I < 3; ++I) {
    pthread_mutex_lock(&Twice);
    pthread_mutex_unlock(&Twice);
    pthread_mutex_unlock(&Twice); // the second unlock: not locked
  }
  asm volatile("");
}

extern "C" __attribute__((noinline)) void *release_token(void *) {
  pthread_mutex_unlock(&Token); // main holds it
  asm volatile("");
  return nullptr;
}

int main() {
  unlock_never();
  unlock_twice();
  // A binary semaphore made of a mutex: main takes the token, another
  // thread gives it back.
  pthread_mutex_lock(&Token);
  pthread_t T;
  pthread_create(&T, nullptr, release_token, nullptr);
  pthread_join(T, nullptr);
  // Main no longer holds Token: taking After forms no Token -> After edge,
  // so After -> Token on another thread closes no cycle.
  pthread_mutex_lock(&After);
  pthread_mutex_unlock(&After);
  pthread_create(&T, nullptr, [](void *) -> void * {
    pthread_mutex_lock(&After);
    pthread_mutex_lock(&Token);
    pthread_mutex_unlock(&Token);
    pthread_mutex_unlock(&After);
    return nullptr;
  }, nullptr);
  pthread_join(T, nullptr);
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks mutex@0x{{[0-9a-f]+}}, which no thread has locked
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in unlock_never
// CHECK: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks mutex@0x{{[0-9a-f]+}}, which is not locked (it was unlocked before)
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in unlock_twice
// CHECK: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks mutex@0x{{[0-9a-f]+}}, which thread [[MAIN:[0-9]+]] holds
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in release_token
// CHECK: held by thread [[MAIN]] since:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main
// CHECK-NOT: lock-order-inversion
// CHECK: done
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s), 3 unlock(s) of a lock not held;
// JSON: "check": "unlock-not-held", {{.*}}"message": "unlock of a lock that was never locked", "count": 1,
// JSON: "check": "unlock-not-held", {{.*}}"message": "unlock of a lock that is not locked", "count": 3,
// JSON: "check": "unlock-not-held", {{.*}}"message": "unlock of a lock held by another thread", "count": 1, "other_thread": {{[0-9]+}},
// MERGED: warning: lock misuse: unlock of a lock that was never locked
// MERGED: lockgraph: 3 findings (3 unlock-not-held)
