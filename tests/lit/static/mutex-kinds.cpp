// Every standard mutex type, exclusive and shared.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %lockgraph %s -- -std=c++17 -DREADERS_ONLY 2>&1 | FileCheck %s --check-prefix=READERS --implicit-check-not=warning:
// READERS: lockgraph: 0 findings
#include <chrono>
#include <mutex>
#include <shared_mutex>

std::timed_mutex tm;
std::recursive_mutex rm;
std::shared_mutex sm;
std::shared_timed_mutex stm;

#ifndef READERS_ONLY
// timed_mutex and recursive_mutex form a cycle like any other.
void t1() {
  std::lock_guard<std::timed_mutex> a(tm);
  std::lock_guard<std::recursive_mutex> b(rm);
}
void t2() {
  std::lock_guard<std::recursive_mutex> b(rm);
  std::lock_guard<std::timed_mutex> a(tm);
}

// Re-entering a recursive mutex is allowed.
void reenter() {
  std::lock_guard<std::recursive_mutex> b(rm);
  std::lock_guard<std::recursive_mutex> again(rm);
}

#endif

// Readers never block readers: a cycle of shared acquisitions is silent.
void r1() {
  std::shared_lock<std::shared_mutex> a(sm);
  std::shared_lock<std::shared_timed_mutex> b(stm);
}
void r2() {
  std::shared_lock<std::shared_timed_mutex> b(stm);
  std::shared_lock<std::shared_mutex> a(sm);
}

#ifndef READERS_ONLY
// ...but a writer on one side of it can deadlock with a reader.
void w1() {
  sm.lock();
  stm.lock_shared();
  stm.unlock_shared();
  sm.unlock();
}
void w2() {
  std::unique_lock<std::shared_timed_mutex> b(stm);
  std::shared_lock<std::shared_mutex> a(sm);
}

#endif

// A timed try cannot block forever: no edge into tm.
void timed() {
  std::lock_guard<std::shared_mutex> s(sm);
  if (tm.try_lock_for(std::chrono::milliseconds(5)))
    tm.unlock();
}

// CHECK: mutex-kinds.cpp:18:41: warning: potential deadlock: lock-order cycle 'rm' -> 'tm' -> 'rm' [lockgraph-lock-order-inversion]
// CHECK-NEXT: mutex-kinds.cpp:21:41: note: 'rm' acquired here
// CHECK-NEXT: mutex-kinds.cpp:22:37: note: 'tm' acquired here while holding 'rm'
// CHECK-NEXT: mutex-kinds.cpp:17:37: note: 'tm' acquired here
// CHECK-NEXT: mutex-kinds.cpp:18:41: note: 'rm' acquired here while holding 'tm'
// CHECK: mutex-kinds.cpp:53:39: warning: potential deadlock: lock-order cycle 'sm' -> 'stm' -> 'sm' [lockgraph-lock-order-inversion]
// CHECK-NEXT: mutex-kinds.cpp:46:3: note: 'sm' acquired here
// CHECK-NEXT: mutex-kinds.cpp:47:3: note: 'stm' acquired here while holding 'sm'
// CHECK-NEXT: mutex-kinds.cpp:52:45: note: 'stm' acquired here
// CHECK-NEXT: mutex-kinds.cpp:53:39: note: 'sm' acquired here while holding 'stm'
// CHECK: lockgraph: 2 findings (2 lock-order-inversion; 4 locks, 4 edges, 8 functions in 1 translation units)
