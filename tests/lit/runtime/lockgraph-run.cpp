// build/bin/lockgraph-run preloads the shim and turns its flags into
// LOCKGRAPH_OPTIONS; lit puts build/bin on PATH.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: lockgraph-run --report=%t.json -o verbosity=1 -- %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: not lockgraph-run --exitcode=5 %t 2>&1 | FileCheck %s
// RUN: not lockgraph-run --bogus %t 2>&1 | FileCheck %s --check-prefix=USAGE
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
// USAGE: lockgraph-run: unknown flag '--bogus'
// USAGE: usage: lockgraph-run
