// Acquisition counts stay exact through the fast path's batching: counts kept
// on per-thread lookup entries are handed to their lock when an entry is
// evicted (100 other locks cycle through the 64-entry cache), when the cache
// is emptied (a lock destroyed elsewhere), at thread exit and at the report.
// A failed try-lock on the fast path (FastTryFailed) counts nothing and
// leaves nothing on the held stack; a contended lock goes the timed path.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// The same with every hold timed (the sampled release takes the slow path):
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.1.json:hold_sample_rate=1 %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.1.json
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <pthread.h>
#include <thread>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Others[100];
pthread_spinlock_t Spin;
std::atomic<int> Step{0};

static void waitFor(int S) {
  while (Step.load() < S)
    usleep(100);
}

int main() {
  for (auto &M : Others)
    pthread_mutex_init(&M, nullptr);
  pthread_spin_init(&Spin, 0);
  // One contended acquisition of A: another thread holds it for a while.
  std::thread Holder([] {
    pthread_mutex_lock(&A); // 1
    Step = 1;
    usleep(50000);
    pthread_mutex_unlock(&A);
  });
  waitFor(1);
  pthread_mutex_lock(&A); // 2: contended
  pthread_mutex_unlock(&A);
  Holder.join();

  for (int I = 0; I < 1000; ++I) { // 1002
    pthread_mutex_lock(&A);
    pthread_mutex_unlock(&A);
    pthread_spin_lock(&Spin);
    pthread_spin_unlock(&Spin);
    if (I % 10 == 0)
      for (auto &M : Others) {
        pthread_mutex_lock(&M);
        pthread_mutex_unlock(&M);
      }
    if (I % 100 == 0) { // a destroyed lock empties every thread's lookup cache
      pthread_mutex_t Tmp;
      pthread_mutex_init(&Tmp, nullptr);
      pthread_mutex_lock(&Tmp);
      pthread_mutex_unlock(&Tmp);
      pthread_mutex_destroy(&Tmp);
    }
  }

  // Failed try-locks while another thread holds A: not acquisitions.
  std::thread Other([] {
    pthread_mutex_lock(&A); // 1003
    Step = 2;
    waitFor(3);
    pthread_mutex_unlock(&A);
  });
  waitFor(2);
  int Busy = 0;
  for (int I = 0; I < 3; ++I)
    Busy += pthread_mutex_trylock(&A) == EBUSY;
  Step = 3;
  Other.join();
  // Nothing was left on the held stack: this nesting is the only edge.
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A); // 1004
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  fprintf(stderr, "busy: %d\n", Busy);
  return 0;
}

// CHECK: busy: 3
// CHECK: contention: top 1 of 1 contended locks
// CHECK: M{{[0-9]+}} mutex 1004 1 {{.*}}
// CHECK: SUMMARY: 0 lock-order-inversion(s), {{.*}}; {{1[0-9][0-9]}} locks, 1 edges, 3 threads
// Distinct threads count thread slots, and the two helper threads may share one.
// JSON: "contention": [
// JSON-NEXT: {"lock": {{[0-9]+}}, "acquisitions": 1004, "contended": 1, {{.*}} "threads": {{[23]}},
