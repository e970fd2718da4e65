// Two functions take two globals in opposite orders, by lock()/unlock().
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

namespace app {
std::mutex g_a;
std::mutex g_b;
} // namespace app

void forward() {
  app::g_a.lock();
  app::g_b.lock();
  app::g_b.unlock();
  app::g_a.unlock();
}

void backward() {
  app::g_b.lock();
  app::g_a.lock();
  app::g_a.unlock();
  app::g_b.unlock();
}

// Released before the next acquisition: no edge, so no second cycle.
void sequential() {
  app::g_b.lock();
  app::g_b.unlock();
  app::g_a.lock();
  app::g_a.unlock();
}

// CHECK: abba-functions.cpp:19:3: warning: potential deadlock: lock-order cycle 'app::g_a' -> 'app::g_b' -> 'app::g_a' [lockgraph-lock-order-inversion]
// CHECK-NEXT: abba-functions.cpp:11:3: note: 'app::g_a' acquired here
// CHECK-NEXT: abba-functions.cpp:12:3: note: 'app::g_b' acquired here while holding 'app::g_a'
// CHECK-NEXT: abba-functions.cpp:18:3: note: 'app::g_b' acquired here
// CHECK-NEXT: abba-functions.cpp:19:3: note: 'app::g_a' acquired here while holding 'app::g_b'
// CHECK: lockgraph: 1 finding (1 lock-order-inversion; 2 locks, 2 edges, 3 functions in 1 translation units)
