// Held sets follow the CFG: a lock released on one branch only may still be
// held after it; one released on every path is not.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex a, b, c, d, e, f, g, h;
bool cond();

// Released on one branch only: a may be held at b.
void one_branch() {
  a.lock();
  if (cond())
    a.unlock();
  b.lock(); // a -> b
  b.unlock();
}
void one_branch2() {
  std::lock_guard<std::mutex> lb(b);
  std::lock_guard<std::mutex> la(a); // b -> a: cycle
}

// Released on both branches and by an early return: never held at d.
void all_paths(int n) {
  c.lock();
  if (n == 0) {
    c.unlock();
    return;
  }
  if (n > 5)
    c.unlock();
  else
    c.unlock();
  std::lock_guard<std::mutex> ld(d); // silent
}
void all_paths2() {
  std::lock_guard<std::mutex> ld(d);
  std::lock_guard<std::mutex> lc(c); // d -> c: no cycle
}

// Guards end at break and continue; the loop back edge carries no lock.
void loops(int n) {
  for (int i = 0; i < n; ++i) {
    std::lock_guard<std::mutex> le(e);
    if (i == 3)
      continue;
    if (i == 7)
      break;
  }
  std::lock_guard<std::mutex> lf(f); // silent: e is released on every path
  while (cond()) {
    std::lock_guard<std::mutex> le(e); // f -> e
  }
}
void loops2() {
  std::lock_guard<std::mutex> le(e);
  std::lock_guard<std::mutex> lf(f); // e -> f: cycle with loops
}

// A try-lock is held only where it succeeded.
void try_branch() {
  if (g.try_lock()) {
    std::lock_guard<std::mutex> lh(h); // g -> h
    g.unlock();
  }
  std::lock_guard<std::mutex> la(a); // silent: g is not held here
}
void try_branch2() {
  if (!g.try_lock())
    return;
  std::lock_guard<std::mutex> lh(h); // g -> h again, same edge
  g.unlock();
}
void try_branch3() {
  std::lock_guard<std::mutex> lh(h);
  std::lock_guard<std::mutex> lg(g); // h -> g: cycle
}

// Exceptions: a guard is released when the try block throws.
void may_throw();
void with_exception() {
  try {
    std::lock_guard<std::mutex> lc(c);
    may_throw();
  } catch (...) {
  }
  std::lock_guard<std::mutex> la(a); // silent: c released by the unwind
}

// CHECK: control-flow.cpp:16:1: warning: 'a' is still held on some path when 'one_branch' returns; release it on every path, or declare the function ACQUIRE(a) if its callers expect it held [lockgraph-lock-leak]
// CHECK-NEXT: control-flow.cpp:11:3: note: 'a' acquired here
// CHECK: control-flow.cpp:19:31: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a' [lockgraph-lock-order-inversion]
// CHECK-NEXT: control-flow.cpp:11:3: note: 'a' acquired here
// CHECK-NEXT: control-flow.cpp:14:3: note: 'b' acquired here while holding 'a'
// CHECK-NEXT: control-flow.cpp:18:31: note: 'b' acquired here
// CHECK-NEXT: control-flow.cpp:19:31: note: 'a' acquired here while holding 'b'
// CHECK: control-flow.cpp:51:33: warning: potential deadlock: lock-order cycle 'e' -> 'f' -> 'e' [lockgraph-lock-order-inversion]
// CHECK-NEXT: control-flow.cpp:55:31: note: 'e' acquired here
// CHECK-NEXT: control-flow.cpp:56:31: note: 'f' acquired here while holding 'e'
// CHECK-NEXT: control-flow.cpp:49:31: note: 'f' acquired here
// CHECK-NEXT: control-flow.cpp:51:33: note: 'e' acquired here while holding 'f'
// CHECK: control-flow.cpp:75:31: warning: potential deadlock: lock-order cycle 'g' -> 'h' -> 'g' [lockgraph-lock-order-inversion]
// CHECK-NEXT: control-flow.cpp:68:8: note: 'g' acquired here
// CHECK-NEXT: control-flow.cpp:70:31: note: 'h' acquired here while holding 'g'
// CHECK-NEXT: control-flow.cpp:74:31: note: 'h' acquired here
// CHECK-NEXT: control-flow.cpp:75:31: note: 'g' acquired here while holding 'h'
// CHECK: lockgraph: 4 findings (3 lock-order-inversion, 1 lock-leak; 8 locks, 7 edges, 10 functions in 1 translation units)
