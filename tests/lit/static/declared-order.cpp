// ACQUIRED_BEFORE / ACQUIRED_AFTER checked along paths through calls, which
// Clang's -Wthread-safety checks only inside one function.
// RUN: not %lockgraph %s --checks=-*,lockgraph-declared-order -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

#define ACQUIRED_BEFORE(...) __attribute__((acquired_before(__VA_ARGS__)))
#define ACQUIRED_AFTER(...) __attribute__((acquired_after(__VA_ARGS__)))

class __attribute__((capability("mutex"))) Mutex {
public:
  void Lock() __attribute__((acquire_capability()));
  void Unlock() __attribute__((release_capability()));
};

Mutex registry_mu;
Mutex table_mu ACQUIRED_AFTER(registry_mu);

class Store {
  Mutex index_mu_;
  Mutex data_mu_ ACQUIRED_BEFORE(index_mu_);

public:
  void touch_data() {
    data_mu_.Lock();
    data_mu_.Unlock();
  }
  void reindex() {
    index_mu_.Lock();
    touch_data(); // data_mu_ under index_mu_: against the declared order
    index_mu_.Unlock();
  }
  void write() {
    data_mu_.Lock();
    index_mu_.Lock(); // the declared order: silent
    index_mu_.Unlock();
    data_mu_.Unlock();
  }
};

void take_registry() {
  registry_mu.Lock();
  registry_mu.Unlock();
}
void update() {
  table_mu.Lock();
  take_registry(); // registry_mu under table_mu: against the declared order
  table_mu.Unlock();
}

// CHECK: declared-order.cpp:29:5: warning: 'Store::data_mu_' acquired while holding 'Store::index_mu_', against the declared order: 'Store::data_mu_' is acquired before 'Store::index_mu_' [lockgraph-declared-order]
// CHECK-NEXT: declared-order.cpp:28:5: note: 'Store::index_mu_' acquired here
// CHECK-NEXT: declared-order.cpp:29:5: note: calls 'Store::touch_data' while holding 'Store::index_mu_'
// CHECK-NEXT: declared-order.cpp:24:5: note: 'Store::data_mu_' acquired here while holding 'Store::index_mu_'
// CHECK-NEXT: declared-order.cpp:20:9: note: order declared here
// CHECK: declared-order.cpp:46:3: warning: 'registry_mu' acquired while holding 'table_mu', against the declared order: 'registry_mu' is acquired before 'table_mu' [lockgraph-declared-order]
// CHECK: declared-order.cpp:16:7: note: order declared here
// CHECK: lockgraph: 2 findings
