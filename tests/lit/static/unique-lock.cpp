// std::unique_lock in all its forms. Each function pair below forms one
// cycle or none, as its comment says.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex a, b, c, d, e, f, g, h, i, j, k, l;

// defer_lock, then lock(): the edge starts at lock().
void defer1() {
  std::unique_lock<std::mutex> la(a, std::defer_lock);
  std::lock_guard<std::mutex> lb(b); // a is not held yet: no edge
  la.lock();                         // b -> a
}
void defer2() {
  std::unique_lock<std::mutex> la(a);
  std::lock_guard<std::mutex> lb(b); // a -> b: cycle with defer1
}

// unlock() mid-scope ends the hold; lock() again starts a new one.
void relock1() {
  std::unique_lock<std::mutex> lc(c);
  lc.unlock();
  std::lock_guard<std::mutex> ld(d); // silent: c was released
  lc.lock();                         // d -> c
}
void relock2() {
  std::lock_guard<std::mutex> lc(c);
  std::lock_guard<std::mutex> ld(d); // c -> d: cycle with relock1
}

// try_to_lock adds no edge into e; once owned, e is held like any lock.
void try1() {
  std::lock_guard<std::mutex> lf(f);
  std::unique_lock<std::mutex> le(e, std::try_to_lock); // no f -> e
  if (!le.owns_lock())
    return;
  std::lock_guard<std::mutex> lg(g); // e -> g (and f -> g)
}
void try2() {
  std::lock_guard<std::mutex> lg(g);
  std::lock_guard<std::mutex> le(e); // g -> e: cycle with try1
}

// adopt_lock takes over a lock already held; release() keeps it held.
void adopt() {
  h.lock();
  std::unique_lock<std::mutex> lh(h, std::adopt_lock);
  lh.release(); // still held, now by nobody's scope
  std::lock_guard<std::mutex> li(i); // h -> i
  h.unlock();
}
void adopt2() {
  std::lock_guard<std::mutex> li(i);
  std::lock_guard<std::mutex> lh(h); // i -> h: cycle with adopt
}

// A lock moved out of a function stays held by the caller's guard.
std::unique_lock<std::mutex> take_j() {
  std::unique_lock<std::mutex> lj(j);
  return lj;
}
void moved() {
  auto lj = take_j();
  std::unique_lock<std::mutex> other(std::move(lj));
  { std::lock_guard<std::mutex> lk(k); } // j -> k, held through `other`
  other.unlock();
  std::lock_guard<std::mutex> ll(l); // silent: j was released
}
void moved2() {
  std::lock_guard<std::mutex> lk(k);
  std::lock_guard<std::mutex> lj(j); // k -> j: cycle with moved
}
void moved3() {
  std::lock_guard<std::mutex> ll(l);
  std::lock_guard<std::mutex> lj(j); // l -> j: no cycle, as moved has no j -> l
}

// CHECK: unique-lock.cpp:12:3: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a' [lockgraph-lock-order-inversion]
// CHECK-NEXT: unique-lock.cpp:15:32: note: 'a' acquired here
// CHECK-NEXT: unique-lock.cpp:16:31: note: 'b' acquired here while holding 'a'
// CHECK-NEXT: unique-lock.cpp:11:31: note: 'b' acquired here
// CHECK-NEXT: unique-lock.cpp:12:3: note: 'a' acquired here while holding 'b'
// CHECK: unique-lock.cpp:24:3: warning: potential deadlock: lock-order cycle 'c' -> 'd' -> 'c' [lockgraph-lock-order-inversion]
// CHECK-NEXT: unique-lock.cpp:27:31: note: 'c' acquired here
// CHECK-NEXT: unique-lock.cpp:28:31: note: 'd' acquired here while holding 'c'
// CHECK-NEXT: unique-lock.cpp:23:31: note: 'd' acquired here
// CHECK-NEXT: unique-lock.cpp:24:3: note: 'c' acquired here while holding 'd'
// CHECK: unique-lock.cpp:41:31: warning: potential deadlock: lock-order cycle 'e' -> 'g' -> 'e' [lockgraph-lock-order-inversion]
// CHECK-NEXT: unique-lock.cpp:34:32: note: 'e' acquired here
// CHECK-NEXT: unique-lock.cpp:37:31: note: 'g' acquired here while holding 'e'
// CHECK-NEXT: unique-lock.cpp:40:31: note: 'g' acquired here
// CHECK-NEXT: unique-lock.cpp:41:31: note: 'e' acquired here while holding 'g'
// CHECK: unique-lock.cpp:54:31: warning: potential deadlock: lock-order cycle 'h' -> 'i' -> 'h' [lockgraph-lock-order-inversion]
// CHECK-NEXT: unique-lock.cpp:46:3: note: 'h' acquired here
// CHECK-NEXT: unique-lock.cpp:49:31: note: 'i' acquired here while holding 'h'
// CHECK-NEXT: unique-lock.cpp:53:31: note: 'i' acquired here
// CHECK-NEXT: unique-lock.cpp:54:31: note: 'h' acquired here while holding 'i'
// CHECK: unique-lock.cpp:71:31: warning: potential deadlock: lock-order cycle 'j' -> 'k' -> 'j' [lockgraph-lock-order-inversion]
// CHECK-NEXT: unique-lock.cpp:63:13: note: 'j' acquired here
// CHECK-NEXT: unique-lock.cpp:65:33: note: 'k' acquired here while holding 'j'
// CHECK-NEXT: unique-lock.cpp:70:31: note: 'k' acquired here
// CHECK-NEXT: unique-lock.cpp:71:31: note: 'j' acquired here while holding 'k'
// CHECK: lockgraph: 5 findings (5 lock-order-inversion; 12 locks, 12 edges, 12 functions in 1 translation units)
