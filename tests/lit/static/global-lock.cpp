// One global lock that the code of every worker thread takes: the GIL
// pattern. Threads queue on it and the work under it runs one at a time.
// RUN: not %lockgraph %s --checks=-*,lockgraph-global-lock -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %lockgraph %s --checks=-*,lockgraph-global-lock -- -std=c++17 -DONE_THREAD 2>&1 | FileCheck %s --check-prefix=ONE --implicit-check-not=warning:
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

namespace interp {
std::mutex g_interpreter_mu;
std::mutex g_log_mu;

long compute(long x) { return x * x; }

void run_bytecode(long n) {
  std::lock_guard<std::mutex> gil(g_interpreter_mu);
  for (long i = 0; i < n; ++i)
    compute(i);
  compute(n);
}

void worker(int id) { run_bytecode(1000 + id); }

void logger() { std::lock_guard<std::mutex> g(g_log_mu); }
} // namespace interp

int main() {
#ifndef ONE_THREAD
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back(interp::worker, i); // many threads, one global lock
  for (auto &t : pool)
    t.join();
#endif
  std::thread log(interp::logger); // one thread: not a global-lock hot spot
  log.join();
}

// CHECK: global-lock.cpp:17:31: warning: global lock 'interp::g_interpreter_mu' is taken by the code of many threads (entry points 'interp::worker'); they queue on it and run what it guards one at a time [lockgraph-global-lock]
// CHECK-NEXT: global-lock.cpp:32:5: note: thread started here with entry 'interp::worker', in a loop
// CHECK-NEXT: global-lock.cpp:23:23: note: calls 'interp::run_bytecode'
// CHECK-NEXT: global-lock.cpp:17:31: note: 'interp::g_interpreter_mu' acquired here
// CHECK-NEXT: global-lock.cpp:17:31: note: 'interp::run_bytecode' makes 2 calls while holding 'interp::g_interpreter_mu' from here: the longest critical section seen
// CHECK: lockgraph: 1 finding
// ONE: lockgraph: 0 findings
