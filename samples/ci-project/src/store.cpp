#include "stock/store.h"

namespace stock {

void Store::restock(const std::string &item, int amount) {
  std::lock_guard<std::mutex> lock(mu_);
  levels_[item] += amount;
  ledger_.record(item, amount); // Ledger::mu_ while Store::mu_ is held
}

int Store::count(const std::string &item) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = levels_.find(item);
  return it == levels_.end() ? 0 : it->second;
}

} // namespace stock
