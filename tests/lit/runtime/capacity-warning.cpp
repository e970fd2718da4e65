// A capacity limit that loses something says so once, at the moment it is
// reached, and the JSON stats count every loss (issue 14, item 9): here the
// table of condition variables (4096) overflows by four.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <cstdio>
#include <pthread.h>
#include <time.h>

constexpr int kConds = 4100;
pthread_cond_t Cond[kConds];
pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

int main() {
  timespec Past = {0, 0}; // every wait times out at once
  pthread_mutex_lock(&M);
  for (int I = 0; I < kConds; ++I) {
    pthread_cond_init(&Cond[I], nullptr);
    if (I == 4096)
      fprintf(stderr, "before the 4097th\n");
    pthread_cond_timedwait(&Cond[I], &M, &Past);
    if (I == 4096)
      fprintf(stderr, "after the 4097th\n");
  }
  pthread_mutex_unlock(&M);
  return 0;
}

// CHECK-NOT: WARNING
// CHECK: before the 4097th
// CHECK-NEXT: WARNING: more than 4096 condition variables waited on; further ones are not recorded
// CHECK-NEXT: after the 4097th
// CHECK-NOT: WARNING: more than 4096
// JSON: "condvars_untracked": 4,
