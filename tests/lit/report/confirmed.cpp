// A cycle the static pass finds and a run forms: `lockgraph report` joins the
// two, names the run's locks by their static names and says "confirmed".
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread %s -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 1 %lockgraph --quiet --emit-facts %t/facts %s -o /dev/null -- -std=c++17
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/run.json --format=json | FileCheck %s --check-prefix=JSON
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/run.json --format=dot | FileCheck %s --check-prefix=DOT
//
// Without debug info the run's locks are still named, by the functions that
// take them (each takes one lock itself):
// RUN: %clangxx -O2 -pthread %s -o %t/nodebug
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/nodebug.json %t/nodebug 2>/dev/null
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/nodebug.json | FileCheck %s --check-prefix=NODEBUG
//
// A fixed-address executable: the run's offsets are from its load address.
// RUN: %clangxx -O0 -g -no-pie -pthread %s -o %t/nopie
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/nopie.json %t/nopie 2>/dev/null
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/nopie.json | FileCheck %s --check-prefix=NODEBUG
#include <mutex>
#include <thread>

namespace shop {
std::mutex g_orders_mu;
std::mutex g_stock_mu;
int orders, stock;

__attribute__((noinline)) void reserve() {
  std::lock_guard<std::mutex> l(g_stock_mu);
  --stock;
}

__attribute__((noinline)) void place_order() {
  std::lock_guard<std::mutex> l(g_orders_mu);
  ++orders;
  reserve(); // g_stock_mu while g_orders_mu is held
}

__attribute__((noinline)) void restock() {
  std::lock_guard<std::mutex> l(g_stock_mu);
  std::lock_guard<std::mutex> o(g_orders_mu); // the other order
  stock += orders;
}
} // namespace shop

int main() {
  std::thread a(shop::place_order);
  a.join();
  std::thread b(shop::restock);
  b.join();
}

// CHECK: confirmed.cpp:[[@LINE-12]]:{{[0-9]+}}: warning: potential deadlock: lock-order cycle 'shop::g_orders_mu' -> 'shop::g_stock_mu' -> 'shop::g_orders_mu'{{.*}} (confirmed at run time) [lockgraph-lock-order-inversion]
// CHECK: note: a run formed this cycle: {{.*}}prog
// CHECK: lockgraph: 1 run; lock-order cycles: 1 confirmed at run time, 0 static only, 0 runtime only

// JSON: "side": "merged"
// JSON: "name": "shop::g_orders_mu"
// JSON: "origin": "both"
// JSON: "runtime_witness"
// JSON: "origin": "both"
// JSON: "tags": [
// JSON: "confirmed"
// JSON: "classification": {
// JSON-NEXT: "confirmed": 1,
// JSON-NEXT: "static_only": 0,
// JSON-NEXT: "runtime_only": 0

// Every edge was seen by both sides: none dashed.
// DOT: digraph lockgraph
// DOT-NOT: dashed

// NODEBUG: warning: potential deadlock: lock-order cycle 'shop::g_orders_mu' -> 'shop::g_stock_mu' -> 'shop::g_orders_mu'{{.*}} (confirmed at run time)
