// Nothing is reported inside system headers (issue 12, output that
// scales): functions defined in a header found through -isystem are not
// walked, so their leaks, double unlocks and cycles are not the project's
// findings. The same bug in the project's own code is.
// RUN: %expect_exit 1 %lockgraph %s -- -isystem %S/Inputs/system-headers/sys 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=vendor_lock.h
// CHECK: system-headers.c:[[@LINE+20]]:1: warning: 'g_mu' is still held on some path when 'user_leak' returns
// CHECK: lockgraph: 1 finding (1 lock-leak;
//
// The check can fail: the same header found through -I is the project's.
// RUN: %expect_exit 1 %lockgraph %s -- -I %S/Inputs/system-headers/sys 2>&1 \
// RUN:   | FileCheck %s --check-prefix=USER
// USER-DAG: vendor_lock.h:{{[0-9]+}}:1: warning: 'system-headers.c::vendor_a' is still held on some path when 'vendor_leak' returns
// USER-DAG: vendor_lock.h:{{[0-9]+}}:{{[0-9]+}}: warning: 'system-headers.c::vendor_a' released here but no path through 'vendor_unlock_twice' holds it
// USER-DAG: vendor_lock.h:{{[0-9]+}}:{{[0-9]+}}: warning: potential deadlock: lock-order cycle
#include <vendor_lock.h>

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
int check(void);

void user_leak(void) {
  vendor_leak();
  pthread_mutex_lock(&g_mu);
  if (check())
    return;
  pthread_mutex_unlock(&g_mu);
}
