// Opt-outs are honoured (issue 12, item 2): a function marked
// no_thread_safety_analysis, by the attribute or by a project macro (even
// one defined empty), is not checked for lock-leak, unlock-not-held or
// double-lock; its acquisitions still count for lock order. Without the
// marks, each function below has the finding its name says
// (the second run, with the marks renamed, checks that).
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: sed -e 's/NO_THREAD_SAFETY_ANALYSIS/NO_CHECKS_OFF/g' \
// RUN:     -e 's/__attribute__((no_thread_safety_analysis))//' %s > %t.c
// RUN: not %lockgraph %t.c -- 2>&1 | FileCheck %s --check-prefix=UNMARKED
#include <pthread.h>

// Empty, as many projects define it when the annotations are off.
#define NO_THREAD_SAFETY_ANALYSIS
#define ABSL_NO_THREAD_SAFETY_ANALYSIS __attribute__((no_thread_safety_analysis))

struct central_cache { pthread_mutex_t lock; };
struct central_cache *central_caches(void);
pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_b = PTHREAD_MUTEX_INITIALIZER;
int check(void);

// The pthread_atfork pair: prepare locks every cache, parent unlocks them.
static void prepare(void) NO_THREAD_SAFETY_ANALYSIS {
  for (int i = 0; i < 8; ++i)
    pthread_mutex_lock(&central_caches()[i].lock);
}
// UNMARKED-DAG: warning: {{.*}} is still held on some path when 'prepare' returns
static void parent(void) NO_THREAD_SAFETY_ANALYSIS;
static void parent(void) {
  for (int i = 0; i < 8; ++i)
    pthread_mutex_unlock(&central_caches()[i].lock);
}
// UNMARKED-DAG: warning: {{.*}} released here but no path through 'parent' holds it
void install(void) { pthread_atfork(prepare, parent, parent); }

__attribute__((no_thread_safety_analysis)) int leak_on_error(void) {
  pthread_mutex_lock(&g_a);
  if (check())
    return -1;
  pthread_mutex_unlock(&g_a);
  return 0;
}
// UNMARKED-DAG: warning: 'g_a' is still held on some path when 'leak_on_error' returns

void unlock_unheld(void) NO_THREAD_SAFETY_ANALYSIS {
  if (check()) {
    pthread_mutex_lock(&g_b);
    pthread_mutex_unlock(&g_b);
  }
  pthread_mutex_unlock(&g_b);
}
// UNMARKED-DAG: warning: 'g_b' released here but no path through 'unlock_unheld' holds it

void relock(void) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  pthread_mutex_lock(&g_b);
  pthread_mutex_lock(&g_b);
  pthread_mutex_unlock(&g_b);
}
// UNMARKED-DAG: .c:[[@LINE-3]]:3: warning: 'g_b' acquired while already held

// Its acquisitions still form edges: a -> b here, b -> a below.
void a_then_b(void) NO_THREAD_SAFETY_ANALYSIS {
  pthread_mutex_lock(&g_a);
  pthread_mutex_lock(&g_b);
  pthread_mutex_unlock(&g_b);
  pthread_mutex_unlock(&g_a);
}
void b_then_a(void) {
  pthread_mutex_lock(&g_b);
  pthread_mutex_lock(&g_a);
  pthread_mutex_unlock(&g_a);
  pthread_mutex_unlock(&g_b);
}
// CHECK: opt-outs.c:[[@LINE-4]]:3: warning: potential deadlock: lock-order cycle 'g_a' -> 'g_b' -> 'g_a'

// A name that only contains the macro's words does not opt out.
#define MY_NO_THREAD_SAFETY_ANALYSIS_X
void not_opted_out(void) MY_NO_THREAD_SAFETY_ANALYSIS_X {
  pthread_mutex_lock(&g_a);
  if (check())
    return;
  pthread_mutex_unlock(&g_a);
}
// CHECK: opt-outs.c:[[@LINE-1]]:1: warning: 'g_a' is still held on some path when 'not_opted_out' returns

// CHECK: lockgraph: 2 findings
