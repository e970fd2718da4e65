// Reduced from false positives found on leveldb and memcached (docs/real-code.md);
// each block says what used to be reported. Self-written, not third-party code.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <condition_variable>
#include <mutex>
#include <pthread.h>

void slow_io();

// 1. A callee drops its caller's lock around slow work and takes it back.
//    Was: double-lock at the calls, and a false edge mu_ -> io_mu_.
class Store {
public:
  void compact() {
    std::lock_guard<std::mutex> g(mu_);
    drop_for_io();
  }
  void flush_log() { // the only real order: io_mu_ -> mu_
    std::lock_guard<std::mutex> io(io_mu_);
    std::lock_guard<std::mutex> g(mu_);
  }
  void annotated() {
    std::lock_guard<std::mutex> g(mu_);
    drop_annotated();
  }

private:
  void drop_for_io() {
    mu_.unlock();
    {
      std::lock_guard<std::mutex> io(io_mu_);
      slow_io();
    }
    mu_.lock();
  }
  // The same with the annotation Clang's -Wthread-safety asks for.
  void drop_annotated() __attribute__((requires_capability(mu_))) {
    mu_.unlock();
    std::lock_guard<std::mutex> io(io_mu_);
    mu_.lock();
  }
  std::mutex mu_, io_mu_;
};

// 2. Array elements locked and unlocked on different lines.
//    Was: lock-leak and unlock-not-held, each line naming its own lock.
pthread_mutex_t item_locks[64];
void touch_item(unsigned hv) {
  pthread_mutex_lock(&item_locks[hv % 64]);
  slow_io();
  pthread_mutex_unlock(&item_locks[hv % 64]);
}

// 3. A guard with a manual unlock/re-lock inside its scope.
//    Was: lock-leak for the re-lock, which the guard's destructor releases.
std::mutex db_mu;
void get() {
  std::unique_lock<std::mutex> g(db_mu);
  db_mu.unlock();
  slow_io();
  db_mu.lock();
}

// 4. A condition wait inside a callee releases the caller's lock.
//    Was: blocking-under-lock at the call.
std::mutex init_mu;
std::condition_variable init_cv;
bool initialised;
void wait_ready(std::unique_lock<std::mutex> &lk) { init_cv.wait(lk, [] { return initialised; }); }
void use() {
  std::unique_lock<std::mutex> lk(init_mu);
  wait_ready(lk);
}

// 5. Unannotated wrappers that take or drop a lock for their caller.
//    Was: a false cycle (the wrapper's unlock ignored), and a missed one
//    (the wrapper's lock ignored).
pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
void queue_unlock() { pthread_mutex_unlock(&queue_mu); } // an inferred release function
void queue_lock() { pthread_mutex_lock(&queue_mu); }     // an inferred acquire function
void worker() {
  pthread_mutex_lock(&queue_mu);
  queue_unlock();
  pthread_mutex_lock(&stats_mu); // queue_mu is not held: no edge
  pthread_mutex_unlock(&stats_mu);
}
void stats_then_queue() {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&queue_mu);
  pthread_mutex_unlock(&queue_mu);
  pthread_mutex_unlock(&stats_mu);
}
void queue_then_stats() {
  queue_lock();
  pthread_mutex_lock(&stats_mu); // queue_mu held through the wrapper: a real cycle
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&queue_mu);
}

// 6. A lock released under `if (!flag)` and under `if (flag)`: released on
//    every path, so nothing is held at the later acquisition.
//    Was: an edge from log_mu to stats_mu, closing a false cycle.
pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
struct Mode { bool locked_eval; } g_mode;
void evaluate();
void crawl() {
  pthread_mutex_lock(&log_mu);
  if (!g_mode.locked_eval)
    pthread_mutex_unlock(&log_mu);
  evaluate();
  if (g_mode.locked_eval)
    pthread_mutex_unlock(&log_mu);
  pthread_mutex_lock(&stats_mu); // log_mu is not held on any path
  pthread_mutex_unlock(&stats_mu);
}
void stats_then_log() {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&log_mu);
  pthread_mutex_unlock(&log_mu);
  pthread_mutex_unlock(&stats_mu);
}

// 7. The same shape, but the flag is assigned between the two tests: they
//    may disagree, so the lock may still be held (a cycle with stats_then_cfg).
pthread_mutex_t cfg_mu = PTHREAD_MUTEX_INITIALIZER;
void reconfigure(bool next) {
  pthread_mutex_lock(&cfg_mu);
  if (!g_mode.locked_eval)
    pthread_mutex_unlock(&cfg_mu);
  g_mode.locked_eval = next;
  if (g_mode.locked_eval)
    pthread_mutex_unlock(&cfg_mu);
  pthread_mutex_lock(&stats_mu); // cfg_mu may be held here
  pthread_mutex_unlock(&stats_mu);
}
void stats_then_cfg() {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&cfg_mu);
  pthread_mutex_unlock(&cfg_mu);
  pthread_mutex_unlock(&stats_mu);
}

// 8. A callee that drops its caller's lock around a sleep.
//    Was: blocking-under-lock at the call (memcached item_crawl_hash).
pthread_mutex_t crawl_mu = PTHREAD_MUTEX_INITIALIZER;
extern "C" int usleep(unsigned);
void crawl_step() {
  pthread_mutex_unlock(&crawl_mu);
  usleep(1000);
  pthread_mutex_lock(&crawl_mu);
}
void crawler() {
  pthread_mutex_lock(&crawl_mu);
  crawl_step();
  pthread_mutex_unlock(&crawl_mu);
}

// CHECK: real-code-regressions.cpp:90:3: warning: potential deadlock: lock-order cycle 'queue_mu' -> 'stats_mu' -> 'queue_mu' [lockgraph-lock-order-inversion]
// CHECK: real-code-regressions.cpp:136:1: warning: 'cfg_mu' is still held on some path when 'reconfigure' returns
// CHECK: real-code-regressions.cpp:139:3: warning: potential deadlock: lock-order cycle 'cfg_mu' -> 'stats_mu' -> 'cfg_mu' [lockgraph-lock-order-inversion]
// CHECK: lockgraph: 3 findings
