// NOLINT comments silence a finding at its warning line, as in clang-tidy.
// RUN: not %lockgraph %s --checks=-*,lockgraph-double-lock,lockgraph-instance-order -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %lockgraph %s --checks='-*,lockgraph-instance-order' -- -std=c++17 2>&1 | FileCheck %s --check-prefix=FILTERED --implicit-check-not=warning:
#include <mutex>

std::mutex a, b, c;

void one() {
  std::lock_guard<std::mutex> la(a);
  a.lock(); // NOLINT(lockgraph-double-lock)
}

void two() {
  std::lock_guard<std::mutex> lb(b);
  // NOLINTNEXTLINE(lockgraph-*)
  b.lock();
}

void three() {
  std::lock_guard<std::mutex> lc(c);
  c.lock(); // NOLINT(lockgraph-instance-order): another check, still reported
}

// CHECK: nolint.cpp:21:3: warning: 'c' acquired while already held; a non-recursive lock taken twice by one thread deadlocks [lockgraph-double-lock]
// CHECK: lockgraph: 1 finding
// FILTERED: lockgraph: 0 findings
