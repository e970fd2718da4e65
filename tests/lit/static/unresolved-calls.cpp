// A call through a function pointer that nothing is known to be stored into
// (no caller of through_pointer passes a function), and a std::function, are
// not followed; the summary line counts them so a user knows what the
// analysis could not see (function-pointers.c has the ones it follows).
// RUN: %expect_exit 0 %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s
#include <functional>
#include <mutex>

std::mutex mu;
void take() { std::lock_guard<std::mutex> g(mu); }

void through_pointer(void (*fn)()) {
  std::lock_guard<std::mutex> g(mu);
  fn(); // not followed: would be a double lock if fn == take
}

void through_function(const std::function<void()> &fn) {
  fn(); // not followed either
}

// CHECK: lockgraph: 0 findings (0 locks, 0 edges, 3 functions in 1 translation units, 2 calls through pointers not followed)
