// samples/bank_transfer.cpp's transfer(), run both ways in turn: the run
// never hangs, but it takes two Account::mu_ in both orders.
#include "bank_transfer.cpp"

#include <thread>

int main() {
  Account a, b;
  std::thread t1([&] { transfer(a, b, 1); });
  t1.join();
  std::thread t2([&] { transfer(b, a, 1); });
  t2.join();
}
