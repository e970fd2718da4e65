// Two functions take the same two locks in opposite orders. Run on two
// threads, each can hold one lock and wait forever for the other.
#include <mutex>
#include <thread>

namespace bank {
std::mutex g_accounts_mu;
std::mutex g_ledger_mu;
int g_balance, g_entries;

void post_entry() {
  std::lock_guard<std::mutex> ledger(g_ledger_mu);
  ++g_entries;
}

void deposit(int amount) {
  std::lock_guard<std::mutex> accounts(g_accounts_mu);
  g_balance += amount;
  post_entry(); // takes g_ledger_mu while g_accounts_mu is held
}

void audit() {
  std::lock_guard<std::mutex> ledger(g_ledger_mu);
  std::lock_guard<std::mutex> accounts(g_accounts_mu); // the other order
  (void)(g_balance + g_entries);
}
} // namespace bank

int main() {
  std::thread a([] { bank::deposit(10); });
  std::thread b([] { bank::audit(); });
  a.join();
  b.join();
}
