// Annotations written but compiled out (issue 12): a REQUIRES-style macro
// that expands to nothing still says the caller holds the lock, as in
// glog's `void LogMessage::SendToLog() EXCLUSIVE_LOCKS_REQUIRED(log_mutex)`,
// reached only through a member-function pointer, so no caller is seen
// holding it. Its unlock is the caller's lock, not an unheld release.
// RUN: not %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <unistd.h>

#define EXCLUSIVE_LOCKS_REQUIRED(x)
#define SHARED_LOCKS_REQUIRED(x)

class Mutex {
public:
  void Lock() { pthread_mutex_lock(&mu_); }
  void Unlock() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
};

static Mutex log_mutex;
void crash();

class LogMessage {
public:
  void Flush() {
    log_mutex.Lock();
    (this->*send_method_)();
    log_mutex.Unlock();
  }
  void SendToLog() EXCLUSIVE_LOCKS_REQUIRED(log_mutex);
  void Release() EXCLUSIVE_LOCKS_REQUIRED(mu_) { mu_.Unlock(); }

private:
  void (LogMessage::*send_method_)() = &LogMessage::SendToLog;
  bool fatal_ = false;
  Mutex mu_;
};

void LogMessage::SendToLog() EXCLUSIVE_LOCKS_REQUIRED(log_mutex) {
  if (fatal_) {
    // Let signal handlers log while the program dies.
    log_mutex.Unlock();
    crash();
  }
  write(2, "x", 1);
}
// The spelled requirement is a held lock like the attribute's: writing
// under it is still blocking under a lock.
// CHECK: spelled-annotations.cpp:[[@LINE-4]]:3: warning: blocking call 'write' while holding 'spelled-annotations.cpp::log_mutex'

// Without a spelled requirement the same body (not a thin release
// wrapper: more than a few statements) is an unheld release.
void SendUnannotated(bool fatal) {
  write(2, "a", 1);
  write(2, "b", 1);
  write(2, "c", 1);
  if (fatal) {
    log_mutex.Unlock();
    crash();
  }
}
// CHECK: spelled-annotations.cpp:[[@LINE-4]]:5: warning: 'spelled-annotations.cpp::log_mutex' released by 'Mutex::Unlock' called here, but no path through 'SendUnannotated' holds it

// CHECK: lockgraph: 2 findings
