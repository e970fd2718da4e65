// Summaries through methods, templates, lambdas called directly, RAII
// constructors and destructors, and recursion.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex a, b, c, d, e, f, g, h;

// Template instantiation: lock_both<0> takes a then b.
template <int N> void lock_both() {
  std::lock_guard<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b);
}
void use_template() { lock_both<0>(); }

// Lambda called directly: b, then a inside the lambda.
void use_lambda() {
  auto take_a = [] { std::lock_guard<std::mutex> la(a); };
  std::lock_guard<std::mutex> lb(b);
  take_a(); // b -> a: cycle with lock_both<0>
}

// A user RAII type whose constructor and destructor take locks.
struct Tracer {
  Tracer() { std::lock_guard<std::mutex> ld(d); }
  ~Tracer() { std::lock_guard<std::mutex> le(e); }
};
void raii() {
  std::lock_guard<std::mutex> lc(c);
  Tracer t; // c -> d (constructor), and c -> e at scope end: t dies first
}
void raii2() {
  std::lock_guard<std::mutex> ld(d);
  std::lock_guard<std::mutex> le(e);
  std::lock_guard<std::mutex> lc(c); // d -> e, d -> c, e -> c: three cycles
}

// Recursion: the summary of a recursive function reaches a fixed point.
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1);
  std::lock_guard<std::mutex> lg(g);
}
void ping(int n) {
  std::lock_guard<std::mutex> lf(f);
  pong(n); // f -> g, and f -> f through ping: a double lock
}
void holds_g() {
  std::lock_guard<std::mutex> lg(g);
  std::lock_guard<std::mutex> lf(f); // g -> f: cycle with ping
}

// CHECK: interprocedural.cpp:19:3: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a' [lockgraph-lock-order-inversion]
// CHECK-NEXT: interprocedural.cpp:10:31: note: 'a' acquired here
// CHECK-NEXT: interprocedural.cpp:11:31: note: 'b' acquired here while holding 'a'
// CHECK-NEXT: interprocedural.cpp:18:31: note: 'b' acquired here
// CHECK-NEXT: interprocedural.cpp:19:3: note: calls 'lambda in use_lambda' while holding 'b'
// CHECK-NEXT: interprocedural.cpp:17:50: note: 'a' acquired here while holding 'b'
// CHECK: interprocedural.cpp:34:31: warning: potential deadlock: lock-order cycle 'c' -> 'd' -> 'c' [lockgraph-lock-order-inversion]
// CHECK-NEXT: interprocedural.cpp:28:31: note: 'c' acquired here
// CHECK-NEXT: interprocedural.cpp:29:10: note: calls 'Tracer::Tracer' while holding 'c'
// CHECK-NEXT: interprocedural.cpp:24:42: note: 'd' acquired here while holding 'c'
// CHECK-NEXT: interprocedural.cpp:32:31: note: 'd' acquired here
// CHECK-NEXT: interprocedural.cpp:34:31: note: 'c' acquired here while holding 'd'
// CHECK: interprocedural.cpp:34:31: warning: potential deadlock: lock-order cycle 'c' -> 'e' -> 'c' [lockgraph-lock-order-inversion]
// CHECK-NEXT: interprocedural.cpp:28:31: note: 'c' acquired here
// CHECK-NEXT: interprocedural.cpp:30:1: note: calls 'Tracer::~Tracer' while holding 'c'
// CHECK-NEXT: interprocedural.cpp:25:43: note: 'e' acquired here while holding 'c'
// CHECK-NEXT: interprocedural.cpp:33:31: note: 'e' acquired here
// CHECK-NEXT: interprocedural.cpp:34:31: note: 'c' acquired here while holding 'e'
// CHECK: interprocedural.cpp:34:31: warning: potential deadlock: lock-order cycle 'c' -> 'd' -> 'e' -> 'c' [lockgraph-lock-order-inversion]
// CHECK-NEXT: interprocedural.cpp:28:31: note: 'c' acquired here
// CHECK-NEXT: interprocedural.cpp:29:10: note: calls 'Tracer::Tracer' while holding 'c'
// CHECK-NEXT: interprocedural.cpp:24:42: note: 'd' acquired here while holding 'c'
// CHECK-NEXT: interprocedural.cpp:32:31: note: 'd' acquired here
// CHECK-NEXT: interprocedural.cpp:33:31: note: 'e' acquired here while holding 'd'
// CHECK-NEXT: interprocedural.cpp:33:31: note: 'e' acquired here
// CHECK-NEXT: interprocedural.cpp:34:31: note: 'c' acquired here while holding 'e'
// CHECK: interprocedural.cpp:46:3: warning: 'f' acquired while already held; a non-recursive lock taken twice by one thread deadlocks [lockgraph-double-lock]
// CHECK-NEXT: interprocedural.cpp:45:31: note: 'f' acquired here
// CHECK-NEXT: interprocedural.cpp:46:3: note: calls 'pong' while holding 'f'
// CHECK-NEXT: interprocedural.cpp:41:5: note: calls 'ping'
// CHECK-NEXT: interprocedural.cpp:45:31: note: 'f' acquired here while holding 'f'
// CHECK: interprocedural.cpp:50:31: warning: potential deadlock: lock-order cycle 'f' -> 'g' -> 'f' [lockgraph-lock-order-inversion]
// CHECK-NEXT: interprocedural.cpp:45:31: note: 'f' acquired here
// CHECK-NEXT: interprocedural.cpp:46:3: note: calls 'pong' while holding 'f'
// CHECK-NEXT: interprocedural.cpp:42:31: note: 'g' acquired here while holding 'f'
// CHECK-NEXT: interprocedural.cpp:49:31: note: 'g' acquired here
// CHECK-NEXT: interprocedural.cpp:50:31: note: 'f' acquired here while holding 'g'
// CHECK: lockgraph: 6 findings (5 lock-order-inversion, 1 double-lock; 7 locks, 9 edges, 11 functions in 1 translation units)
