// The annotation API (lockgraph/annotations.h) case by case, on the futex
// lock of samples/futex-lock and on two small locks annotated here.
// RUN: %clangxx -O1 -g -pthread -rdynamic -I%lockgraph_include -I%samples/futex-lock %s -o %t
//
// A failed try holds nothing: it forms no edge and leaves nothing held.
// RUN: env LD_PRELOAD=%lockgraph_rt %t try-failed 2>&1 | FileCheck %s --check-prefix=TRY
// A non-reentrant annotated lock re-locked by its holder: reported before
// the program's own lock call hangs.
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: not --crash %t.with-shim %lockgraph_rt abort_on_deadlock=1:report=%t.relock.json %t relock 2>&1 | FileCheck %s --check-prefix=RELOCK
// RUN: FileCheck %s --check-prefix=RELOCK-JSON < %t.relock.json
// write_reentrant at create: re-locks are recursion (no double lock, no
// edge), the levels are released one by one, and the lock made by create is
// named by its first acquisition like any other.
// RUN: env LD_PRELOAD=%lockgraph_rt %t recursive 2>&1 | FileCheck %s --check-prefix=REC
// read_lock: both locks only ever taken shared, so the cycle cannot block.
// RUN: env LD_PRELOAD=%lockgraph_rt %t shared 2>&1 | FileCheck %s --check-prefix=SHARED
// destroy then create at the same address: a new instance (generation 2),
// which inherits no edge of the old one.
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.reuse.json %t reuse 2>&1 | FileCheck %s --check-prefix=REUSE
// RUN: FileCheck %s --check-prefix=REUSE-JSON < %t.reuse.json
// destroy of a lock the thread holds.
// RUN: env LD_PRELOAD=%lockgraph_rt %t destroy-held 2>&1 | FileCheck %s --check-prefix=DESTROY
// An annotated lock unlocked twice, and one unlocked by a thread that does
// not hold it: only the held stacks know (the lock word is the program's).
// RUN: env LD_PRELOAD=%lockgraph_rt %t unlock-not-held 2>&1 | FileCheck %s --check-prefix=UNHELD
// Without the shim every case but relock runs to the end (exit 0).
// RUN: %t try-failed && %t recursive && %t shared && %t reuse && %t destroy-held && %t unlock-not-held
#include "futex_lock.h"

#include <atomic>
#include <cstring>
#include <new>
#include <sched.h>
#include <thread>

static FutexLock A, B;

// A recursive lock: its owner may take it again (annotated write_reentrant).
class RecursiveLock {
public:
  RecursiveLock() { lockgraph_mutex_create(this, __lockgraph_mutex_write_reentrant); }
  void lock() {
    lockgraph_mutex_pre_lock(this, 0);
    long Me = static_cast<long>(syscall(SYS_gettid));
    if (Owner.load(std::memory_order_relaxed) != Me) {
      Inner.lock_unannotated();
      Owner.store(Me, std::memory_order_relaxed);
    }
    ++Depth;
    lockgraph_mutex_post_lock(this, 0, 0);
  }
  void unlock() {
    lockgraph_mutex_pre_unlock(this, 0);
    if (--Depth == 0) {
      Owner.store(0, std::memory_order_relaxed);
      Inner.unlock_unannotated();
    }
    lockgraph_mutex_post_unlock(this, 0);
  }

private:
  struct Spin {
    std::atomic<bool> Taken{false};
    void lock_unannotated() {
      while (Taken.exchange(true, std::memory_order_acquire))
        sched_yield();
    }
    void unlock_unannotated() { Taken.store(false, std::memory_order_release); }
  } Inner;
  std::atomic<long> Owner{0};
  int Depth = 0;
};

// A reader-writer spin lock: -1 a writer, N > 0 readers.
class RwSpin {
public:
  RwSpin() { lockgraph_mutex_create(this, 0); }
  void lock_shared() {
    lockgraph_mutex_pre_lock(this, __lockgraph_mutex_read_lock);
    for (int N = Word.load(std::memory_order_relaxed);;) {
      if (N >= 0 && Word.compare_exchange_weak(N, N + 1, std::memory_order_acquire))
        break;
      if (N < 0) {
        sched_yield();
        N = Word.load(std::memory_order_relaxed);
      }
    }
    lockgraph_mutex_post_lock(this, __lockgraph_mutex_read_lock, 0);
  }
  void unlock_shared() {
    lockgraph_mutex_pre_unlock(this, __lockgraph_mutex_read_lock);
    Word.fetch_sub(1, std::memory_order_release);
    lockgraph_mutex_post_unlock(this, __lockgraph_mutex_read_lock);
  }

private:
  std::atomic<int> Word{0};
};

static RecursiveLock R;
static RwSpin S1, S2;

extern "C" __attribute__((noinline)) void b_then_a() {
  B.lock();
  A.lock();
  A.unlock();
  B.unlock();
}

// A is held by main: the try fails, and then B is taken. Had the failed try
// left A held, A -> B would close the cycle with b_then_a's B -> A, and the
// thread would end holding A.
extern "C" __attribute__((noinline)) void try_a_then_b() {
  if (A.try_lock())
    A.unlock();
  B.lock();
  B.unlock();
}

