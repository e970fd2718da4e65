// Correlated branches (issue 12, item 3): paths that cannot happen make no
// finding. Each `silent_*` function is correct code that a path-insensitive
// may-held set reports; each `real_*` keeps the hazard.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_b = PTHREAD_MUTEX_INITIALIZER;
int check(void);
void work(void);
struct request { int async; };

// A flag the function sets when it locks and tests before it unlocks.
void silent_flag(int x) {
  int locked = 0;
  if (x) {
    pthread_mutex_lock(&g_a);
    locked = 1;
  }
  work();
  if (locked)
    pthread_mutex_unlock(&g_a);
}
// The same flag, written again in between: the test no longer says.
void real_flag_rewritten(int x) {
  int locked = 0;
  if (x) {
    pthread_mutex_lock(&g_a);
    locked = 1;
  }
  locked = check();
  if (locked)
    pthread_mutex_unlock(&g_a);
}
// CHECK-DAG: correlated-branches.c:[[@LINE-1]]:1: warning: 'g_a' is still held on some path when 'real_flag_rewritten' returns

// Lock and unlock under the same unchanged condition.
void silent_same_condition(struct request *r) {
  if (r->async)
    pthread_mutex_lock(&g_a);
  work();
  if (r->async)
    pthread_mutex_unlock(&g_a);
}

// A try_lock result kept in a variable: the failure branch holds nothing,
// so taking g_b there forms no edge g_a -> g_b.
void silent_try_in_variable(void) {
  int rc = pthread_mutex_trylock(&g_a);
  if (rc != 0) {
    pthread_mutex_lock(&g_b);
    pthread_mutex_unlock(&g_b);
    return;
  }
  work();
  pthread_mutex_unlock(&g_a);
}

// A checked lock call: its failure branch holds nothing.
int silent_checked_lock(void) {
  if (pthread_mutex_lock(&g_a) != 0)
    return -1;
  work();
  pthread_mutex_unlock(&g_a);
  return 0;
}
int silent_checked_lock_in_variable(void) {
  int err = pthread_mutex_lock(&g_a);
  if (err)
    return err;
  work();
  pthread_mutex_unlock(&g_a);
  return 0;
}
// But its success branch still has to unlock.
int real_checked_lock_leak(void) {
  if (pthread_mutex_lock(&g_a) != 0)
    return -1;
  if (check())
    return -2;
  pthread_mutex_unlock(&g_a);
  return 0;
}
// CHECK-DAG: correlated-branches.c:[[@LINE-1]]:1: warning: 'g_a' is still held on some path when 'real_checked_lock_leak' returns

// A lock state that follows a callee's return value: a conditional
// acquire function is tested like a try-lock.
int g_enabled;
static int lock_if_enabled(void) {
  if (!g_enabled)
    return 0;
  pthread_mutex_lock(&g_a);
  return 1;
}
static int lock_unless_busy(void) {
  if (check())
    return -1;
  pthread_mutex_lock(&g_a);
  return 0;
}
void silent_follows_callee(void) {
  if (lock_if_enabled()) {
    work();
    pthread_mutex_unlock(&g_a);
  }
}
int silent_follows_callee_zero(void) {
  int err = lock_unless_busy();
  if (err != 0)
    return err;
  work();
  pthread_mutex_unlock(&g_a);
  return 0;
}
// Its success branch still has to unlock on every path.
void real_success_leaks(void) {
  if (lock_if_enabled()) {
    if (check())
      return;
    pthread_mutex_unlock(&g_a);
  }
}
// CHECK-DAG: correlated-branches.c:[[@LINE-1]]:1: warning: 'g_a' is still held on some path when 'real_success_leaks' returns

// g_b -> g_a, so any g_a -> g_b above would be a cycle.
void b_then_a(void) {
  pthread_mutex_lock(&g_b);
  pthread_mutex_lock(&g_a);
  pthread_mutex_unlock(&g_a);
  pthread_mutex_unlock(&g_b);
}

// CHECK: lockgraph: 3 findings
