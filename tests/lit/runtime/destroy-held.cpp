// Destroying a lock that is held (issue 14, item 2): by the caller itself
// (a mutex and an rwlock), by another thread (glibc's mutex destroy returns
// EBUSY; its rwlock destroy does not check), or that a thread is blocked
// acquiring. A lock destroyed after its release is not reported.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json 2>&1 | FileCheck %s --check-prefix=MERGED
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t Mine, Theirs, Fine, Wanted;
pthread_rwlock_t Table, Shared;
pthread_barrier_t Step; // not a lock: the shim does not see it

extern "C" __attribute__((noinline)) void destroy_own() {
  pthread_mutex_lock(&Mine);
  int Rc = pthread_mutex_destroy(&Mine); // held by this thread
  fprintf(stderr, "own destroy: %s\n", Rc == EBUSY ? "EBUSY" : "other");
  pthread_rwlock_wrlock(&Table);
  pthread_rwlock_destroy(&Table); // held by this thread
  asm volatile(""); // no tail call: keep destroy_own on the stack
}

int main() {
  pthread_mutex_init(&Mine, nullptr);
  pthread_mutex_init(&Theirs, nullptr);
  pthread_mutex_init(&Fine, nullptr);
  pthread_rwlock_init(&Table, nullptr);
  destroy_own();

  pthread_barrier_init(&Step, nullptr, 2);
  pthread_t Holder;
  pthread_create(&Holder, nullptr, [](void *) -> void * {
    pthread_mutex_lock(&Theirs);
    pthread_barrier_wait(&Step); // held now
    pthread_barrier_wait(&Step); // main has tried to destroy it
    pthread_mutex_unlock(&Theirs);
    return nullptr;
  }, nullptr);
  pthread_barrier_wait(&Step);
  int Rc = pthread_mutex_destroy(&Theirs); // held by the other thread
  pthread_barrier_wait(&Step);
  pthread_join(Holder, nullptr);
  fprintf(stderr, "their destroy: %s\n", Rc == EBUSY ? "EBUSY" : "other");

  // An rwlock read-held by another thread: glibc destroys it without a word.
  pthread_rwlock_init(&Shared, nullptr);
  pthread_create(&Holder, nullptr, [](void *) -> void * {
    pthread_rwlock_rdlock(&Shared);
    pthread_barrier_wait(&Step);
    pthread_barrier_wait(&Step);
    pthread_rwlock_unlock(&Shared);
    return nullptr;
  }, nullptr);
  pthread_barrier_wait(&Step);
  pthread_rwlock_destroy(&Shared);
  pthread_barrier_wait(&Step);
  pthread_join(Holder, nullptr);

  // A mutex another thread is blocked acquiring (main holds it): destroyed
  // by a third thread, which sees it held and waited for.
  pthread_mutex_init(&Wanted, nullptr);
  pthread_mutex_lock(&Wanted);
  pthread_t Waiter;
  pthread_create(&Waiter, nullptr, [](void *) -> void * {
    pthread_mutex_lock(&Wanted);
    pthread_mutex_unlock(&Wanted);
    return nullptr;
  }, nullptr);
  usleep(100000); // the waiter is blocked in its lock call by now
  pthread_t Destroyer;
  pthread_create(&Destroyer, nullptr, [](void *) -> void * {
    pthread_mutex_destroy(&Wanted); // EBUSY: main holds it
    return nullptr;
  }, nullptr);
  pthread_join(Destroyer, nullptr);
  pthread_mutex_unlock(&Wanted);
  pthread_join(Waiter, nullptr);

  pthread_mutex_lock(&Fine);
  pthread_mutex_unlock(&Fine);
  pthread_mutex_destroy(&Fine); // released first: fine
  return 0;
}

// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys mutex@0x{{[0-9a-f]+}}{{.*}}, which it holds itself (the real call returned EBUSY)
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in destroy_own
// CHECK: own destroy: EBUSY
// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys rwlock@0x{{[0-9a-f]+}}{{.*}}, which it holds itself
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in destroy_own
// CHECK: ERROR: destroy-held-lock: thread [[MAIN:[0-9]+]] destroys mutex@0x{{[0-9a-f]+}}{{.*}}, which thread [[HOLDER:[0-9]+]] holds (the real call returned EBUSY)
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main
// CHECK: their destroy: EBUSY
// CHECK: ERROR: destroy-held-lock: thread [[MAIN]] destroys rwlock@0x{{[0-9a-f]+}}{{.*}}, which thread {{[0-9]+}} holds
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main
// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys mutex@0x{{[0-9a-f]+}}{{.*}}, which thread [[MAIN]] holds and thread {{[0-9]+}} is blocked acquiring (the real call returned EBUSY)
// CHECK-NOT: destroy-held-lock
// CHECK: SUMMARY: {{.*}} 0 double-lock(s), 0 live deadlock(s), 5 held lock(s) destroyed;
// JSON: "check": "destroy-held-lock", {{.*}}"message": "a lock destroyed while it is held (by the caller)", "count": 1, "error": "EBUSY", "locks"
// JSON: "check": "destroy-held-lock", {{.*}}"message": "a lock destroyed while it is held (by another thread)", "count": 1, "error": "EBUSY", "other_thread": {{[0-9]+}}, "locks"
// MERGED: warning: lock misuse: a lock destroyed while it is held (by the caller)
// MERGED: lockgraph: 5 findings (5 destroy-held-lock)
