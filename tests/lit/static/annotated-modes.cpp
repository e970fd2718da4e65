// Shared and try acquisitions through annotations, in both spellings:
// acquire_shared_capability / shared_lock_function give shared edges, and
// try_acquire_capability / exclusive_trylock_function give no edge into
// their lock.
// RUN: %lockgraph --format=json %s -- -std=c++17 2>/dev/null | FileCheck %s
#define CAPABILITY(x) __attribute__((capability(x)))
#define LOCKABLE __attribute__((lockable))

class CAPABILITY("mutex") RWMutex {
public:
  void Lock() __attribute__((acquire_capability()));
  void ReaderLock() __attribute__((acquire_shared_capability()));
  bool TryLock() __attribute__((try_acquire_capability(true)));
  void Unlock() __attribute__((release_capability()));
};

class LOCKABLE OldRWMutex {
public:
  void ReaderLock() __attribute__((shared_lock_function()));
  bool TryLock() __attribute__((exclusive_trylock_function(true)));
  void Unlock() __attribute__((unlock_function()));
};

RWMutex table;
OldRWMutex index_mu;

void read_both() {
  table.ReaderLock();
  index_mu.ReaderLock(); // table -> index_mu, both shared
  index_mu.Unlock();
  table.Unlock();
}

void try_both() {
  index_mu.ReaderLock();
  if (table.TryLock()) // no index_mu -> table edge
    table.Unlock();
  if (index_mu.TryLock()) {
    table.Lock(); // index_mu (held shared) -> table (exclusive)
    table.Unlock();
    index_mu.Unlock();
  }
  index_mu.Unlock();
}

// CHECK:      "locks": [
// CHECK:          "name": "table",
// CHECK-NEXT:     "kind": "global",
// CHECK-NEXT:     "type": "RWMutex",
// CHECK:          "name": "index_mu",
// CHECK-NEXT:     "kind": "global",
// CHECK-NEXT:     "type": "OldRWMutex",
// CHECK:      "edges": [
// CHECK:          "from": 1,
// CHECK-NEXT:     "to": 0,
// CHECK:              "line": 39,
// CHECK:            "held_mode": "shared",
// CHECK-NEXT:       "mode": "exclusive",
// CHECK:          "from": 0,
// CHECK-NEXT:     "to": 1,
// CHECK:            "held_mode": "shared",
// CHECK-NEXT:       "mode": "shared",
// The cycle cannot block: the thread holding table shared asks for
// index_mu shared, which the other thread holds shared too.
// CHECK:      "findings": []
