// One blocking hazard, many callers (issue 12, item 5): a debug printer
// that writes, called from many places under one lock, is one finding at
// the first caller, with the others as notes (the first eight named, the
// rest counted), not one finding per caller.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_other = PTHREAD_MUTEX_INITIALIZER;

void debug_log(const char *msg) { fputs(msg, stderr); }

#define CALLER(n)                                                             \
  void caller_##n(void) {                                                     \
    pthread_mutex_lock(&g_mu);                                                \
    debug_log(#n);                                                            \
    pthread_mutex_unlock(&g_mu);                                              \
  }
CALLER(1)
CALLER(2)
CALLER(3)
CALLER(4)
CALLER(5)
CALLER(6)
CALLER(7)
CALLER(8)
CALLER(9)
CALLER(10)
CALLER(11)

// Another lock is another hazard.
void other(void) {
  pthread_mutex_lock(&g_other);
  debug_log("other");
  pthread_mutex_unlock(&g_other);
}

// CHECK: blocking-callers.c:{{2[0-9]|30}}:1: warning: blocking call 'fputs' while holding 'g_mu'
// CHECK-COUNT-8: note: also reached from 'caller_{{[0-9]+}}' while holding 'g_mu'
// CHECK: note: and 2 more callers holding it
// CHECK: blocking-callers.c:[[@LINE-7]]:3: warning: blocking call 'fputs' while holding 'g_other'
// CHECK: lockgraph: 2 findings
