// A thread may hold any number of locks (issue 14, item 9): a walk that keeps
// 100 locks at once is tracked in full (beyond the 64 kept inline, the rest
// go to the thread's deep store), so an inversion formed at depth 80 is
// found, and every hold is released again (nothing is left held at exit).
// The JSON stats list every capacity limit, all unreached here.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <cstdio>
#include <pthread.h>
#include <thread>

constexpr int kDepth = 100;
pthread_mutex_t Level[kDepth];
pthread_mutex_t Leaf = PTHREAD_MUTEX_INITIALIZER;

extern "C" __attribute__((noinline)) void walk_down() {
  for (int I = 0; I < kDepth; ++I)
    pthread_mutex_lock(&Level[I]);
  pthread_mutex_lock(&Leaf); // Level[79] -> Leaf among the others
  pthread_mutex_unlock(&Leaf);
  for (int I = kDepth - 1; I >= 0; --I)
    pthread_mutex_unlock(&Level[I]);
}

extern "C" __attribute__((noinline)) void leaf_then_level() {
  pthread_mutex_lock(&Leaf);
  pthread_mutex_lock(&Level[79]); // Leaf -> Level[79]: a cycle of two
  pthread_mutex_unlock(&Level[79]);
  pthread_mutex_unlock(&Leaf);
}

int main() {
  for (int I = 0; I < kDepth; ++I)
    pthread_mutex_init(&Level[I], nullptr);
  std::thread(walk_down).join();
  std::thread(walk_down).join(); // again: the deep store is reused
  std::thread(leaf_then_level).join();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK-NOT: WARNING: a thread holds more
// CHECK-NOT: thread-exit-holding-lock
// CHECK-NOT: unlock-not-held
// CHECK: done
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 101 locks, 5051 edges, 4 threads
// JSON: "limits": {"locks_untracked": 0, "edges_dropped": 0, "threads_untracked": 0, "holds_untracked": 0, "cycles_dropped": 0, "cycle_searches_cut": 0, "findings_dropped": 0, "condvars_untracked": 0, "stacks_dropped": 0, "stale_holds_kept": 0, "wait_chains_cut": 0}
