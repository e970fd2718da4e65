// A non-recursive lock taken again by the thread that holds it.
// RUN: not %lockgraph %s --checks=-*,lockgraph-double-lock -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex mu;
std::recursive_mutex rmu;

void direct() {
  std::lock_guard<std::mutex> outer(mu);
  mu.lock();
}

void helper() { std::lock_guard<std::mutex> inner(mu); }
void through_call() {
  std::lock_guard<std::mutex> outer(mu);
  helper();
}

class Counter {
public:
  void increment() {
    std::lock_guard<std::mutex> g(mu_);
    ++n_;
  }
  void increment_twice() {
    std::lock_guard<std::mutex> g(mu_);
    increment(); // this->mu_ again
  }

private:
  std::mutex mu_;
  int n_ = 0;
};

// Silent: recursive mutexes may be re-entered.
void rhelper() { std::lock_guard<std::recursive_mutex> inner(rmu); }
void recursive_ok() {
  std::lock_guard<std::recursive_mutex> outer(rmu);
  rhelper();
}

// Silent: released before it is taken again.
void sequential() {
  { std::lock_guard<std::mutex> first(mu); }
  std::lock_guard<std::mutex> second(mu);
}

// CHECK: double-lock.cpp:10:3: warning: 'mu' acquired while already held; a non-recursive lock taken twice by one thread deadlocks [lockgraph-double-lock]
// CHECK-NEXT: double-lock.cpp:9:31: note: 'mu' acquired here
// CHECK-NEXT: double-lock.cpp:10:3: note: 'mu' acquired here while holding 'mu'
// CHECK: double-lock.cpp:16:3: warning: 'mu' acquired while already held; a non-recursive lock taken twice by one thread deadlocks [lockgraph-double-lock]
// CHECK-NEXT: double-lock.cpp:15:31: note: 'mu' acquired here
// CHECK-NEXT: double-lock.cpp:16:3: note: calls 'helper' while holding 'mu'
// CHECK-NEXT: double-lock.cpp:13:45: note: 'mu' acquired here while holding 'mu'
// CHECK: double-lock.cpp:27:5: warning: 'Counter::mu_' acquired while already held; a non-recursive lock taken twice by one thread deadlocks [lockgraph-double-lock]
// CHECK-NEXT: double-lock.cpp:26:33: note: 'Counter::mu_' acquired here
// CHECK-NEXT: double-lock.cpp:27:5: note: calls 'Counter::increment' while holding 'Counter::mu_'
// CHECK-NEXT: double-lock.cpp:22:33: note: 'Counter::mu_' acquired here while holding 'Counter::mu_'
// CHECK: lockgraph: 3 findings (3 double-lock; 0 locks, 0 edges, 8 functions in 1 translation units)
