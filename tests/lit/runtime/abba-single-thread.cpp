// One thread takes A,B and later B,A: a potential deadlock only if other
// threads run the same code, so the cycle is kept and marked single-thread.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;

int main() {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK: in main
// CHECK: note: every edge was formed by thread [[TID:[0-9]+]]; it deadlocks only if other threads run the same code [single-thread]
// CHECK: SUMMARY: 1 lock-order-inversion(s)
