// lock-leak and unlock-not-held suggest a fix the user can write (issue 12,
// output that scales). In C, and for pthread locks, which clang's
// thread-safety attributes reject, that is the .lockgraph.yaml entry
// (docs/checks.md: name(N), name(N->field), N from 1), not ACQUIRE/RELEASE.
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fix.c
// RUN: %expect_exit 1 %lockgraph %t/fix.c -- 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK-DAG: fix.c:[[@LINE+28]]:1: warning: 'fix.c::queue::mu' is still held on some path when 'q_lock' returns; release it on every path, or, if its callers expect it held, add 'q_lock(1->mu)' to LockFunctions in .lockgraph.yaml [lockgraph-lock-leak]
// CHECK-DAG: fix.c:[[@LINE+34]]:1: warning: 'lock_second(m)' is still held on some path when 'lock_second' returns; release it on every path, or, if its callers expect it held, add 'lock_second(2)' to LockFunctions in .lockgraph.yaml [lockgraph-lock-leak]
// CHECK-DAG: fix.c:[[@LINE+38]]:3: warning: 'drop(m)' released here but no path through 'drop' holds it; if its callers hold it, add 'drop(1)' to UnlockFunctions in .lockgraph.yaml [lockgraph-unlock-not-held]
// A global lock cannot be named by an entry: no declaration is suggested.
// CHECK-DAG: fix.c:[[@LINE+45]]:1: warning: 'g_mu' is still held on some path when 'global_leak' returns; release it on every path [lockgraph-lock-leak]
// CHECK: lockgraph: 4 findings
//
// The entries suggested are accepted and do what they say: the functions
// they name are trusted, as annotated ones are, so their own findings go.
// RUN: echo "LockFunctions: ['q_lock(1->mu)', 'lock_second(2)']" > %t/.lockgraph.yaml
// RUN: echo "UnlockFunctions: ['drop(1)']" >> %t/.lockgraph.yaml
// RUN: %expect_exit 1 %lockgraph %t/fix.c -- 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FIXED --implicit-check-not=warning:
// FIXED: warning: 'g_mu' is still held on some path when 'global_leak' returns
// FIXED: lockgraph: 1 finding (1 lock-leak;
#include <pthread.h>

struct queue {
  pthread_mutex_t mu;
  int n;
};
int check(void);

void q_lock(struct queue *q) {
  pthread_mutex_lock(&q->mu);
  if (check())
    return;
  pthread_mutex_unlock(&q->mu);
}

void lock_second(int flag, pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  if (flag)
    return;
  pthread_mutex_unlock(m);
}

void drop(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(m);
}

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
void global_leak(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    return;
  pthread_mutex_unlock(&g_mu);
}
