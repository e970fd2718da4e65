// A lock annotated for ThreadSanitizer, not for lockgraph: its __tsan_mutex_*
// calls reach the shim through one macro and a forced include, with no TSan
// runtime in the build. The flag names come from the compiler's
// <sanitizer/tsan_interface.h> where it has one, else from lockgraph's header.
// RUN: %clangxx -O1 -g -pthread -rdynamic -I%lockgraph_include -DLOCKGRAPH_FORWARD_TSAN_ANNOTATIONS -include lockgraph/annotations.h %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// Without the shim it runs unchanged:
// RUN: %t 2>&1 | count 0
#include <atomic>
#include <sched.h>
#include <thread>

// A test-and-set spin lock, annotated the way a TSan-aware library does it.
class SpinLock {
public:
  SpinLock() { __tsan_mutex_create(this, __tsan_mutex_not_static); }
  ~SpinLock() { __tsan_mutex_destroy(this, __tsan_mutex_not_static); }
  void lock() {
    __tsan_mutex_pre_lock(this, 0);
    while (Taken.exchange(true, std::memory_order_acquire)) {
      __tsan_mutex_pre_divert(this, 0);
      sched_yield();
      __tsan_mutex_post_divert(this, 0);
    }
    __tsan_mutex_post_lock(this, 0, 0);
  }
  bool try_lock() {
    __tsan_mutex_pre_lock(this, __tsan_mutex_try_lock);
    bool Ok = !Taken.exchange(true, std::memory_order_acquire);
    __tsan_mutex_post_lock(this, __tsan_mutex_try_lock | (Ok ? 0 : __tsan_mutex_try_lock_failed), 0);
    return Ok;
  }
  void unlock() {
    __tsan_mutex_pre_unlock(this, 0);
    Taken.store(false, std::memory_order_release);
    __tsan_mutex_post_unlock(this, 0);
  }

private:
  std::atomic<bool> Taken{false};
};

static SpinLock Queue, Stats;

extern "C" __attribute__((noinline)) void enqueue() {
  Queue.lock();
  Stats.lock();
  Stats.unlock();
  Queue.unlock();
}

extern "C" __attribute__((noinline)) void report_stats() {
  Stats.lock();
  if (Queue.try_lock()) // a try: no order edge
    Queue.unlock();
  Queue.lock();
  Queue.unlock();
  Stats.unlock();
}

int main() {
  std::thread(enqueue).join();
  std::thread(report_stats).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// CHECK: M0 = annotated@0x{{[0-9a-f]+}} (gen 1), first acquired at enqueue
// CHECK-NEXT: M1 = annotated@0x{{[0-9a-f]+}} (gen 1), first acquired at enqueue
// CHECK: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 2 edges
// JSON: "type": "annotated"
// JSON: "check": "lock-order-inversion"
