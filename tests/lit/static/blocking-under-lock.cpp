// Blocking calls while a lock is held: sleeps, I/O, joins, future waits,
// and a condition wait that holds a second lock.
// RUN: not %lockgraph %s --checks=-*,lockgraph-blocking-under-lock -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

std::mutex mu, other;
std::condition_variable cv;
bool ready;

void nap() {
  std::lock_guard<std::mutex> g(mu);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void io(int fd, char *buf) {
  std::lock_guard<std::mutex> g(mu);
  read(fd, buf, 16);
}

void save() {
  std::lock_guard<std::mutex> g(mu);
  std::ofstream out("state.txt");
}

void join(std::thread &t, std::future<int> &f) {
  std::lock_guard<std::mutex> g(mu);
  t.join();
  f.get();
}

// Through a call: the sleep is two calls down.
void slow_helper() { usleep(100); }
void helper() { slow_helper(); }
void calls_helper() {
  std::lock_guard<std::mutex> g(mu);
  helper();
}

// Silent: the wait releases the only lock held.
void wait_alone() {
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk, [] { return ready; });
}

// A wait that holds a second lock: nobody can take `other` to notify.
void wait_holding_other() {
  std::lock_guard<std::mutex> o(other);
  std::unique_lock<std::mutex> lk(mu);
  cv.wait(lk);
}

// Silent: released before the sleep.
void unlock_first() {
  std::unique_lock<std::mutex> lk(mu);
  lk.unlock();
  sleep(1);
}

// CHECK: blocking-under-lock.cpp:18:3: warning: blocking call 'std::this_thread::sleep_for' while holding 'mu'; every thread that needs 'mu' waits for it too [lockgraph-blocking-under-lock]
// CHECK-NEXT: blocking-under-lock.cpp:17:31: note: 'mu' acquired here
// CHECK: blocking-under-lock.cpp:23:3: warning: blocking call 'read' while holding 'mu'
// CHECK: blocking-under-lock.cpp:28:17: warning: blocking call 'std::basic_ofstream<char>::basic_ofstream' while holding 'mu'
// CHECK: blocking-under-lock.cpp:33:3: warning: blocking call 'std::thread::join' while holding 'mu'
// CHECK: blocking-under-lock.cpp:34:3: warning: blocking call 'std::future<int>::get' while holding 'mu'
// CHECK: blocking-under-lock.cpp:42:3: warning: blocking call 'usleep' while holding 'mu'
// CHECK-NEXT: blocking-under-lock.cpp:41:31: note: 'mu' acquired here
// CHECK-NEXT: blocking-under-lock.cpp:42:3: note: calls 'helper'
// CHECK-NEXT: blocking-under-lock.cpp:39:17: note: calls 'slow_helper'
// CHECK-NEXT: blocking-under-lock.cpp:38:22: note: 'usleep' called here
// CHECK: blocking-under-lock.cpp:55:3: warning: blocking call 'std::condition_variable::wait' while holding 'other'
// CHECK: lockgraph: 7 findings
