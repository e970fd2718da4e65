// A lock the lockgraph shim cannot see by itself: a futex-based mutex (Ulrich
// Drepper's three-state design, "Futexes Are Tricky", mutex #2) that never
// calls pthread_*. Annotated through lockgraph/annotations.h, it takes part
// in the lock order like any pthread mutex; without the shim the annotations
// cost a load and a branch each.
#ifndef SAMPLES_FUTEX_LOCK_H
#define SAMPLES_FUTEX_LOCK_H

#include <lockgraph/annotations.h>

#include <atomic>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

class FutexLock {
public:
  FutexLock() { lockgraph_mutex_create(this, 0); }
  ~FutexLock() { lockgraph_mutex_destroy(this, 0); }
  FutexLock(const FutexLock &) = delete;
  FutexLock &operator=(const FutexLock &) = delete;

  void lock() {
    lockgraph_mutex_pre_lock(this, 0); // may block: the shim records the order now
    int C = 0;
    if (!Word.compare_exchange_strong(C, 1, std::memory_order_acquire)) {
      if (C != 2)
        C = Word.exchange(2, std::memory_order_acquire);
      while (C != 0) {
        Futex(FUTEX_WAIT_PRIVATE, 2);
        C = Word.exchange(2, std::memory_order_acquire);
      }
    }
    lockgraph_mutex_post_lock(this, 0, 0);
  }

  bool try_lock() {
    lockgraph_mutex_pre_lock(this, __lockgraph_mutex_try_lock);
    int C = 0;
    bool Ok = Word.compare_exchange_strong(C, 1, std::memory_order_acquire);
    lockgraph_mutex_post_lock(
        this, __lockgraph_mutex_try_lock | (Ok ? 0 : __lockgraph_mutex_try_lock_failed), 0);
    return Ok;
  }

  void unlock() {
    lockgraph_mutex_pre_unlock(this, 0);
    if (Word.exchange(0, std::memory_order_release) == 2)
      Futex(FUTEX_WAKE_PRIVATE, 1);
    lockgraph_mutex_post_unlock(this, 0);
  }

private:
  void Futex(int Op, int Val) {
    syscall(SYS_futex, reinterpret_cast<int *>(&Word), Op, Val, nullptr, nullptr, 0);
  }

  std::atomic<int> Word{0}; // 0 free, 1 locked, 2 locked with waiters
};

#endif
