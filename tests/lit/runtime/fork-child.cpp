// fork() while another thread holds a lock: the child's shim state is reset
// (no inherited internal lock, only the forking thread), it tracks its own
// locks and reports only what it found; the parent reports nothing of it.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt %t 2>&1 | FileCheck %s
#include <mutex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <atomic>
#include <pthread.h>
#include <cstdio>

std::mutex A, B, Busy, ForkA, ForkB;
std::atomic<bool> Held{false}, Done{false};

// An atfork handler that takes locks in a fresh order while the shim holds
// its own lock around the fork: it must pass through, not wait.
void Prepare() { std::lock_guard<std::mutex> a(ForkA); std::lock_guard<std::mutex> b(ForkB); }
void Release() {}

int main() {
  pthread_atfork(Prepare, Release, Release);
  // A thread that keeps a lock held across the fork.
  std::thread holder([] {
    std::lock_guard<std::mutex> g(Busy);
    Held = true;
    while (!Done)
      usleep(1000);
  });
  while (!Held)
    usleep(1000);
  pid_t P = fork();
  if (P == 0) {
    // Child: the holder thread does not exist here.
    { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }
    { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }
    fprintf(stderr, "child %d done\n", (int)getpid());
    exit(0);
  }
  int St = 0;
  waitpid(P, &St, 0);
  fprintf(stderr, "parent: child exited %d\n", WEXITSTATUS(St));
  Done = true;
  holder.join();
  return 0;
}

// CHECK: child [[CHILD:[0-9]+]] done
// CHECK-NEXT: ==[[CHILD]]==lockgraph: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: ==[[CHILD]]==lockgraph: SUMMARY: 1 lock-order-inversion(s)
// CHECK: parent: child exited 0
// CHECK-NOT: lock-order-inversion (potential
// CHECK: =={{[0-9]+}}==lockgraph: SUMMARY: 0 lock-order-inversion(s)
