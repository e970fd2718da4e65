// Five locks in a ring, passed by reference to one function: each edge is
// named by the call that passes the locks.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex fork0, fork1, fork2, fork3, fork4;

static void eat(std::mutex &left, std::mutex &right) {
  std::lock_guard<std::mutex> l(left);
  std::lock_guard<std::mutex> r(right);
}

void philosopher0() { eat(fork0, fork1); }
void philosopher1() { eat(fork1, fork2); }
void philosopher2() { eat(fork2, fork3); }
void philosopher3() { eat(fork3, fork4); }
void philosopher4() { eat(fork4, fork0); }

// CHECK: dining-philosophers.cpp:17:23: warning: potential deadlock: lock-order cycle 'fork0' -> 'fork1' -> 'fork2' -> 'fork3' -> 'fork4' -> 'fork0' [lockgraph-lock-order-inversion]
// CHECK-NEXT: dining-philosophers.cpp:13:23: note: in the call to 'eat' here
// CHECK-NEXT: dining-philosophers.cpp:9:31: note: 'fork0' acquired here
// CHECK-NEXT: dining-philosophers.cpp:10:31: note: 'fork1' acquired here while holding 'fork0'
// CHECK-NEXT: dining-philosophers.cpp:14:23: note: in the call to 'eat' here
// CHECK-NEXT: dining-philosophers.cpp:9:31: note: 'fork1' acquired here
// CHECK-NEXT: dining-philosophers.cpp:10:31: note: 'fork2' acquired here while holding 'fork1'
// CHECK-NEXT: dining-philosophers.cpp:15:23: note: in the call to 'eat' here
// CHECK-NEXT: dining-philosophers.cpp:9:31: note: 'fork2' acquired here
// CHECK-NEXT: dining-philosophers.cpp:10:31: note: 'fork3' acquired here while holding 'fork2'
// CHECK-NEXT: dining-philosophers.cpp:16:23: note: in the call to 'eat' here
// CHECK-NEXT: dining-philosophers.cpp:9:31: note: 'fork3' acquired here
// CHECK-NEXT: dining-philosophers.cpp:10:31: note: 'fork4' acquired here while holding 'fork3'
// CHECK-NEXT: dining-philosophers.cpp:17:23: note: in the call to 'eat' here
// CHECK-NEXT: dining-philosophers.cpp:9:31: note: 'fork4' acquired here
// CHECK-NEXT: dining-philosophers.cpp:10:31: note: 'fork0' acquired here while holding 'fork4'
// CHECK: lockgraph: 1 finding (5 locks, 5 edges, 6 functions in 1 translation units)