extern "C" __attribute__((noinline)) void relock() {
  A.lock();
  A.lock();
}

// R, then B, then R again: not the order B -> R.
extern "C" __attribute__((noinline)) void r_b_r() {
  R.lock();
  B.lock();
  R.lock();
  R.unlock();
  B.unlock();
  R.unlock();
}

extern "C" __attribute__((noinline)) void b_then_r() {
  B.lock();
  R.lock();
  R.unlock();
  B.unlock();
}

extern "C" __attribute__((noinline)) void read_s1_then_s2() {
  S1.lock_shared();
  S2.lock_shared();
  S2.unlock_shared();
  S1.unlock_shared();
}

extern "C" __attribute__((noinline)) void read_s2_then_s1() {
  S2.lock_shared();
  S1.lock_shared();
  S1.unlock_shared();
  S2.unlock_shared();
}

alignas(FutexLock) static unsigned char Storage[sizeof(FutexLock)];

extern "C" __attribute__((noinline)) void reused_then_b(FutexLock *L) {
  L->lock();
  B.lock();
  B.unlock();
  L->unlock();
}

extern "C" __attribute__((noinline)) void b_then_reused(FutexLock *L) {
  B.lock();
  L->lock();
  L->unlock();
  B.unlock();
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  if (!strcmp(Mode, "try-failed")) {
    std::thread(b_then_a).join();
    A.lock();
    std::thread(try_a_then_b).join();
    A.unlock();
  } else if (!strcmp(Mode, "relock")) {
    relock();
  } else if (!strcmp(Mode, "recursive")) {
    std::thread(r_b_r).join();
    std::thread(b_then_r).join();
    std::thread([] { R.lock(); R.unlock(); }).join(); // R was released completely
  } else if (!strcmp(Mode, "shared")) {
    std::thread(read_s1_then_s2).join();
    std::thread(read_s2_then_s1).join();
  } else if (!strcmp(Mode, "reuse")) {
    FutexLock *L = new (Storage) FutexLock;
    std::thread(reused_then_b, L).join();
    L->~FutexLock();
    L = new (Storage) FutexLock;
    std::thread(b_then_reused, L).join();
    L->~FutexLock();
  } else if (!strcmp(Mode, "destroy-held")) {
    FutexLock *L = new (Storage) FutexLock;
    L->lock();
    L->~FutexLock();
  } else if (!strcmp(Mode, "unlock-not-held")) {
    B.lock();
    B.unlock();
    B.unlock(); // unlocked twice
    A.lock();
    std::thread([] { A.unlock(); }).join(); // main holds it
  } else {
    return 2;
  }
  return 0;
}

// UNHELD: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks annotated@0x{{[0-9a-f]+}}, which is not locked (it was unlocked before)
// UNHELD-NEXT: #0 0x{{[0-9a-f]+}} in main
// UNHELD: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks annotated@0x{{[0-9a-f]+}}, which thread [[MAIN:[0-9]+]] holds
// UNHELD: held by thread [[MAIN]] since:
// UNHELD-NOT: thread-exit-holding-lock
// UNHELD-NOT: destroy-held-lock
// UNHELD: SUMMARY: {{.*}} 2 unlock(s) of a lock not held;

// TRY-NOT: lock-order-inversion (potential
// TRY-NOT: thread-exit-holding-lock
// (3 locks: R, made by create since it is write_reentrant, is one too.)
// TRY: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 3 locks, 1 edges

// RELOCK: ERROR: double-lock: thread {{[0-9]+}} locks annotated@0x{{[0-9a-f]+}} that it already holds; this call never returns
// RELOCK-NEXT: #0 0x{{[0-9a-f]+}} in relock
// RELOCK: annotated@0x{{[0-9a-f]+}} (gen 1), first acquired at relock
// RELOCK-JSON: "type": "annotated"
// RELOCK-JSON: "check": "double-lock"

// REC-NOT: double-lock:
// REC: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// REC: M{{[01]}} = annotated-recursive@0x{{[0-9a-f]+}} (gen 1), first acquired at r_b_r
// REC-NOT: thread-exit-holding-lock
// REC: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 2 locks, 2 edges

// SHARED-NOT: lock-order-inversion (potential
// SHARED: SUMMARY: 0 lock-order-inversion(s), 0 gated, 1 shared-only (ignored), 0 double-lock(s)

// REUSE-NOT: lock-order-inversion (potential
// (4 locks: A, B, R and the one reused, twice.)
// REUSE: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s), 0 live deadlock(s); 4 locks, 2 edges
// REUSE-JSON: "generation": 2

// DESTROY: ERROR: destroy-held-lock: thread {{[0-9]+}} destroys annotated@0x{{[0-9a-f]+}}, which it holds itself
// DESTROY-NEXT: #0 0x{{[0-9a-f]+}} in main
// DESTROY: annotated@0x{{[0-9a-f]+}} (gen 1), first acquired at main
