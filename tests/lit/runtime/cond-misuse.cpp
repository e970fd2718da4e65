// Condition-variable misuse (issue 14, item 4): a wait with a mutex the
// thread does not hold, and one condition variable waited on with two
// mutexes at the same time.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %expect_exit 1 %lockgraph report --runtime %t.json 2>&1 | FileCheck %s --check-prefix=MERGED
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <time.h>

pthread_mutex_t Checked, M1 = PTHREAD_MUTEX_INITIALIZER, M2 = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Cv = PTHREAD_COND_INITIALIZER;
std::atomic<bool> Waiting{false}, Done{false};

static timespec In(long Ms) {
  timespec D;
  clock_gettime(CLOCK_REALTIME, &D);
  D.tv_sec += Ms / 1000;
  D.tv_nsec += (Ms % 1000) * 1000000;
  if (D.tv_nsec >= 1000000000) {
    D.tv_sec += 1;
    D.tv_nsec -= 1000000000;
  }
  return D;
}

extern "C" __attribute__((noinline)) void wait_unheld() {
  timespec D = In(10);
  // An error-checking mutex: glibc returns EPERM instead of waiting.
  int Rc = pthread_cond_timedwait(&Cv, &Checked, &D);
  fprintf(stderr, "unheld wait: %s\n", Rc == EPERM ? "EPERM" : "other");
}

extern "C" __attribute__((noinline)) void wait_second_mutex() {
  pthread_mutex_lock(&M2);
  timespec D = In(20);
  pthread_cond_timedwait(&Cv, &M2, &D); // the other thread waits with M1
  pthread_mutex_unlock(&M2);
}

int main() {
  pthread_mutexattr_t A;
  pthread_mutexattr_init(&A);
  pthread_mutexattr_settype(&A, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&Checked, &A);
  wait_unheld();

  pthread_t T;
  pthread_create(&T, nullptr, [](void *) -> void * {
    pthread_mutex_lock(&M1);
    Waiting = true;
    while (!Done) {
      timespec D = In(1000);
      pthread_cond_timedwait(&Cv, &M1, &D);
    }
    pthread_mutex_unlock(&M1);
    return nullptr;
  }, nullptr);
  while (!Waiting)
    ;
  pthread_mutex_lock(&M1); // free only once the other thread is inside its wait
  pthread_mutex_unlock(&M1);
  wait_second_mutex();
  pthread_mutex_lock(&M1);
  Done = true;
  pthread_cond_broadcast(&Cv);
  pthread_mutex_unlock(&M1);
  pthread_join(T, nullptr);
  return 0;
}

// CHECK: ERROR: cond-wait-not-held: thread {{[0-9]+}} waits on a condition variable with mutex@0x{{[0-9a-f]+}}, which is not locked
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in wait_unheld
// CHECK: unheld wait: EPERM
// CHECK: ERROR: cond-wait-two-mutexes: thread {{[0-9]+}} waits on a condition variable with mutex@0x{{[0-9a-f]+}} while other threads wait on it with mutex@0x{{[0-9a-f]+}}
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in wait_second_mutex
// CHECK: SUMMARY: {{.*}} 0 double-lock(s), 0 live deadlock(s), 1 condition wait(s) without their mutex, 1 condition variable(s) waited on with two mutexes;
// JSON: "check": "cond-wait-not-held", {{.*}}"message": "condition-variable wait with a mutex the thread does not hold"
// JSON: "check": "cond-wait-two-mutexes", {{.*}}"message": "one condition variable waited on with two mutexes at once", "count": 1, "locks": [{{[0-9]+}}, {{[0-9]+}}]
// MERGED: warning: lock misuse: condition-variable wait with a mutex the thread does not hold
// MERGED: lockgraph: 2 findings (1 cond-wait-not-held, 1 cond-wait-two-mutexes)
