// A mutex destroyed and re-initialised at the same address is a new lock
// (generation 2): the old instance's order A -> M does not meet the new
// instance's M -> A, so there is no cycle.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// Without the destroy/init in between, the same address is one lock: a cycle.
// RUN: %clangxx -O1 -g -pthread -DNO_DESTROY %s -o %t.same
// RUN: env LD_PRELOAD=%lockgraph_rt %t.same 2>&1 | FileCheck %s --check-prefix=SAME
#include <pthread.h>
#include <thread>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Storage; // reused for two mutexes

int main() {
  pthread_mutex_init(&Storage, nullptr);
  std::thread t1([] {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&Storage);
    pthread_mutex_unlock(&Storage);
    pthread_mutex_unlock(&A);
  });
  t1.join();
#ifndef NO_DESTROY
  pthread_mutex_destroy(&Storage);
  pthread_mutex_init(&Storage, nullptr);
#endif
  std::thread t2([] {
    pthread_mutex_lock(&Storage);
    pthread_mutex_lock(&A);
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&Storage);
  });
  t2.join();
  return 0;
}

// CHECK-NOT: lock-order-inversion (potential
// CHECK: SUMMARY: 0 lock-order-inversion(s), {{.*}}; 3 locks, 2 edges
// JSON-DAG: "generation": 1
// JSON-DAG: "generation": 2
// JSON: "findings": [
// JSON-NEXT: ],
// SAME: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// SAME: SUMMARY: 1 lock-order-inversion(s), {{.*}}; 2 locks, 2 edges
