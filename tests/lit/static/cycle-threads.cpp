// A cycle needs two threads at once: findings say which thread starts reach
// the cycle's edges, and a cycle only one thread (started once) runs ranks low.
// RUN: %expect_exit 1 %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: %expect_exit 1 %lockgraph %s -- -std=c++17 -DTWO 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: %expect_exit 1 %lockgraph %s --format=json -- -std=c++17 2>/dev/null | FileCheck %s --check-prefix=JSON
#include <mutex>
#include <thread>

std::mutex a, b;
void forward() {
  std::lock_guard<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b);
}
void backward() {
  std::lock_guard<std::mutex> lb(b);
  std::lock_guard<std::mutex> la(a);
}
void both() {
  forward();
  backward();
}

int main() {
#ifdef TWO
  std::thread t1(forward), t2(backward);
  t1.join();
  t2.join();
#else
  std::thread t(both); // one thread runs both halves, one after the other
  t.join();
#endif
}

// ONE: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a'; only thread 'both' (line 29), started once, reaches its edges [lockgraph-lock-order-inversion]
// TWO: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a'; its edges run on threads 'forward' (line 25), 'backward' (line 25) [lockgraph-lock-order-inversion]
// JSON: "tags": [
// JSON-NEXT: "single-thread"
