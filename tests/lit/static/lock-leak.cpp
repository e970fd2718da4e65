// Locks still held at a function's exit, and releases of locks no path holds.
// RUN: not %lockgraph %s --checks=-*,lockgraph-lock-leak,lockgraph-unlock-not-held -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>
#include <pthread.h>

std::mutex mu;
pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
int error_code();

// Leaks on the error path only.
int early_return() {
  mu.lock();
  if (error_code())
    return -1;
  mu.unlock();
  return 0;
}

// Silent: released on every path, guards release themselves.
int balanced() {
  pthread_mutex_lock(&pmu);
  int rc = error_code();
  pthread_mutex_unlock(&pmu);
  std::lock_guard<std::mutex> g(mu);
  return rc;
}

// Silent: a function annotated as acquiring is expected to return holding.
void lock_it() __attribute__((acquire_capability(mu)));
void lock_it() { mu.lock(); }

// Released twice: the second release finds nothing held.
void twice() {
  pthread_mutex_lock(&pmu);
  pthread_mutex_unlock(&pmu);
  pthread_mutex_unlock(&pmu);
}

// unique_lock::unlock() on a guard that no longer owns its lock.
void guard_twice() {
  std::unique_lock<std::mutex> lk(mu);
  lk.unlock();
  lk.unlock();
}

// CHECK: lock-leak.cpp:17:1: warning: 'mu' is still held on some path when 'early_return' returns; release it on every path, or declare the function ACQUIRE(mu) if its callers expect it held [lockgraph-lock-leak]
// CHECK-NEXT: lock-leak.cpp:12:3: note: 'mu' acquired here
// CHECK: lock-leak.cpp:36:3: warning: 'pmu' released here but no path through 'twice' holds it [lockgraph-unlock-not-held]
// CHECK: lock-leak.cpp:43:3: warning: 'mu' released here but no path through 'guard_twice' holds it; declare the function RELEASE(mu) if its callers hold it [lockgraph-unlock-not-held]
// CHECK: lockgraph: 3 findings
