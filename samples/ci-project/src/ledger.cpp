#include "stock/ledger.h"

#include "stock/audit.h"
#include "stock/store.h"

namespace stock {

void Ledger::record(const std::string &item, int delta) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.emplace_back(item, delta);
}

int Ledger::total() const {
  std::lock_guard<std::mutex> lock(mu_);
  int sum = 0;
  for (const auto &entry : entries_)
    sum += entry.second;
  return sum;
}

bool Ledger::reconcile(const Store &store, const std::string &item) const {
  std::lock_guard<std::mutex> lock(mu_);
  int recorded = 0;
  for (const auto &entry : entries_)
    if (entry.first == item)
      recorded += entry.second;
  return recorded == store.count(item); // Store::mu_ while Ledger::mu_ is held
}

void Ledger::flush() {
  std::lock_guard<std::mutex> lock(mu_);
  for (; flushed_ < entries_.size(); ++flushed_)
    audit_log(entries_[flushed_].first); // g_audit_mu while Ledger::mu_ is held
}

} // namespace stock
