// `lockgraph run` hands a program to the runtime shim's wrapper: the
// static tool and the shim behind one command.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: %expect_exit 5 %lockgraph run --exitcode=5 --report=%t.json -- %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// And the same source, statically:
// RUN: %expect_exit 1 %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=STATIC
#include <mutex>
#include <thread>

std::mutex A, B;

int main() {
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// JSON: "check": "lock-order-inversion"
// STATIC: warning: potential deadlock: lock-order cycle 'A' -> 'B' -> 'A'; its edges run on threads 'lambda in main' (line 14), 'lambda in main' (line 15) [lockgraph-lock-order-inversion]
