// The second lock of each edge is taken two calls down; the notes show the
// whole chain, and the cycle is found through both.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex queue_mu, log_mu;

void write_log() { std::lock_guard<std::mutex> l(log_mu); }
void log_event() { write_log(); }

void push() {
  std::lock_guard<std::mutex> q(queue_mu);
  log_event();
}

void drain_queue() { std::lock_guard<std::mutex> q(queue_mu); }
void flush() {
  std::lock_guard<std::mutex> l(log_mu);
  drain_queue();
}

// CHECK: abba-through-calls.cpp:13:3: warning: potential deadlock: lock-order cycle 'log_mu' -> 'queue_mu' -> 'log_mu' [lockgraph-lock-order-inversion]
// CHECK-NEXT: abba-through-calls.cpp:18:31: note: 'log_mu' acquired here
// CHECK-NEXT: abba-through-calls.cpp:19:3: note: calls 'drain_queue' while holding 'log_mu'
// CHECK-NEXT: abba-through-calls.cpp:16:50: note: 'queue_mu' acquired here while holding 'log_mu'
// CHECK-NEXT: abba-through-calls.cpp:12:31: note: 'queue_mu' acquired here
// CHECK-NEXT: abba-through-calls.cpp:13:3: note: calls 'log_event' while holding 'queue_mu'
// CHECK-NEXT: abba-through-calls.cpp:9:20: note: calls 'write_log'
// CHECK-NEXT: abba-through-calls.cpp:8:48: note: 'log_mu' acquired here while holding 'queue_mu'
// CHECK: lockgraph: 1 finding (1 lock-order-inversion; 2 locks, 2 edges, 5 functions in 1 translation units)
