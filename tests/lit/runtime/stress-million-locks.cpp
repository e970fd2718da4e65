// Scale: 1,000,000 distinct mutexes (heap-allocated, each locked while
// holding a global one, so each also adds an order edge) and 256 threads
// alive at once. The shim must neither crash nor hang nor run out of room,
// and still find the one real cycle planted at the end.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::mutex Global, A, B;

int main() {
  {
    // All alive at once, so no address is reused.
    std::vector<std::vector<std::mutex>> All(4);
    for (auto &Ms : All)
      Ms = std::vector<std::mutex>(250000);
    std::vector<std::thread> Ts;
    for (int T = 0; T < 4; ++T)
      Ts.emplace_back([&All, T] {
        for (auto &M : All[T]) {
          std::lock_guard<std::mutex> g(Global);
          std::lock_guard<std::mutex> m(M);
        }
      });
    for (auto &T : Ts)
      T.join();
  }
  {
    std::mutex Shared;
    std::vector<std::thread> Ts;
    for (int T = 0; T < 256; ++T)
      Ts.emplace_back([&] {
        for (int I = 0; I < 100; ++I) {
          std::lock_guard<std::mutex> g(Shared);
        }
      });
    for (auto &T : Ts)
      T.join();
  }
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  fprintf(stderr, "done\n");
  return 0;
}

// CHECK: done
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s), {{.*}}; {{100000[4-9]|10000[1-9][0-9]|1000[1-9][0-9][0-9]}} locks, 1000002 edges, {{26[0-9]}} threads
// JSON: "edges_truncated": true
