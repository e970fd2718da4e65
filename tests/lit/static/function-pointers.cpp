// Calls through function pointers in C++: a callback member set by a
// constructor's initialiser, a local pointer chosen by a condition. A
// std::function is still not followed, and the summary line counts it.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <functional>
#include <mutex>

std::mutex pool_mu, log_mu, stats_mu;

static void write_log() { std::lock_guard<std::mutex> g(log_mu); }
static void count() { std::lock_guard<std::mutex> g(stats_mu); }

struct Pool {
  void (*on_full)();
  Pool() : on_full(&write_log) {}
  void add() {
    std::lock_guard<std::mutex> g(pool_mu);
    on_full(); // write_log: pool_mu -> log_mu
  }
};

void rotate() {
  std::lock_guard<std::mutex> g(log_mu);
  std::lock_guard<std::mutex> p(pool_mu);
}
// CHECK: function-pointers.cpp:[[@LINE-8]]:5: warning: potential deadlock: lock-order cycle 'log_mu' -> 'pool_mu' -> 'log_mu' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-4]]:31: note: 'log_mu' acquired here
// CHECK-NEXT: :[[@LINE-4]]:31: note: 'pool_mu' acquired here while holding 'log_mu'
// CHECK-NEXT: :[[@LINE-12]]:33: note: 'pool_mu' acquired here
// CHECK-NEXT: :[[@LINE-12]]:5: note: calls 'write_log' while holding 'pool_mu'
// CHECK-NEXT: :[[@LINE-21]]:55: note: 'log_mu' acquired here while holding 'pool_mu'

void local_pointer(bool quiet) {
  void (*fn)() = quiet ? nullptr : count;
  std::lock_guard<std::mutex> g(log_mu);
  fn(); // count: log_mu -> stats_mu
}
void report() {
  std::lock_guard<std::mutex> s(stats_mu);
  std::lock_guard<std::mutex> g(log_mu);
}
// CHECK: function-pointers.cpp:[[@LINE-2]]:31: warning: potential deadlock: lock-order cycle 'log_mu' -> 'stats_mu' -> 'log_mu' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-8]]:31: note: 'log_mu' acquired here
// CHECK-NEXT: :[[@LINE-8]]:3: note: calls 'count' while holding 'log_mu'
// CHECK-NEXT: :[[@LINE-34]]:51: note: 'stats_mu' acquired here while holding 'log_mu'

void through_function(const std::function<void()> &fn) {
  std::lock_guard<std::mutex> g(pool_mu);
  fn(); // not followed
}

// CHECK: lockgraph: 2 findings (2 lock-order-inversion; 3 locks, 4 edges, {{.*}}, 2 calls through pointers resolved, 1 not followed)
