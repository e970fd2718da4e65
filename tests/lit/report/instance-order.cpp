// Two instances of one member lock taken in both orders: the static pass
// calls it an instance-order hazard on 'Account::mu_'; the run sees two
// mutexes in a cycle. Named by their static class, the two are one finding.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread %s -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 1 %lockgraph --quiet --emit-facts %t/facts %s -o /dev/null -- -std=c++17
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s
#include <mutex>
#include <thread>

class Account {
public:
  friend void transfer(Account &from, Account &to, int amount);

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

int main() {
  Account a, b;
  std::thread t1([&] { transfer(a, b, 1); });
  t1.join();
  std::thread t2([&] { transfer(b, a, 1); });
  t2.join();
}

// CHECK: instance-order.cpp:[[@LINE-13]]:{{[0-9]+}}: warning: two instances of 'Account::mu_' locked nested {{.*}} (confirmed at run time) [lockgraph-instance-order]
// CHECK: note: a run formed this cycle: {{.*}}prog
// CHECK: lockgraph: 1 run; lock-order cycles: 1 confirmed at run time, 0 static only, 0 runtime only
// CHECK-NOT: warning:
