// Destroying a lock that is held (issue 14, item 2): by the caller itself
// (a mutex and an rwlock), or by another thread (glibc's mutex destroy
// returns EBUSY). A lock destroyed after its release is not reported.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json 2>&1 | FileCheck %s --check-prefix=MERGED
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t Mine, Theirs, Fine;
pthread_rwlock_t Table;
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

  pthread_mutex_lock(&Fine);
  pthread_mutex_unlock(&Fine);
  pthread_mutex_destroy(&Fine); // released first: fine
  return 0;
}

// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys mutex@0x{{[0-9a-f]+}}{{.*}}, which it holds itself
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in destroy_own
// CHECK: own destroy: EBUSY
// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys rwlock@0x{{[0-9a-f]+}}{{.*}}, which it holds itself
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in destroy_own
// CHECK: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys mutex@0x{{[0-9a-f]+}}{{.*}}, which another thread holds (the real call returned EBUSY)
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main
// CHECK: their destroy: EBUSY
// CHECK-NOT: destroy-held-lock
// CHECK: SUMMARY: {{.*}} 0 double-lock(s), 0 live deadlock(s), 3 held lock(s) destroyed;
// JSON: "check": "destroy-held-lock"
// JSON-SAME: "message": "a lock destroyed while it is held"
// MERGED: warning: lock misuse: a lock destroyed while it is held
// MERGED: lockgraph: 3 findings (3 destroy-held-lock)
