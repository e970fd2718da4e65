// Each hazard once, at its origin (issue 12, item 5): a recursion over a
// list is one instance-order finding (not one per level the fixed point
// unrolls), and a leak in a helper is the helper's, not each caller's.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

struct node {
  pthread_mutex_t mu;
  struct node *next;
  int value;
};
pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
int check(void);

int sum(struct node *n) {
  int s;
  if (!n)
    return 0;
  pthread_mutex_lock(&n->mu);
  s = n->value + sum(n->next);
  pthread_mutex_unlock(&n->mu);
  return s;
}
// CHECK: report-once.c:[[@LINE-4]]:18: warning: two instances of 'report-once.c::node::mu' locked nested ('n' then 'n.next')

int helper_leaks(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    return -1;
  pthread_mutex_unlock(&g_mu);
  return 0;
}
// CHECK: report-once.c:[[@LINE-1]]:1: warning: 'g_mu' is still held on some path when 'helper_leaks' returns
void caller_one(void) { helper_leaks(); }
void caller_two(void) { helper_leaks(); }

// CHECK: lockgraph: 2 findings
