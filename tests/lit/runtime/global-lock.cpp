// Four threads do CPU-bound work while holding one global lock: the lock is
// held nearly all the time while the others queue for it. The report gives
// the global-lock verdict with an effective parallelism near 1.
// Releasing the lock around the work (-DFINE) gives no verdict.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json:hold_sample_rate=4 %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// Without hold times there is no verdict; contention_top=0 drops the table:
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=hold_sample_rate=0:contention_top=0 %t 2>&1 | FileCheck %s --check-prefix=NOHOLD
// RUN: %clangxx -O1 -g -pthread -DFINE %s -o %t.fine
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.fine.json:hold_sample_rate=4 %t.fine 2>&1 | FileCheck %s --check-prefix=FINE
// RUN: FileCheck %s --check-prefix=FINE-JSON < %t.fine.json
#include <mutex>
#include <thread>
#include <vector>

std::mutex Big;
volatile unsigned long Sink;

static void spin(int N) {
  unsigned long X = 0;
  for (int I = 0; I < N; ++I)
    X = X * 6364136223846793005ULL + 1442695040888963407ULL;
  Sink = X;
}

extern "C" __attribute__((noinline)) void worker() {
  for (int I = 0; I < 200; ++I) {
#ifdef FINE
    spin(200000);
    std::lock_guard<std::mutex> g(Big);
#else
    std::lock_guard<std::mutex> g(Big);
    spin(200000);
#endif
  }
}

int main() {
  std::vector<std::thread> T;
  for (int I = 0; I < 4; ++I)
    T.emplace_back(worker);
  for (auto &X : T)
    X.join();
  return 0;
}

// CHECK: contention: top 1 of 1 contended locks by total wait
// CHECK-NEXT: lock type acquired contended wait_ms max_ms held% thr cond_waits site
// CHECK-NEXT: M0 mutex 800 {{[0-9]+}}
// CHECK: WARNING: global-lock: M0 (mutex first acquired at worker {{.*}}) was held {{[0-9]+}}.{{[0-9]}}% of the wall time ({{[0-9]+}}.{{[0-9]}}% of the program's CPU time); {{[1-4]}} threads waited for it ({{[0-9.]+}}% of their time); effective parallelism {{0\.[0-9]+|1\.[0-4][0-9]}} over
// JSON: "contention": [
// JSON-NEXT: {"lock": 0, "acquisitions": 800, "contended": {{[1-9][0-9]*}}, "wait_ns_total": {{[1-9][0-9]*}},
// JSON: "global_lock": {"lock": 0, "held_share": {{[0-9.]+}}, "held_cpu_share": {{[0-9.]+}}, "wait_share": {{0\.[2-9]|1\.0}}{{.*}}"kind": "mutex"}
// FINE-NOT: WARNING: global-lock
// FINE: SUMMARY: 0 lock-order-inversion(s)
// FINE-JSON: "global_lock": null
// NOHOLD-NOT: contention:
// NOHOLD-NOT: WARNING: global-lock
// NOHOLD: SUMMARY: 0 lock-order-inversion(s)
