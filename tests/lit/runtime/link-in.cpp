// The shim linked into a test binary (the CMake target lockgraph::runtime)
// instead of LD_PRELOAD: same interposition, same report. A lock taken by a
// static constructor, before main, is tracked too.
// RUN: %clangxx -O1 -g -pthread %s %lockgraph_rt -o %t
// RUN: %t 2>&1 | FileCheck %s
#include <mutex>
#include <thread>

std::mutex A, B;

struct Early {
  Early() {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
  }
} early;

int main() {
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s)
