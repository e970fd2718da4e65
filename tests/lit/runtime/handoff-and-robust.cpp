// Locks released by a thread other than the one that took them (a binary
// semaphore hand-off with a spinlock) are reported as unlocked by a thread
// that does not hold them (as Helgrind does), and are not double locks when
// their taker locks them again; a robust mutex whose owner died (EOWNERDEAD)
// is acquired, tracked and released normally.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <thread>

pthread_spinlock_t Token;
pthread_mutex_t Robust;

int main() {
  pthread_spin_init(&Token, 0);
  pthread_spin_lock(&Token);                               // taken by main
  std::thread([] { pthread_spin_unlock(&Token); }).join(); // released by another thread
  pthread_spin_lock(&Token);                               // taken again: no double lock
  pthread_spin_unlock(&Token);

  pthread_mutexattr_t A;
  pthread_mutexattr_init(&A);
  pthread_mutexattr_setrobust(&A, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&Robust, &A);
  std::thread([] { pthread_mutex_lock(&Robust); }).join(); // dies holding it
  int Rc = pthread_mutex_lock(&Robust);
  if (Rc == EOWNERDEAD)
    pthread_mutex_consistent(&Robust);
  pthread_mutex_unlock(&Robust);
  fprintf(stderr, "robust lock: %s\n", Rc == EOWNERDEAD ? "EOWNERDEAD" : "other");
  return 0;
}

// The thread that took the robust mutex ended holding it: that is what
// EOWNERDEAD recovers from, and still a thread ending with a lock held.
// CHECK-NOT: double-lock:
// CHECK: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks spin@0x{{[0-9a-f]+}}, which thread [[MAIN:[0-9]+]] holds
// CHECK: held by thread [[MAIN]] since:
// CHECK-NOT: double-lock:
// CHECK: ERROR: thread-exit-holding-lock: thread {{[0-9]+}} ended holding 1 lock
// CHECK-NOT: double-lock:
// CHECK: robust lock: EOWNERDEAD
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s), 1 thread(s) ended holding locks, 1 unlock(s) of a lock not held; 2 locks
