// A project's own Mutex class over pthread, its MutexLock holder and a
// reader/writer pair (issue 11, items 2 and 3), with no annotations: the
// holders' scopes are the critical sections, and each lock is named by
// what the caller passed (Queue::mu_), never by the wrapper's private
// field (port::Mutex::m_, which would make every lock one).
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=m_
#include <cstdlib>
#include <pthread.h>

namespace port {
// glog's shape: the lock is taken only when `is_safe_`, and a failure aborts.
class Mutex {
public:
  Mutex() { pthread_mutex_init(&m_, nullptr); }
  void Lock() { if (is_safe_ && pthread_mutex_lock(&m_) != 0) abort(); }
  void Unlock() { if (is_safe_ && pthread_mutex_unlock(&m_) != 0) abort(); }
private:
  pthread_mutex_t m_;
  bool is_safe_ = true;
};
class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }
private:
  Mutex *const mu_;
};
class RWLock {
public:
  void ReadLock() { pthread_rwlock_rdlock(&rw_); }
  void WriteLock() { pthread_rwlock_wrlock(&rw_); }
  void Unlock() { pthread_rwlock_unlock(&rw_); }
private:
  pthread_rwlock_t rw_;
};
class ReaderMutexLock {
public:
  explicit ReaderMutexLock(RWLock *mu) : mu_(mu) { mu_->ReadLock(); }
  ~ReaderMutexLock() { mu_->Unlock(); }
private:
  RWLock *const mu_;
};
class WriterMutexLock {
public:
  explicit WriterMutexLock(RWLock *mu) : mu_(mu) { mu_->WriteLock(); }
  ~WriterMutexLock() { mu_->Unlock(); }
private:
  RWLock *const mu_;
};
} // namespace port

class Stats {
public:
  void add();
  port::Mutex mu_;
  int n_ = 0;
};
class Queue {
public:
  void push(Stats &s) {
    port::MutexLock l(&mu_);
    s.add();
  }
  void drain();
  port::Mutex mu_;
  port::RWLock table_;
};
Stats g_stats;
Queue g_queue;

void Stats::add() {
  port::MutexLock l(&mu_);
  ++n_;
}
// Through the Mutex methods by hand: the other order.
void Queue::drain() {
  g_stats.mu_.Lock();
  mu_.Lock();
  mu_.Unlock();
  g_stats.mu_.Unlock();
}
// CHECK: inferred-holders.cpp:[[@LINE-4]]:3: warning: potential deadlock: lock-order cycle 'Queue::mu_' -> 'Stats::mu_' -> 'Queue::mu_' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-22]]:21: note: 'Queue::mu_' acquired here
// CHECK-NEXT: :[[@LINE-22]]:5: note: calls 'Stats::add' while holding 'Queue::mu_'
// CHECK-NEXT: :[[@LINE-13]]:19: note: 'Stats::mu_' acquired here while holding 'Queue::mu_'
// CHECK-NEXT: :[[@LINE-9]]:3: note: 'Stats::mu_' acquired here
// CHECK-NEXT: :[[@LINE-9]]:3: note: 'Queue::mu_' acquired here while holding 'Stats::mu_'

// Silent: the holder's scope ends before the next lock.
void sequential() {
  { port::MutexLock l(&g_queue.mu_); }
  port::MutexLock s(&g_stats.mu_);
}

// A reader holding the table waits for Queue::mu_, which a writer holds
// while it waits for the readers to leave: the shared mode is kept, and a
// shared acquisition still waits for an exclusive holder.
void readers() {
  port::ReaderMutexLock r(&g_queue.table_);
  port::MutexLock l(&g_queue.mu_);
}
void writers() {
  port::MutexLock l(&g_queue.mu_);
  port::WriterMutexLock w(&g_queue.table_);
}
// CHECK: inferred-holders.cpp:[[@LINE-6]]:19: warning: potential deadlock: lock-order cycle 'Queue::mu_' -> 'Queue::table_' -> 'Queue::mu_'

// Silent: two readers nest in either order.
void two_readers_a() {
  port::ReaderMutexLock r(&g_queue.table_);
  port::ReaderMutexLock s(&g_queue.table_);
}

// CHECK: lockgraph: 2 findings
