// Lock calls made before the shim's constructor runs (from another preloaded
// library's constructor) initialise the shim on the spot and are tracked.
// RUN: %clangxx -O1 -g -pthread -shared -fPIC %S/Inputs/early-locks.cpp -o %t.early.so
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt:%t.early.so %t 2>&1 | FileCheck %s
#include <cstdio>

int main() {
  fprintf(stderr, "main ran\n");
  return 0;
}

// CHECK: early constructor done
// CHECK: main ran
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: [single-thread]
// CHECK: SUMMARY: 1 lock-order-inversion(s)
