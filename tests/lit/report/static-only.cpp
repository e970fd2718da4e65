// A cycle no run formed: the run only placed orders. The report says which
// functions a test must call to exercise it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread %s -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 1 %lockgraph --quiet --emit-facts %t/facts %s -o /dev/null -- -std=c++17
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s
// The same facts with no run: nothing to classify against, no tags.
// RUN: %expect_exit 1 %lockgraph report --static %t/facts | FileCheck %s --check-prefix=FACTSONLY
#include <mutex>

std::mutex g_orders_mu, g_stock_mu;

__attribute__((noinline)) void reserve() { std::lock_guard<std::mutex> l(g_stock_mu); }

__attribute__((noinline)) void place_order() {
  std::lock_guard<std::mutex> l(g_orders_mu);
  reserve();
}

__attribute__((noinline)) void restock() {
  std::lock_guard<std::mutex> l(g_stock_mu);
  std::lock_guard<std::mutex> o(g_orders_mu);
}

int main(int argc, char **) {
  place_order();
  if (argc > 5)
    restock(); // no test passes five arguments
}

// CHECK: warning: potential deadlock: lock-order cycle 'g_orders_mu' -> 'g_stock_mu' -> 'g_orders_mu'{{.*}} (static only: no run formed it) [lockgraph-lock-order-inversion]
// The run did take g_orders_mu -> g_stock_mu, so only the other edge is missing.
// CHECK: note: no run took 'g_stock_mu' -> 'g_orders_mu'; to exercise the cycle a test must call 'restock' from two threads
// CHECK: lockgraph: 1 run; lock-order cycles: 0 confirmed at run time, 1 static only, 0 runtime only

// FACTSONLY: warning: potential deadlock: lock-order cycle 'g_orders_mu' -> 'g_stock_mu' -> 'g_orders_mu'
// FACTSONLY-NOT: static only
// FACTSONLY: lockgraph: 0 runs; lock-order cycles: 0 confirmed at run time, 0 static only, 0 runtime only
