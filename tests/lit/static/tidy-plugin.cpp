// The same engine inside clang-tidy, with the same check names; NOLINT is
// clang-tidy's own.
// RUN: %clang_tidy --load=%tidy_plugin --checks='-*,lockgraph-*,-lockgraph-lock-leak' %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %clang_tidy --load=%tidy_plugin --list-checks --checks='-*,lockgraph-*' | FileCheck %s --check-prefix=LIST
// LIST: lockgraph-blocking-under-lock
// LIST: lockgraph-declared-order
// LIST: lockgraph-double-lock
// LIST: lockgraph-global-lock
// LIST: lockgraph-instance-order
// LIST: lockgraph-lock-leak
// LIST: lockgraph-lock-order-inversion
// LIST: lockgraph-unlock-not-held
#include <mutex>

std::mutex a, b, c;

void ab() {
  std::lock_guard<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b);
}
void ba() {
  std::lock_guard<std::mutex> lb(b);
  std::lock_guard<std::mutex> la(a);
  // CHECK: :[[@LINE-1]]:31: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a' [lockgraph-lock-order-inversion]
  // CHECK: :[[@LINE-7]]:31: note: 'a' acquired here
  // CHECK: :[[@LINE-7]]:31: note: 'b' acquired here while holding 'a'
  // CHECK: :[[@LINE-5]]:31: note: 'b' acquired here
  // CHECK: :[[@LINE-5]]:31: note: 'a' acquired here while holding 'b'
}

struct Node {
  std::mutex mu;
};
void link(Node &x, Node &y) {
  std::lock_guard<std::mutex> lx(x.mu);
  std::lock_guard<std::mutex> ly(y.mu);
  // CHECK: :[[@LINE-1]]:31: warning: two instances of 'Node::mu' locked nested ('x' then 'y') with no fixed order; {{.*}} [lockgraph-instance-order]
}

void twice() {
  std::lock_guard<std::mutex> lc(c);
  c.lock();
  // CHECK: :[[@LINE-1]]:3: warning: 'c' acquired while already held; {{.*}} [lockgraph-double-lock]
}

void silenced() {
  std::lock_guard<std::mutex> lc(c);
  c.lock(); // NOLINT(lockgraph-double-lock)
}
