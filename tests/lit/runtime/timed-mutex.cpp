// A timed acquisition can block (until its timeout): it forms order edges.
// std::timed_mutex::try_lock_for goes through pthread_mutex_clocklock.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <chrono>
#include <mutex>
#include <thread>

std::timed_mutex A, B;
using namespace std::chrono_literals;

int main() {
  std::thread([] { std::lock_guard<std::timed_mutex> a(A);
                   if (B.try_lock_for(10ms)) B.unlock(); }).join();
  std::thread([] { std::lock_guard<std::timed_mutex> b(B);
                   if (A.try_lock_until(std::chrono::system_clock::now() + 10ms)) A.unlock(); }).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s)
