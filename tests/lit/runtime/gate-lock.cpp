// Both orders of A and B are only ever taken while holding G: G serializes
// them, so the cycle cannot deadlock. Reported as gated (a note), or hidden.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=gated=hide %t 2>&1 | FileCheck %s --check-prefix=HIDE
// One acquisition of B then A without G makes it a real hazard again:
// RUN: %clangxx -O1 -g -pthread -DUNGATED %s -o %t.ungated
// RUN: env LD_PRELOAD=%lockgraph_rt %t.ungated 2>&1 | FileCheck %s --check-prefix=UNGATED
#include <mutex>
#include <thread>

std::mutex G, A, B;

void ab() {
  std::lock_guard<std::mutex> g(G);
  std::lock_guard<std::mutex> a(A);
  std::lock_guard<std::mutex> b(B);
}

void ba() {
#ifndef UNGATED
  std::lock_guard<std::mutex> g(G);
#endif
  std::lock_guard<std::mutex> b(B);
  std::lock_guard<std::mutex> a(A);
}

int main() {
  std::thread t1(ab);
  t1.join();
  std::thread t2(ba);
  t2.join();
  return 0;
}

// CHECK-NOT: WARNING: lock-order-inversion
// CHECK: NOTE: lock-order-inversion gated by M2 (not a deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK: note: every edge was formed while holding M2, which serializes them [gated]
// CHECK: SUMMARY: 0 lock-order-inversion(s), 1 gated,
// JSON: "severity": "note"
// JSON-SAME: "tags": ["gated"], "gate": 2
// HIDE-NOT: lock-order-inversion gated
// HIDE: SUMMARY: 0 lock-order-inversion(s), 1 gated,
// UNGATED: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// UNGATED: SUMMARY: 1 lock-order-inversion(s), 0 gated,
