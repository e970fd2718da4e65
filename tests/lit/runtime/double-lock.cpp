// A non-recursive mutex locked again by its owner would hang in the real
// call; the shim reports it first (and aborts when asked).
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt abort_on_deadlock=1:report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <pthread.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

extern "C" __attribute__((noinline)) void relock() {
  pthread_mutex_lock(&M);
  asm volatile(""); // no tail call: keep relock on the stack
}

int main() {
  pthread_mutex_lock(&M);
  relock();
  return 0;
}

// CHECK: ERROR: double-lock: thread {{[0-9]+}} locks mutex@0x{{[0-9a-f]+}} that it already holds; this call never returns
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in relock
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 1 double-lock(s)
// JSON: "check": "double-lock"
