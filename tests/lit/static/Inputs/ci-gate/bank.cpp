// One finding of each check, for the CI-gate tests (SARIF, baselines,
// suppressions files, config): a cycle, a double lock, two instances.
#include <mutex>

namespace bank {
std::mutex g_accounts_mu;
std::mutex g_ledger_mu;

void deposit() {
  std::lock_guard<std::mutex> a(g_accounts_mu);
  std::lock_guard<std::mutex> l(g_ledger_mu);
}

void audit() {
  std::lock_guard<std::mutex> l(g_ledger_mu);
  std::lock_guard<std::mutex> a(g_accounts_mu);
}
} // namespace bank

namespace cache {
std::mutex g_mu;

void reload() { std::lock_guard<std::mutex> g(g_mu); }

void refresh() {
  std::lock_guard<std::mutex> g(g_mu);
  reload();
}
} // namespace cache

struct Account {
  std::mutex mu_;
  int balance = 0;
};

void transfer(Account &from, Account &to, int amount) {
  std::lock_guard<std::mutex> a(from.mu_);
  std::lock_guard<std::mutex> b(to.mu_);
  from.balance -= amount;
  to.balance += amount;
}
