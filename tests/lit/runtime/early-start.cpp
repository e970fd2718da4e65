// Lock calls made before the shim's constructor runs (from another preloaded
// library's constructor) initialise the shim on the spot and are tracked.
// RUN: %clangxx -O1 -g -pthread -shared -fPIC %S/Inputs/early-locks.cpp -o %t.early.so
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt:%t.early.so %t 2>&1 | FileCheck %s
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

int main() {
  fprintf(stderr, "main ran\n");
  pid_t P = fork(); // runs the early library's atfork handler
  if (P == 0)
    _exit(0);
  int St = 0;
  waitpid(P, &St, 0);
  fprintf(stderr, "forked child exited %d\n", WEXITSTATUS(St));
  return 0;
}

// CHECK: early constructor done
// CHECK: main ran
// CHECK: forked child exited 0
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// The frames are in the preloaded library, named by its own path:
// CHECK-NEXT: acquired while holding
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} {{.*}}early-start.cpp.tmp.early.so+0x
// CHECK: [single-thread]
// CHECK: SUMMARY: 1 lock-order-inversion(s)
