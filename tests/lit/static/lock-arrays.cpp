// Arrays of locks and striped tables (issue 11, item 5).
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>
#include <vector>

// The dining philosophers over an array: each takes its own fork, then its
// neighbour's. Two elements of one array under different indexes: an order
// between instances, as lockdep reports it.
std::mutex forks[5];
void philosopher(int i) {
  std::lock_guard<std::mutex> left(forks[i]);
  std::lock_guard<std::mutex> right(forks[(i + 1) % 5]);
}
// CHECK: lock-arrays.cpp:[[@LINE-2]]:31: warning: {{.*}}'forks[]'{{.*}} [lockgraph-instance-order]

// Silent: every element in index order, by a loop and by a range-for over a
// vector of mutexes: one ordered set, not a double lock of the iterator.
std::vector<std::mutex> g_shards(8);
void lock_all_shards() {
  for (std::mutex &m : g_shards)
    m.lock();
  for (std::mutex &m : g_shards)
    m.unlock();
}
std::mutex g_table[16];
void lock_table_in_order() {
  for (int i = 0; i < 16; ++i)
    g_table[i].lock();
  for (int i = 15; i >= 0; --i)
    g_table[i].unlock();
}

// Silent: the same unchanged index locks and unlocks one element, also
// through a striped table's lock(i)/unlock(i) methods.
class Striped {
public:
  void lock(unsigned h) { mu_[h % 4].lock(); }
  void unlock(unsigned h) { mu_[h % 4].unlock(); }
private:
  std::mutex mu_[4];
};
Striped g_striped;
int g_hits[4];
void hit(unsigned h) {
  g_striped.lock(h);
  ++g_hits[h % 4];
  g_striped.unlock(h);
}

// CHECK: lockgraph: 1 finding
