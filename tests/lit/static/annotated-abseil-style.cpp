// A project's own Mutex/MutexLock in the modern attribute spelling
// (capability, acquire_capability, release_capability, try_acquire_capability,
// scoped_lockable), as abseil writes them: no configuration needed.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define ACQUIRE_SHARED(...) __attribute__((acquire_shared_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE();
  void ReaderLock() ACQUIRE_SHARED();
  void Unlock() RELEASE();
  bool TryLock() TRY_ACQUIRE(true);
};

class SCOPED_CAPABILITY MutexLock {
public:
  explicit MutexLock(Mutex *mu) ACQUIRE(mu);
  ~MutexLock() RELEASE();
};

Mutex registry_mu;
Mutex stats_mu;

void count() { MutexLock l(&stats_mu); }

void add_entry() {
  MutexLock l(&registry_mu);
  count(); // registry_mu -> stats_mu
}

void dump() {
  stats_mu.Lock();
  registry_mu.Lock(); // stats_mu -> registry_mu
  registry_mu.Unlock();
  stats_mu.Unlock();
}

// A try-lock cannot block, so it adds no edge into registry_mu.
void probe() {
  MutexLock l(&stats_mu);
  if (registry_mu.TryLock())
    registry_mu.Unlock();
}

// CHECK: annotated-abseil-style.cpp:38:3: warning: potential deadlock: lock-order cycle 'registry_mu' -> 'stats_mu' -> 'registry_mu' [lockgraph-lock-order-inversion]
// CHECK-NEXT: annotated-abseil-style.cpp:32:13: note: 'registry_mu' acquired here
// CHECK-NEXT: annotated-abseil-style.cpp:33:3: note: calls 'count' while holding 'registry_mu'
// CHECK-NEXT: annotated-abseil-style.cpp:29:26: note: 'stats_mu' acquired here while holding 'registry_mu'
// CHECK-NEXT: annotated-abseil-style.cpp:37:3: note: 'stats_mu' acquired here
// CHECK-NEXT: annotated-abseil-style.cpp:38:3: note: 'registry_mu' acquired here while holding 'stats_mu'
// CHECK: lockgraph: 1 finding (1 lock-order-inversion; 2 locks, 2 edges, 5 functions in 1 translation units)
