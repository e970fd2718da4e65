// Both stacks of an edge: where the second lock was taken while holding the
// first (inner, called by outer, called by main) and where the first was
// taken (outer, called by main), reconstructed from the acquiring stack.
// When the first lock's taker has returned, only its one frame is known.
// RUN: %clangxx -O1 -g -pthread -rdynamic -fno-inline %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER,
                C = PTHREAD_MUTEX_INITIALIZER;

extern "C" __attribute__((noinline)) void inner() {
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  asm volatile("");
}

extern "C" __attribute__((noinline)) void outer() {
  pthread_mutex_lock(&A);
  inner();
  pthread_mutex_unlock(&A);
  asm volatile("");
}

extern "C" __attribute__((noinline)) void take_c() {
  pthread_mutex_lock(&C); // returns with C held
  asm volatile("");
}

extern "C" __attribute__((noinline)) void then_a() {
  pthread_mutex_lock(&A); // C -> A, C's taker is gone
  pthread_mutex_unlock(&A);
  asm volatile("");
}

int main() {
  outer();
  take_c();
  then_a();
  pthread_mutex_unlock(&C);
  // Close cycles so that both edges are printed: B -> A and A -> C.
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&A);
  return 0;
}

// CHECK: #0 0x{{[0-9a-f]+}} in inner
// CHECK-NEXT: #1 0x{{[0-9a-f]+}} in outer
// CHECK-NEXT: #2 0x{{[0-9a-f]+}} in main
// CHECK: previously acquired by that thread at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in outer
// CHECK-NEXT: #1 0x{{[0-9a-f]+}} in main
// CHECK: #0 0x{{[0-9a-f]+}} in then_a
// CHECK-NEXT: #1 0x{{[0-9a-f]+}} in main
// CHECK: previously acquired by that thread at:
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in take_c
// CHECK-NEXT: note: every edge was formed by thread
// JSON: "held_stack": [{"module": "{{.*}}", "offset": "0x{{[0-9a-f]+}}", "symbol": "outer"}, {"module": "{{.*}}", "offset": "0x{{[0-9a-f]+}}", "symbol": "main"},
