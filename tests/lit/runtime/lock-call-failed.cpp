// Lock calls that return an error (issue 14, items 5 and 8): an
// error-checking mutex relocked by its owner returns EDEADLK (a double lock
// that returned, never "never returns"); its unlock by a thread that does not
// own it returns EPERM; an rwlock's writer asking for its read lock returns
// EDEADLK; a reader asking to write would hang (a timed call returns
// ETIMEDOUT); a lock of a destroyed mutex fails with EINVAL.
// RUN: %clangxx -O1 -g -pthread -rdynamic %s -o %t
// RUN: %expect_exit 7 env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.json:exitcode=7 %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <time.h>

pthread_mutex_t Checked;
pthread_rwlock_t Table = PTHREAD_RWLOCK_INITIALIZER;
pthread_mutex_t Gone;

static const char *Name(int Rc) {
  return Rc == 0 ? "0" : Rc == EDEADLK ? "EDEADLK" : Rc == EPERM ? "EPERM"
       : Rc == ETIMEDOUT ? "ETIMEDOUT" : Rc == EINVAL ? "EINVAL" : strerror(Rc);
}

extern "C" __attribute__((noinline)) void relock_checked() {
  pthread_mutex_lock(&Checked);
  fprintf(stderr, "relock: %s\n", Name(pthread_mutex_lock(&Checked)));
  pthread_mutex_unlock(&Checked);
}

extern "C" __attribute__((noinline)) void *unlock_theirs(void *) {
  fprintf(stderr, "their unlock: %s\n", Name(pthread_mutex_unlock(&Checked)));
  return nullptr;
}

extern "C" __attribute__((noinline)) void writer_reads() {
  pthread_rwlock_wrlock(&Table);
  fprintf(stderr, "writer reads: %s\n", Name(pthread_rwlock_rdlock(&Table)));
  pthread_rwlock_unlock(&Table);
}

extern "C" __attribute__((noinline)) void reader_writes() {
  pthread_rwlock_rdlock(&Table);
  timespec Deadline;
  clock_gettime(CLOCK_REALTIME, &Deadline);
  Deadline.tv_nsec += 50 * 1000 * 1000;
  if (Deadline.tv_nsec >= 1000000000) {
    Deadline.tv_sec += 1;
    Deadline.tv_nsec -= 1000000000;
  }
  fprintf(stderr, "reader writes: %s\n", Name(pthread_rwlock_timedwrlock(&Table, &Deadline)));
  pthread_rwlock_unlock(&Table);
}

int main() {
  pthread_mutexattr_t A;
  pthread_mutexattr_init(&A);
  pthread_mutexattr_settype(&A, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&Checked, &A);
  relock_checked();

  pthread_mutex_lock(&Checked);
  pthread_t T;
  pthread_create(&T, nullptr, unlock_theirs, nullptr);
  pthread_join(T, nullptr);
  pthread_mutex_unlock(&Checked);

  writer_reads();
  reader_writes();

  pthread_mutex_init(&Gone, &A);
  pthread_mutex_destroy(&Gone);
  fprintf(stderr, "destroyed: %s\n", Name(pthread_mutex_lock(&Gone)));
  return 0;
}

// CHECK: ERROR: double-lock: thread {{[0-9]+}} locks mutex@0x{{[0-9a-f]+}} that it already holds; the call returned EDEADLK
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in relock_checked
// CHECK: relock: EDEADLK
// CHECK: ERROR: unlock-not-held: thread {{[0-9]+}} unlocks mutex@0x{{[0-9a-f]+}}, which thread {{[0-9]+}} holds
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in unlock_theirs
// CHECK: their unlock: EPERM
// CHECK: ERROR: double-lock: thread {{[0-9]+}} locks rwlock@0x{{[0-9a-f]+}} that it already holds; the call returned EDEADLK
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in writer_reads
// CHECK: writer reads: EDEADLK
// CHECK: ERROR: double-lock: thread {{[0-9]+}} locks rwlock@0x{{[0-9a-f]+}} that it already holds; the call waits until its deadline and returns ETIMEDOUT
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in reader_writes
// CHECK: reader writes: ETIMEDOUT
// CHECK: ERROR: lock-call-failed: thread {{[0-9]+}}: the lock of mutex@0x{{[0-9a-f]+}} failed with EINVAL (not an initialised lock, a destroyed one
// CHECK-NEXT: #0 0x{{[0-9a-f]+}} in main
// CHECK: destroyed: EINVAL
// CHECK-NOT: never returns
// CHECK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 3 double-lock(s), 0 live deadlock(s), 1 unlock(s) of a lock not held, 1 failed lock call(s);
// JSON: "check": "double-lock", {{.*}}"message": "non-recursive lock re-acquired by its owner (the call returned EDEADLK)", "count": 1, "error": "EDEADLK",
// JSON: "check": "lock-call-failed", {{.*}}"message": "lock failed with EINVAL", "count": 1, "error": "EINVAL",
