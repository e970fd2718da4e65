// The JSON report: producer, locks with generation and class site, edges with
// both witness stacks, findings with a stable id, contention rows.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t
// RUN: FileCheck %s < %t.json
// The finding id depends on the lock classes (sites), not on addresses or pids:
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.2.json %t
// RUN: grep -o '"id": "[0-9a-f]*"' %t.json > %t.id1
// RUN: grep -o '"id": "[0-9a-f]*"' %t.2.json > %t.id2
// RUN: diff %t.id1 %t.id2
#include <mutex>
#include <thread>

std::mutex A, B;

extern "C" __attribute__((noinline)) void first_order() {
  std::lock_guard<std::mutex> a(A);
  std::lock_guard<std::mutex> b(B);
}

extern "C" __attribute__((noinline)) void second_order() {
  std::lock_guard<std::mutex> b(B);
  std::lock_guard<std::mutex> a(A);
}

int main() {
  std::thread(first_order).join();
  std::thread(second_order).join();
  return 0;
}

// CHECK: "format": "lockgraph-report", "version": 1,
// CHECK-NEXT: "producer": {"side": "runtime", "tool": "lockgraph-rt 0.1.0", "program": "{{.*}}json-report.cpp.tmp", "pid": {{[0-9]+}}},
// CHECK-NEXT: "locks": [
// CHECK-NEXT: {"id": 0, "name": "mutex@0x{{[0-9a-f]+}}(gen 1)", "kind": "runtime", "type": "mutex", "address": "0x{{[0-9a-f]+}}", "generation": 1, "class_key": "0x{{[0-9a-f]+}}", "site": [{"module": "/{{.*}}json-report.cpp.tmp", "offset": "0x{{[0-9a-f]+}}", "symbol": "first_order"}]},
// CHECK-NEXT: {"id": 1,
// CHECK-NEXT: ],
// CHECK-NEXT: "edges": [
// CHECK-NEXT: {"from": 0, "to": 1, "witness": {"thread": {{[0-9]+}}, "mode": "exclusive", "held_mode": "exclusive", "held_stack": [{"module": "/{{.*}}", "offset": "0x{{[0-9a-f]+}}", "symbol": "second_order"}, {{.*}}], "acquired_stack": [{"module": "/{{.*}}json-report.cpp.tmp", "offset": "0x{{[0-9a-f]+}}", "symbol": "second_order"},
// CHECK-NEXT: {"from": 1, "to": 0, "witness": {{.*}}"symbol": "first_order"
// CHECK-NEXT: ],
// CHECK-NEXT: "edges_truncated": false,
// CHECK-NEXT: "findings": [
// CHECK-NEXT: {"check": "lock-order-inversion", "id": "{{[0-9a-f]+}}", "severity": "warning", "message": "lock-order-inversion (potential deadlock): cycle of 2 locks", "locks": [0, 1], "edges": [0, 1], "tags": []}
// CHECK-NEXT: ],
// CHECK-NEXT: "contention": [
// CHECK-NEXT: ],
// CHECK-NEXT: "cond_waits": [
// CHECK-NEXT: ],
// CHECK-NEXT: "global_lock": null,
// CHECK-NEXT: "stats": {"locks": 2, "edges": 2, "edges_dropped": 0, "cycles_dropped": 0, "cycles_shared_only": 0, "cycles_gated": 0, "threads": 2, "wall_ns": {{[1-9][0-9]*}}, "cpu_ns": {{[0-9]+}}, "limits": {"locks_untracked": 0, {{.*}}, "wait_chains_cut": 0}}
