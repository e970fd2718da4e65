// pthread mutexes made recursive by their attribute or initialiser, the
// clock-based lock calls, and striped lock tables (issue 11, items 5 and 7).
// RUN: not %lockgraph %s -- -D_GNU_SOURCE 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <time.h>

// Recursive through an attribute set in another function of the TU: re-taking
// it is no double lock.
pthread_mutex_t g_rec;
static void init_attr(pthread_mutexattr_t *a) {
  pthread_mutexattr_init(a);
  pthread_mutexattr_settype(a, PTHREAD_MUTEX_RECURSIVE);
}
pthread_mutexattr_t g_attr;
void setup(void) {
  init_attr(&g_attr);
  pthread_mutex_init(&g_rec, &g_attr);
}
void reenter(void) {
  pthread_mutex_lock(&g_rec);
  pthread_mutex_lock(&g_rec);
  pthread_mutex_unlock(&g_rec);
  pthread_mutex_unlock(&g_rec);
}
// Recursive by its static initialiser.
pthread_mutex_t g_rec2 = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
void reenter2(void) {
  pthread_mutex_lock(&g_rec2);
  pthread_mutex_lock(&g_rec2);
  pthread_mutex_unlock(&g_rec2);
  pthread_mutex_unlock(&g_rec2);
}
// A default mutex re-taken: a double lock.
pthread_mutex_t g_plain = PTHREAD_MUTEX_INITIALIZER;
void reenter_plain(void) {
  pthread_mutex_lock(&g_plain);
  pthread_mutex_lock(&g_plain);
  pthread_mutex_unlock(&g_plain);
  pthread_mutex_unlock(&g_plain);
}
// CHECK: pthread-kinds.c:[[@LINE-4]]:3: warning: {{.*}}'g_plain'{{.*}} [lockgraph-double-lock]
// Known noise: the first unlock releases both holds of the non-recursive
// lock, so the second is reported too.
// CHECK: pthread-kinds.c:[[@LINE-5]]:3: warning: 'g_plain' released here but no path through 'reenter_plain' holds it

// A clock lock holds the lock only where it succeeded: silent.
pthread_mutex_t g_clock = PTHREAD_MUTEX_INITIALIZER;
int clocked(const struct timespec *deadline) {
  if (pthread_mutex_clocklock(&g_clock, CLOCK_MONOTONIC, deadline) != 0)
    return -1;
  pthread_mutex_unlock(&g_clock);
  return 0;
}

// A striped table: lock(i)/unlock(i) wrappers with the same index are one
// acquisition and its release; silent.
pthread_mutex_t g_stripes[16];
void stripe_lock(unsigned i) { pthread_mutex_lock(&g_stripes[i % 16]); }
void stripe_unlock(unsigned i) { pthread_mutex_unlock(&g_stripes[i % 16]); }
int g_counts[16];
void bump(unsigned key) {
  stripe_lock(key);
  ++g_counts[key % 16];
  stripe_unlock(key);
}

// CHECK: lockgraph: 2 findings
