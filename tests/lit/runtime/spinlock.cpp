// pthread spinlocks are locks too: ABBA over two spinlocks is reported, and a
// spin trylock adds no edge.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <pthread.h>
#include <thread>

pthread_spinlock_t A, B, C;

int main() {
  pthread_spin_init(&A, 0);
  pthread_spin_init(&B, 0);
  pthread_spin_init(&C, 0);
  std::thread([] { pthread_spin_lock(&A); pthread_spin_lock(&B); pthread_spin_lock(&C);
                   pthread_spin_unlock(&C); pthread_spin_unlock(&B); pthread_spin_unlock(&A); }).join();
  std::thread([] { pthread_spin_lock(&B); pthread_spin_lock(&A);
                   pthread_spin_unlock(&A); pthread_spin_unlock(&B); }).join();
  std::thread([] { pthread_spin_lock(&C);
                   if (pthread_spin_trylock(&A) == 0) pthread_spin_unlock(&A);
                   pthread_spin_unlock(&C); }).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: = spin@
// CHECK: SUMMARY: 1 lock-order-inversion(s), {{.*}}; 3 locks, 4 edges
