// A store's stock levels, guarded by Store::mu_.
#pragma once

#include "stock/ledger.h"

#include <map>
#include <mutex>
#include <string>

namespace stock {

class Store {
public:
  explicit Store(Ledger &ledger) : ledger_(ledger) {}
  /// Adds stock and records it: takes Store::mu_, then Ledger::mu_.
  void restock(const std::string &item, int amount);
  int count(const std::string &item) const;

private:
  mutable std::mutex mu_;
  std::map<std::string, int> levels_;
  Ledger &ledger_;
};

} // namespace stock
