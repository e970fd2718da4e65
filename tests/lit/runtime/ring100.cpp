// A ring of 100 locks, each edge formed by its own thread: exactly one cycle,
// of length 100, found incrementally when the last edge closes it.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <pthread.h>

constexpr int N = 100;
pthread_mutex_t M[N];

void *link(void *P) {
  long I = reinterpret_cast<long>(P);
  pthread_mutex_lock(&M[I]);
  pthread_mutex_lock(&M[(I + 1) % N]);
  pthread_mutex_unlock(&M[(I + 1) % N]);
  pthread_mutex_unlock(&M[I]);
  return nullptr;
}

int main() {
  for (int I = 0; I < N; ++I)
    pthread_mutex_init(&M[I], nullptr);
  for (long I = 0; I < N; ++I) {
    pthread_t T;
    pthread_create(&T, nullptr, link, reinterpret_cast<void *>(I));
    pthread_join(T, nullptr);
  }
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 100 locks M0 => M1 => {{.*}} => M99 => M0
// CHECK-COUNT-100: acquired while holding
// CHECK: SUMMARY: 1 lock-order-inversion(s), {{.*}}; 100 locks, 100 edges
// JSON: "check": "lock-order-inversion"
// JSON-SAME: "message": "lock-order-inversion (potential deadlock): cycle of 100 locks"
// JSON-SAME: "locks": [0, 1, 2,
// JSON-SAME: 99], "edges": [
