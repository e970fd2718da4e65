// In C++ the fix suggested is the thread-safety attribute, naming the lock as
// the function's own code does (the parameter 'm', not 'lock_it(m)'); for a
// pthread lock, which the attributes reject, it is the .lockgraph.yaml entry.
// RUN: %expect_exit 1 %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
// CHECK-DAG: suggested-fix.cpp:[[@LINE+14]]:1: warning: 'lock_it(m)' is still held on some path when 'lock_it' returns; release it on every path, or declare the function ACQUIRE(m) if its callers expect it held [lockgraph-lock-leak]
// CHECK-DAG: suggested-fix.cpp:[[@LINE+20]]:1: warning: 'lock_raw(m)' is still held on some path when 'lock_raw' returns; release it on every path, or, if its callers expect it held, add 'lock_raw(1)' to LockFunctions in .lockgraph.yaml [lockgraph-lock-leak]
// CHECK-DAG: suggested-fix.cpp:[[@LINE+24]]:3: warning: 'drop(m)' released here but no path through 'drop' holds it; declare the function RELEASE(m) if its callers hold it [lockgraph-unlock-not-held]
// CHECK: lockgraph: 3 findings
#include <mutex>
#include <pthread.h>

bool check();

void lock_it(std::mutex &m) {
  m.lock();
  if (check())
    return;
  m.unlock();
}

void lock_raw(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  if (check())
    return;
  pthread_mutex_unlock(m);
}

void drop(std::mutex &m) {
  m.lock();
  m.unlock();
  m.unlock();
}
