// Two instances of one member lock, taken nested: the bank-transfer hazard.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

struct Account {
  std::mutex mu_;
  int balance_ = 0;
  void deposit(int n) {
    std::lock_guard<std::mutex> g(mu_);
    balance_ += n;
  }
  // `this` then `to`, the second through a call.
  void send(Account &to, int n) {
    std::lock_guard<std::mutex> g(mu_);
    balance_ -= n;
    to.deposit(n);
  }
};

void transfer(Account &from, Account &to, int n) {
  std::lock_guard<std::mutex> a(from.mu_);
  std::lock_guard<std::mutex> b(to.mu_);
  from.balance_ -= n;
  to.balance_ += n;
}

// Silent: both at once.
void transfer_scoped(Account &from, Account &to, int n) {
  std::scoped_lock both(from.mu_, to.mu_);
  from.balance_ -= n;
}

// Silent: a fixed order by address, so both nestings appear in one function.
void transfer_ordered(Account &from, Account &to, int n) {
  if (&from < &to) {
    std::lock_guard<std::mutex> a(from.mu_);
    std::lock_guard<std::mutex> b(to.mu_);
  } else {
    std::lock_guard<std::mutex> b(to.mu_);
    std::lock_guard<std::mutex> a(from.mu_);
  }
}

// Silent: the same instance, locked and released, then locked again.
void twice(Account &acct) {
  acct.deposit(1);
  acct.deposit(2);
}

// CHECK: bank-transfer.cpp:16:5: warning: two instances of 'Account::mu_' locked nested ('this' then 'to') with no fixed order; a concurrent call with the objects swapped deadlocks (take both at once with std::scoped_lock) [lockgraph-instance-order]
// CHECK-NEXT: bank-transfer.cpp:14:33: note: 'Account::mu_' of 'this' acquired here
// CHECK-NEXT: bank-transfer.cpp:16:5: note: calls 'Account::deposit' while holding 'Account::mu_' of 'this'
// CHECK-NEXT: bank-transfer.cpp:9:33: note: 'Account::mu_' of 'to' acquired here while holding 'Account::mu_' of 'this'
// CHECK: bank-transfer.cpp:22:31: warning: two instances of 'Account::mu_' locked nested ('from' then 'to') with no fixed order; a concurrent call with the objects swapped deadlocks (take both at once with std::scoped_lock) [lockgraph-instance-order]
// CHECK-NEXT: bank-transfer.cpp:21:31: note: 'Account::mu_' of 'from' acquired here
// CHECK-NEXT: bank-transfer.cpp:22:31: note: 'Account::mu_' of 'to' acquired here while holding 'Account::mu_' of 'from'
// CHECK: lockgraph: 2 findings (2 instance-order; 0 locks, 0 edges, 6 functions in 1 translation units)
