// The ledger records every stock movement. Its lock, Ledger::mu_, is taken
// by the store (while holding Store::mu_) and by the audit log's users.
#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace stock {

class Store;

class Ledger {
public:
  void record(const std::string &item, int delta);
  int total() const;
  /// Compares the ledger with the store's counts: takes Ledger::mu_, then
  /// Store::mu_ (through Store::count), the opposite of Store::restock.
  bool reconcile(const Store &store, const std::string &item) const;
  /// Writes pending entries to the audit log while holding Ledger::mu_.
  void flush();

private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, int>> entries_;
  size_t flushed_ = 0;
};

} // namespace stock
