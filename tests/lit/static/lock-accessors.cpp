// Locks returned by accessors, guards returned by value and multi-lock
// helpers over guards (issue 11, items 4 and 6).
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

// An accessor is the same lock at every call site (gperftools'
// `static SpinLock *pageheap_lock() { return &lock_; }`).
std::mutex g_heap_mu;
static std::mutex *heap_lock() { return &g_heap_mu; }
class Span {
public:
  std::mutex &mu() { return mu_; }
private:
  std::mutex mu_;
};
Span g_span;

void heap_then_span() {
  std::lock_guard<std::mutex> h(*heap_lock());
  std::lock_guard<std::mutex> s(g_span.mu());
}
void span_then_heap() {
  std::lock_guard<std::mutex> s(g_span.mu());
  std::lock_guard<std::mutex> h(*heap_lock());
}
// CHECK: lock-accessors.cpp:[[@LINE-6]]:31: warning: potential deadlock: lock-order cycle 'Span::mu_' -> 'g_heap_mu' -> 'Span::mu_' [lockgraph-lock-order-inversion]

// A guard returned by value keeps its lock held in the caller.
std::mutex g_cfg_mu, g_log_mu;
std::unique_lock<std::mutex> lock_cfg() { return std::unique_lock<std::mutex>(g_cfg_mu); }
void cfg_then_log() {
  auto lk = lock_cfg();
  std::lock_guard<std::mutex> g(g_log_mu);
}
void log_then_cfg() {
  std::lock_guard<std::mutex> g(g_log_mu);
  std::lock_guard<std::mutex> c(g_cfg_mu);
}
// CHECK: lock-accessors.cpp:[[@LINE-2]]:31: warning: potential deadlock: lock-order cycle 'g_cfg_mu' -> 'g_log_mu' -> 'g_cfg_mu' [lockgraph-lock-order-inversion]

// Silent: std::lock over deferred unique_locks; the guards hold and
// release the locks (no lock-leak naming the guards, no order between the
// two, which std::lock takes all at once).
std::mutex g_a, g_b;
void both_deferred() {
  std::unique_lock<std::mutex> a(g_a, std::defer_lock), b(g_b, std::defer_lock);
  std::lock(a, b);
}
void both_then_reversed() {
  std::unique_lock<std::mutex> b(g_b, std::defer_lock), a(g_a, std::defer_lock);
  std::lock(b, a);
}
// Silent: std::try_lock and a scoped_lock over deferred unique_locks.
void try_both() {
  std::unique_lock<std::mutex> a(g_a, std::defer_lock), b(g_b, std::defer_lock);
  if (std::try_lock(a, b) == -1)
    return;
}
void scoped_over_guards() {
  std::unique_lock<std::mutex> b(g_b, std::defer_lock), a(g_a, std::defer_lock);
  std::scoped_lock both(b, a);
}
// Silent: std::lock then adopting guards.
void adopted() {
  std::lock(g_a, g_b);
  std::lock_guard<std::mutex> ga(g_a, std::adopt_lock);
  std::lock_guard<std::mutex> gb(g_b, std::adopt_lock);
}

// CHECK: lockgraph: 2 findings
