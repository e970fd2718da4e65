// Two futex locks taken in opposite orders by two threads, one after the
// other: this run cannot hang, but two threads running the two functions at
// the same time can. No pthread lock is involved, so the shim only knows
// about it through the annotations in futex_lock.h: it reports the cycle
// Accounts -> Audit -> Accounts.
#include "futex_lock.h"

#include <cstdio>
#include <mutex>
#include <thread>

static FutexLock Accounts, Audit;
static int Balance, Entries;

extern "C" __attribute__((noinline)) void post_transfer() {
  std::lock_guard<FutexLock> A(Accounts);
  Balance += 10;
  std::lock_guard<FutexLock> L(Audit);
  ++Entries;
}

extern "C" __attribute__((noinline)) void audit_balances() {
  std::lock_guard<FutexLock> L(Audit);
  std::lock_guard<FutexLock> A(Accounts);
  printf("futex_lock: balance %d after %d entries\n", Balance, Entries);
}

int main() {
  std::thread(post_transfer).join();
  std::thread(audit_balances).join();
  return 0;
}
