// The summary line counts the findings of each check, the most frequent
// first and ties by name, so a CI log says at once what kind of findings a
// run has (issue 12, output that scales). `lockgraph report` says the same.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %expect_exit 1 %lockgraph %s --emit-facts=%t/facts -- -std=c++17 2>&1 | FileCheck %s
// CHECK: lockgraph: 4 findings (2 lock-leak, 1 blocking-under-lock, 1 double-lock; 0 locks,
// RUN: %expect_exit 1 %lockgraph report --static %t/facts 2>&1 | FileCheck %s --check-prefix=MERGED
// MERGED: lockgraph: 4 findings (2 lock-leak, 1 blocking-under-lock, 1 double-lock) from 1
//
// No findings: no counts.
// RUN: %lockgraph %s --checks=-* -- -std=c++17 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: lockgraph: 0 findings (0 locks, 0 edges, 4 functions in 1 translation units)
#include <mutex>
#include <unistd.h>

std::mutex a, b, c;
int check();

// Two lock-leaks: an early return keeps the lock.
void leak_a() {
  a.lock();
  if (check())
    return;
  a.unlock();
}
void leak_b() {
  b.lock();
  if (check())
    return;
  b.unlock();
}
// One blocking-under-lock and one double-lock: a tie, in name order.
void sleepy() {
  std::lock_guard<std::mutex> g(c);
  sleep(1);
}
void twice() {
  std::lock_guard<std::mutex> g(c);
  c.lock();
  c.unlock();
}
