// Runs the store and the ledger the way the service does: restocking on one
// thread, reconciling on another. The two orders never overlap in time here,
// so the test passes, but the runtime shim sees both orders of Store::mu_
// and Ledger::mu_ and reports the cycle.
#include "stock/store.h"

#include <gtest/gtest.h>

#include <thread>

TEST(Store, RestockIsRecorded) {
  stock::Ledger ledger;
  stock::Store store(ledger);
  store.restock("apple", 3);
  EXPECT_EQ(store.count("apple"), 3);
  EXPECT_EQ(ledger.total(), 3);
}

TEST(Store, ReconcileWhileRestocking) {
  stock::Ledger ledger;
  stock::Store store(ledger);
  std::thread restocker([&] { store.restock("pear", 5); });
  restocker.join();
  std::thread auditor([&] { EXPECT_TRUE(ledger.reconcile(store, "pear")); });
  auditor.join();
}
