// The older attribute spelling LevelDB and Chromium use: lockable,
// exclusive_lock_function, unlock_function, exclusive_trylock_function,
// scoped_lockable, with the guard's constructor naming its argument.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

#define LOCKABLE __attribute__((lockable))
#define SCOPED_LOCKABLE __attribute__((scoped_lockable))
#define EXCLUSIVE_LOCK_FUNCTION(...) __attribute__((exclusive_lock_function(__VA_ARGS__)))
#define UNLOCK_FUNCTION(...) __attribute__((unlock_function(__VA_ARGS__)))
#define EXCLUSIVE_TRYLOCK_FUNCTION(...) __attribute__((exclusive_trylock_function(__VA_ARGS__)))

namespace port {
class LOCKABLE Mutex {
public:
  void Lock() EXCLUSIVE_LOCK_FUNCTION() { pthread_mutex_lock(&mu_); }
  void Unlock() UNLOCK_FUNCTION() { pthread_mutex_unlock(&mu_); }
  bool TryLock() EXCLUSIVE_TRYLOCK_FUNCTION(true) { return pthread_mutex_trylock(&mu_) == 0; }

private:
  pthread_mutex_t mu_;
};
} // namespace port

class SCOPED_LOCKABLE MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() UNLOCK_FUNCTION() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};

class DB {
public:
  void Write();
  void Compact();

private:
  port::Mutex mutex_;
  port::Mutex versions_mu_;
};

void DB::Write() {
  MutexLock l(&mutex_);
  MutexLock v(&versions_mu_);
}

void DB::Compact() {
  MutexLock v(&versions_mu_);
  mutex_.Lock();
  mutex_.Unlock();
}

// CHECK: annotated-leveldb-style.cpp:51:3: warning: potential deadlock: lock-order cycle 'DB::mutex_' -> 'DB::versions_mu_' -> 'DB::mutex_' [lockgraph-lock-order-inversion]
// CHECK-NEXT: annotated-leveldb-style.cpp:45:13: note: 'DB::mutex_' acquired here
// CHECK-NEXT: annotated-leveldb-style.cpp:46:13: note: 'DB::versions_mu_' acquired here while holding 'DB::mutex_'
// CHECK-NEXT: annotated-leveldb-style.cpp:50:13: note: 'DB::versions_mu_' acquired here
// CHECK-NEXT: annotated-leveldb-style.cpp:51:3: note: 'DB::mutex_' acquired here while holding 'DB::versions_mu_'
// CHECK: lockgraph: 1 finding (1 lock-order-inversion; 2 locks, 2 edges, 2 functions in 1 translation units)
