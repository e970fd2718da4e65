// A local lock whose address never leaves its function cannot be waited on
// by another thread, so it takes part in no cycle (issue 11, item 8). Two
// functions' locals named `mx` are two locks, never `foo::mx <-> bar::mx`.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>
#include <thread>

std::mutex g_log;

// Silent: `mx` is only locked here, so its two orders with g_log cannot
// deadlock (was: a cycle 'foo::mx' <-> 'g_log').
void foo() {
  std::mutex mx;
  {
    std::lock_guard<std::mutex> a(mx);
    std::lock_guard<std::mutex> b(g_log);
  }
  {
    std::lock_guard<std::mutex> b(g_log);
    std::lock_guard<std::mutex> a(mx);
  }
}

// A local shared with a thread (captured by reference) is a real lock: the
// thread and the function take it and g_log in opposite orders.
void shared_local() {
  std::mutex mx;
  std::thread t([&mx] {
    std::lock_guard<std::mutex> a(mx);
    std::lock_guard<std::mutex> b(g_log);
  });
  {
    std::lock_guard<std::mutex> b(g_log);
    std::lock_guard<std::mutex> a(mx);
  }
  t.join();
}
// CHECK: unshared-locals.cpp:{{[0-9]+}}:{{[0-9]+}}: warning: potential deadlock: lock-order cycle {{.*}}'shared_local::mx'{{.*}} [lockgraph-lock-order-inversion]

// A double lock of an unshared local is still a self-deadlock.
void twice() {
  std::mutex mx;
  mx.lock();
  mx.lock();
}
// CHECK: unshared-locals.cpp:[[@LINE-2]]:3: warning: 'twice::mx' acquired while already held{{.*}} [lockgraph-double-lock]
// CHECK: unshared-locals.cpp:[[@LINE-2]]:1: warning: 'twice::mx' is still held on some path when 'twice' returns{{.*}} [lockgraph-lock-leak]
// CHECK: lockgraph: 3 findings
