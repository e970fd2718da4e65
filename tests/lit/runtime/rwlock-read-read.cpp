// Readers in opposite orders never block each other: the cycle is made of
// shared acquisitions only and is not reported (but is counted).
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
// std::shared_mutex goes through the same pthread_rwlock calls:
// RUN: %clangxx -O1 -g -pthread -DSTD %s -o %t.std
// RUN: env LD_PRELOAD=%lockgraph_rt %t.std 2>&1 | FileCheck %s
#include <pthread.h>
#include <shared_mutex>
#include <thread>

#ifdef STD
std::shared_mutex A, B;
void rd(std::shared_mutex &X, std::shared_mutex &Y) {
  std::shared_lock<std::shared_mutex> x(X);
  std::shared_lock<std::shared_mutex> y(Y);
}
#else
pthread_rwlock_t A = PTHREAD_RWLOCK_INITIALIZER, B = PTHREAD_RWLOCK_INITIALIZER;
void rd(pthread_rwlock_t &X, pthread_rwlock_t &Y) {
  pthread_rwlock_rdlock(&X);
  pthread_rwlock_rdlock(&Y);
  pthread_rwlock_unlock(&Y);
  pthread_rwlock_unlock(&X);
}
#endif

int main() {
  std::thread t1([] { rd(A, B); });
  t1.join();
  std::thread t2([] { rd(B, A); });
  t2.join();
  return 0;
}

// CHECK-NOT: lock-order-inversion (potential
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 1 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 2 edges
