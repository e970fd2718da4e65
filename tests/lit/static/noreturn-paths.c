// Paths that end the program end (issue 12, item 1): after abort(), exit(),
// a failed assert() or a project's own fatal helper that always aborts,
// nothing is "still held at return".
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
int check(void);

// A fatal helper: every path aborts, so it never returns (no attribute).
void fatal(const char *msg) {
  fprintf(stderr, "fatal: %s\n", msg);
  abort();
}
// And one more level of it.
void fatal_errno(int e) {
  if (e)
    fatal("errno set");
  fatal("unknown");
}

// Silent: the error paths end the program with the lock held.
void direct_abort(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    abort();
  pthread_mutex_unlock(&g_mu);
}
void via_exit(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    exit(1);
  pthread_mutex_unlock(&g_mu);
}
void via_assert(void) {
  pthread_mutex_lock(&g_mu);
  assert(check() == 0);
  pthread_mutex_unlock(&g_mu);
}
// The `return` after the helper is never reached.
int via_helper(void) {
  pthread_mutex_lock(&g_mu);
  if (check()) {
    fatal_errno(check());
    return -1;
  }
  pthread_mutex_unlock(&g_mu);
  return 0;
}

// A plain return on the error path is still a leak.
int returns(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    return -1;
  pthread_mutex_unlock(&g_mu);
  return 0;
}
// CHECK: noreturn-paths.c:[[@LINE-1]]:1: warning: 'g_mu' is still held on some path when 'returns' returns

// A helper that can return ends nothing: the early return leaks.
void warn(const char *msg) { fprintf(stderr, "warning: %s\n", msg); }
int via_warn(void) {
  pthread_mutex_lock(&g_mu);
  if (check()) {
    warn("bad");
    return -1;
  }
  pthread_mutex_unlock(&g_mu);
  return 0;
}
// CHECK: noreturn-paths.c:[[@LINE-1]]:1: warning: 'g_mu' is still held on some path when 'via_warn' returns

// CHECK: lockgraph: 2 findings
