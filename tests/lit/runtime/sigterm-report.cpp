// A program killed by SIGTERM still writes its report (text and JSON), then
// dies of the same signal.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: rm -f %t.json
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <csignal>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex A, B;

int main() {
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  kill(getpid(), SIGTERM);
  for (;;)
    pause();
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s)
// JSON: "format": "lockgraph-report", "version": 1,
// JSON: "check": "lock-order-inversion"
