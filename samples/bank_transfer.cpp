// The bank-transfer hazard: transfer(a, b) and transfer(b, a) running at
// once each lock their first account and wait for the other.
#include <mutex>

class Account {
public:
  friend void transfer(Account &from, Account &to, int amount);
  friend void transfer_safely(Account &from, Account &to, int amount);

private:
  std::mutex mu_;
  int balance_ = 0;
};

void transfer(Account &from, Account &to, int amount) {
  std::lock_guard<std::mutex> a(from.mu_);
  std::lock_guard<std::mutex> b(to.mu_);
  from.balance_ -= amount;
  to.balance_ += amount;
}

// The fix: both locks in one step, so there is no order between them.
void transfer_safely(Account &from, Account &to, int amount) {
  std::scoped_lock both(from.mu_, to.mu_);
  from.balance_ -= amount;
  to.balance_ += amount;
}
