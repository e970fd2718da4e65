// A condition-variable wait releases and re-takes its mutex: waiting with M
// held is no order edge M -> M, the waits are counted (with timeouts) on M,
// and an order edge formed after the wait (M -> B) is still seen. Per
// (condvar, mutex) pair: who waited, who signalled (the producer only: no
// thread both waits and signals, so no lock-built-on-a-condvar verdict), and
// the waiting site with its stack.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex M, B;
std::condition_variable CV, Never; // Never is never notified
int Ready = 0;
bool Waiting = false;

int main() {
  std::thread consumer([] {
    std::unique_lock<std::mutex> l(M);
    // One wait that times out (steady clock: pthread_cond_clockwait).
    Never.wait_for(l, std::chrono::milliseconds(20));
    // Then plain waits until the producer is done.
    Waiting = true;
    CV.wait(l, [] { return Ready >= 5; });
    std::lock_guard<std::mutex> b(B); // M -> B after the wait
  });
  for (;;) { // start once the consumer waits (it released M to do so)
    std::lock_guard<std::mutex> l(M);
    if (Waiting)
      break;
  }
  for (int I = 0; I < 5; ++I) {
    {
      std::lock_guard<std::mutex> l(M);
      ++Ready;
    }
    CV.notify_one();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  consumer.join();
  // B -> M: closes the cycle with the edge formed after the wait.
  std::lock_guard<std::mutex> b(B);
  std::lock_guard<std::mutex> m(M);
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: contention: top 1 of 1 contended locks
// CHECK: condition variables: top 2 of 2 by total wait
// CHECK-NOT: WARNING: global-lock
// CHECK: SUMMARY: 1 lock-order-inversion(s)
// JSON: "contention": [
// JSON-NEXT: {"lock": {{[0-9]}}, "acquisitions": {{[0-9]+}}, {{.*}} "cond_waits": {{[2-9]|[1-9][0-9]}}, "cond_wait_ns_total": {{[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]+}}, "cond_timeouts": 1}
// JSON: "cond_waits": [
// JSON-DAG: {"cond": "0x{{[0-9a-f]+}}", "lock": {{[0-9]}}, "waits": 1, "wait_ns_total": {{[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]+}}, "wait_ns_max": {{[1-9][0-9]*}}, "timeouts": 1, "threads": 1, "busy_ns": {{[1-9][0-9]*}}, "signals": 0, "signal_threads": 0, "handoff_threads": 0, "sites": [{"waits": 1, "wait_ns_total": {{[1-9][0-9]*}}, "timeouts": 1, "stack": [{"module": "{{.*}}condvar.cpp.tmp", "offset": "0x{{[0-9a-f]+}}"
// JSON-DAG: {"cond": "0x{{[0-9a-f]+}}", "lock": {{[0-9]}}, "waits": {{[1-9][0-9]*}}, "wait_ns_total": {{[0-9]+}}, "wait_ns_max": {{[0-9]+}}, "timeouts": 0, "threads": 1, "busy_ns": {{[0-9]+}}, "signals": {{[5-9]}}, "signal_threads": 1, "handoff_threads": 0, "sites": [{"waits": {{[1-9][0-9]*}}, "wait_ns_total": {{[0-9]+}}, "timeouts": 0, "stack": [{"module": "{{.*}}condvar.cpp.tmp", "offset": "0x{{[0-9a-f]+}}"
