// Two locks taken on one line: the line alone cannot say which runtime lock
// is which, so the report names the second by the static held set (the one
// taken while the other is held) and the first by what the second's
// acquisition held. The cycle is still the cycle over both locks.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread %s -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 1 %lockgraph --quiet --emit-facts %t/facts %s -o /dev/null -- -std=c++17
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s
#include <mutex>

std::mutex g_a_mu, g_b_mu;

__attribute__((noinline)) void a_then_b() {
  std::lock_guard<std::mutex> a(g_a_mu);
  std::lock_guard<std::mutex> b(g_b_mu);
}

__attribute__((noinline)) void b_then_a() {
  std::lock_guard<std::mutex> b(g_b_mu); std::lock_guard<std::mutex> a(g_a_mu);
}

int main() {
  a_then_b();
  b_then_a();
}

// CHECK: warning: potential deadlock: lock-order cycle 'g_a_mu' -> 'g_b_mu' -> 'g_a_mu'{{.*}} (confirmed at run time) [lockgraph-lock-order-inversion]
// CHECK: lockgraph: 1 run; lock-order cycles: 1 confirmed at run time, 0 static only, 0 runtime only
// CHECK-NOT: warning:
