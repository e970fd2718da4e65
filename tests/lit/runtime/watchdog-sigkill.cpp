// A hung test ended with SIGKILL (a CI job's timeout) runs no handler and no
// destructor: the watchdog wrote the JSON report when it found the live
// deadlock, so the file has it. The shell below starts the program, waits
// for the report to appear (at most 10 s), then kills it.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: sh -c '%t.with-shim %lockgraph_rt watchdog_ms=200:report=%t.dir/r.json %t & pid=$!; \
// RUN:   i=0; while [ ! -e %t.dir/r.json ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; \
// RUN:   kill -KILL $pid; wait $pid; echo "exit status $?"' 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/r.json
// Only the report is left in the directory, no temporary file:
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t Bar;

void *TakeAB(void *) {
  pthread_mutex_lock(&A);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&B); // blocks forever
  return nullptr;
}

void *TakeBA(void *) {
  pthread_mutex_lock(&B);
  pthread_barrier_wait(&Bar);
  pthread_mutex_lock(&A); // blocks forever
  return nullptr;
}

int main() {
  pthread_barrier_init(&Bar, nullptr, 2);
  pthread_t T1, T2;
  pthread_create(&T1, nullptr, TakeAB, nullptr);
  pthread_create(&T2, nullptr, TakeBA, nullptr);
  pthread_join(T1, nullptr);
  pthread_join(T2, nullptr);
  return 0;
}

// CHECK: ERROR: live-deadlock: 2 threads blocked
// CHECK: exit status 137
// JSON: "format": "lockgraph-report", "version": 1,
// JSON: "check": "lock-order-inversion"
// JSON: "check": "live-deadlock"
// JSON-SAME: "severity": "error"
// FILES: {{^}}r.json{{$}}
// FILES-NOT: {{.}}
