// A std::mutex has a trivial destructor: deleting the object that holds it
// calls no pthread function. The shim watches free instead: the object's
// lock, taken in the order A -> Obj.Mu, is retired when the object is freed,
// and the next object allocated at the same address has a new lock
// (generation 2), so its order Obj.Mu -> A closes no cycle.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// The same with the lock 10000 bytes into the object (a block of three pages,
// the lock not in its first one), and with the shim linked in statically.
// RUN: %clangxx -O1 -g -pthread -DPAD=10000 %s -o %t.big
// RUN: env LD_PRELOAD=%lockgraph_rt %t.big 2>&1 | FileCheck %s
// RUN: %clangxx -O1 -g -pthread %s -o %t.static -Wl,--whole-archive %lockgraph_rt_static -Wl,--no-whole-archive -ldl
// RUN: %t.static 2>&1 | FileCheck %s
// Control: the object kept alive and used for both orders is one lock, and
// its two orders are a cycle.
// RUN: %clangxx -O1 -g -pthread -DKEEP %s -o %t.keep
// RUN: env LD_PRELOAD=%lockgraph_rt %t.keep 2>&1 | FileCheck %s --check-prefix=KEEP
#include <cstdio>
#include <mutex>
#include <thread>

#ifndef PAD
#define PAD 8
#endif

struct Obj {
  char Pad[PAD];
  std::mutex Mu;
  long Value = 0;
};

std::mutex A;

int main() {
  Obj *First = new Obj;
  std::thread([First] {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> m(First->Mu); // A -> First->Mu
    First->Value++;
  }).join();
#ifdef KEEP
  Obj *Second = First;
#else
  void *Old = First;
  delete First;
  Obj *Second = new Obj; // same size: glibc hands the block just freed back
  std::fprintf(stderr, "reused: %d\n", static_cast<void *>(Second) == Old);
#endif
  std::thread([Second] {
    std::lock_guard<std::mutex> m(Second->Mu); // Second->Mu -> A
    std::lock_guard<std::mutex> a(A);
    Second->Value++;
  }).join();
  delete Second;
  return 0;
}

// CHECK: reused: 1
// CHECK-NOT: lock-order-inversion (potential
// CHECK: SUMMARY: 0 lock-order-inversion(s), {{.*}}; 3 locks, 2 edges
// JSON-DAG: "generation": 1
// JSON-DAG: "generation": 2
// JSON: "findings": [
// JSON-NEXT: ],
// KEEP: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// KEEP: SUMMARY: 1 lock-order-inversion(s), {{.*}}; 2 locks, 2 edges
