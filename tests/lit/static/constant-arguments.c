// A callee path that depends on a constant argument (issue 12, item 3):
// a call that passes a constant ruling out the callee's test of that
// parameter does not reach what is behind the test. The shape of
// gperftools' Log(kLog, ...), whose stats dump (which takes the heap lock
// its callers hold) runs only for kCrashWithStats.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

enum log_mode { LOG_INFO, LOG_CRASH, LOG_CRASH_WITH_STATS };
pthread_mutex_t g_heap = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_crash = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_b = PTHREAD_MUTEX_INITIALIZER;
void write_message(const char *msg);
int next_mode(void);
int g_crashed;

void dump_stats(void) {
  pthread_mutex_lock(&g_heap);
  write_message("stats");
  pthread_mutex_unlock(&g_heap);
}

void log_msg(enum log_mode mode, const char *msg) {
  write_message(msg);
  if (mode == LOG_INFO)
    return;
  int first = 0;
  pthread_mutex_lock(&g_crash);
  first = !g_crashed;
  g_crashed = 1;
  pthread_mutex_unlock(&g_crash);
  if (first && mode == LOG_CRASH_WITH_STATS)
    dump_stats();
  abort();
}

// Takes the lock only when asked to.
void grow(int pages, int take_lock) {
  if (take_lock) {
    pthread_mutex_lock(&g_heap);
    pthread_mutex_unlock(&g_heap);
  }
}
void maybe_sync(int fd, const char *why) {
  if (why != 0)
    fsync(fd);
}

// Silent: LOG_INFO returns before the dump, LOG_CRASH does not dump;
// grow(.., 0) takes nothing; maybe_sync(.., NULL) does not block.
void alloc_page(int fd) {
  pthread_mutex_lock(&g_heap);
  log_msg(LOG_INFO, "growing");
  if (fd < 0)
    log_msg(LOG_CRASH, "bad descriptor");
  grow(1, 0);
  maybe_sync(fd, NULL);
  pthread_mutex_unlock(&g_heap);
}

// Reported: these constants reach the lock and the blocking call.
void alloc_fatal(int fd) {
  pthread_mutex_lock(&g_heap);
  maybe_sync(fd, "fatal");
  log_msg(LOG_CRASH_WITH_STATS, "out of memory");
}
// CHECK-DAG: constant-arguments.c:[[@LINE-3]]:3: warning: blocking call 'fsync' while holding 'g_heap'
// CHECK-DAG: constant-arguments.c:[[@LINE-3]]:3: warning: 'g_heap' acquired while already held

// Reported: a mode the caller does not know may be any.
void log_under_heap(enum log_mode m) {
  pthread_mutex_lock(&g_heap);
  grow(2, m == LOG_CRASH);
  pthread_mutex_unlock(&g_heap);
}
// CHECK-DAG: constant-arguments.c:[[@LINE-3]]:3: warning: 'g_heap' acquired while already held

// No edge a -> b through with_b(0), so no cycle with b -> a.
void with_b(int take) {
  if (!take)
    return;
  pthread_mutex_lock(&g_b);
  pthread_mutex_unlock(&g_b);
}
void a_then_maybe_b(void) {
  pthread_mutex_lock(&g_a);
  with_b(0);
  pthread_mutex_unlock(&g_a);
}
void b_then_a(void) {
  pthread_mutex_lock(&g_b);
  pthread_mutex_lock(&g_a);
  pthread_mutex_unlock(&g_a);
  pthread_mutex_unlock(&g_b);
}

// A parameter the callee writes says nothing about what was passed:
// with_c(0) may still take c, so c -> a and a -> c form a cycle.
pthread_mutex_t g_c = PTHREAD_MUTEX_INITIALIZER;
void with_c(int take) {
  take = take || next_mode();
  if (take) {
    pthread_mutex_lock(&g_c);
    pthread_mutex_unlock(&g_c);
  }
}
void a_then_maybe_c(void) {
  pthread_mutex_lock(&g_a);
  with_c(0);
  pthread_mutex_unlock(&g_a);
}
void c_then_a(void) {
  pthread_mutex_lock(&g_c);
  pthread_mutex_lock(&g_a);
  pthread_mutex_unlock(&g_a);
  pthread_mutex_unlock(&g_c);
}
// CHECK-DAG: warning: potential deadlock: lock-order cycle 'g_a' -> 'g_c' -> 'g_a'

// CHECK: lockgraph: 4 findings
