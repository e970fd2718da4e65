// lockgraph/annotations.h from C, with warnings as errors: a C spin lock
// annotated with it, taken in both orders by one thread (a single-thread
// cycle), with the shim preloaded and without it.
// RUN: %clangxx -x c -std=c11 -Wall -Wextra -Werror -pedantic -O1 -g -rdynamic -I%lockgraph_include %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
// RUN: %t 2>&1 | count 0
#include <lockgraph/annotations.h>

#include <stdatomic.h>

struct spin {
  atomic_flag taken;
};

static void spin_init(struct spin *s) {
  atomic_flag_clear(&s->taken);
  lockgraph_mutex_create(s, 0);
}

static void spin_lock(struct spin *s) {
  lockgraph_mutex_pre_lock(s, 0);
  while (atomic_flag_test_and_set_explicit(&s->taken, memory_order_acquire))
    ;
  lockgraph_mutex_post_lock(s, 0, 0);
}

static void spin_unlock(struct spin *s) {
  lockgraph_mutex_pre_unlock(s, 0);
  atomic_flag_clear_explicit(&s->taken, memory_order_release);
  lockgraph_mutex_post_unlock(s, 0);
}

static struct spin a, b;

__attribute__((noinline)) void both(struct spin *first, struct spin *second) {
  spin_lock(first);
  spin_lock(second);
  spin_unlock(second);
  spin_unlock(first);
}

int main(void) {
  spin_init(&a);
  spin_init(&b);
  both(&a, &b);
  both(&b, &a);
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK: note: every edge was formed by thread {{[0-9]+}}; it deadlocks only if other threads run the same code [single-thread]
// CHECK: M0 = annotated@0x{{[0-9a-f]+}} (gen 1), first acquired at both
// CHECK: SUMMARY: 1 lock-order-inversion(s)
