// Readers of one rwlock block each other only when the rwlock makes a new
// reader wait behind a queued writer: glibc's
// PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP kind, once some thread asks
// to write-lock it. Thread 1 read-locks A then write-locks B; thread 2
// write-locks B then read-locks A. With a writer queued on A, thread 2's read
// waits for that writer, the writer for thread 1, thread 1 for thread 2.
//
// A writer-preferring A (from the attribute, or a static initializer) that a
// third thread write-locks: the cycle is reported, and says why.
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=ATTR -DWRITER=1 %s -o %t.attr
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.attr.json %t.attr 2>&1 | FileCheck %s --check-prefix=WP
// RUN: FileCheck %s --check-prefix=WPJSON < %t.attr.json
// RUN: %expect_exit 1 %lockgraph report --runtime %t.attr.json --format=json | FileCheck %s --check-prefix=MERGED
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=STATIC -DWRITER=1 %s -o %t.static
// RUN: env LD_PRELOAD=%lockgraph_rt %t.static 2>&1 | FileCheck %s --check-prefix=WP
//
// The same without any writer of A, or with one that only tries (a try never
// queues): shared-only, named with its reason.
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=ATTR -DWRITER=0 %s -o %t.nowriter
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.nowriter.json %t.nowriter 2>&1 | FileCheck %s --check-prefix=NOWRITER
// RUN: FileCheck %s --check-prefix=NOWRITERJSON < %t.nowriter.json
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=ATTR -DWRITER=2 %s -o %t.try
// RUN: env LD_PRELOAD=%lockgraph_rt %t.try 2>&1 | FileCheck %s --check-prefix=NOWRITER
//
// Reader-preferring kinds with a writer: glibc's default, its
// PTHREAD_RWLOCK_PREFER_WRITER_NP (which glibc treats as the default, so
// that a reader may read-lock recursively), and std::shared_mutex (libstdc++
// initializes it with PTHREAD_RWLOCK_INITIALIZER): shared-only.
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=DEFAULT -DWRITER=1 %s -o %t.default
// RUN: env LD_PRELOAD=%lockgraph_rt %t.default 2>&1 | FileCheck %s --check-prefix=SHARED
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=PREFER_WRITER_NP -DWRITER=1 %s -o %t.np
// RUN: env LD_PRELOAD=%lockgraph_rt %t.np 2>&1 | FileCheck %s --check-prefix=SHARED
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=STD -DWRITER=1 %s -o %t.std
// RUN: env LD_PRELOAD=%lockgraph_rt %t.std 2>&1 | FileCheck %s --check-prefix=SHARED
//
// A reader that read-locks a writer-preferring rwlock again hangs whenever a
// writer queued between its two calls (glibc names the kind NONRECURSIVE): a
// double lock, though this run's call returns. The default kind allows it.
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=ATTR -DWRITER=0 -DRECURSE %s -o %t.recurse
// RUN: %expect_exit 1 env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=1:report=%t.recurse.json %t.recurse 2>&1 | FileCheck %s --check-prefix=RECURSE
// RUN: FileCheck %s --check-prefix=RECURSEJSON < %t.recurse.json
// RUN: %clangxx -O1 -g -pthread -rdynamic -DKIND=DEFAULT -DWRITER=0 -DRECURSE %s -o %t.recurse-default
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=1 %t.recurse-default 2>&1 | FileCheck %s --check-prefix=RECURSEOK
#include <pthread.h>
#include <shared_mutex>
#include <thread>

#define ATTR 1
#define STATIC 2
#define DEFAULT 3
#define PREFER_WRITER_NP 4
#define STD 5

#if KIND == STD
std::shared_mutex A, B;
void rdA() { A.lock_shared(); }
void unA() { A.unlock_shared(); }
void wrA() { A.lock(); A.unlock(); }
bool trywrA() { bool Ok = A.try_lock(); if (Ok) A.unlock(); return Ok; }
void wrB() { B.lock(); }
void unB() { B.unlock(); }
#else
#if KIND == STATIC
pthread_rwlock_t A = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
#else
pthread_rwlock_t A;
#endif
pthread_rwlock_t B = PTHREAD_RWLOCK_INITIALIZER;
void rdA() { pthread_rwlock_rdlock(&A); }
void unA() { pthread_rwlock_unlock(&A); }
extern "C" __attribute__((noinline)) void wrA() {
  pthread_rwlock_wrlock(&A);
  pthread_rwlock_unlock(&A);
}
bool trywrA() {
  bool Ok = pthread_rwlock_trywrlock(&A) == 0;
  if (Ok)
    pthread_rwlock_unlock(&A);
  return Ok;
}
void wrB() { pthread_rwlock_wrlock(&B); }
void unB() { pthread_rwlock_unlock(&B); }
#endif

int main() {
#if KIND == ATTR || KIND == DEFAULT || KIND == PREFER_WRITER_NP
  pthread_rwlockattr_t Attr;
  pthread_rwlockattr_init(&Attr);
  pthread_rwlockattr_setkind_np(&Attr, KIND == ATTR ? PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP
                                       : KIND == PREFER_WRITER_NP ? PTHREAD_RWLOCK_PREFER_WRITER_NP
                                                                  : PTHREAD_RWLOCK_DEFAULT_NP);
  pthread_rwlock_init(&A, &Attr);
  pthread_rwlockattr_destroy(&Attr);
#endif
#ifdef RECURSE
  rdA();
  rdA();
  unA();
  unA();
  return 0;
#endif
  // One after another: the run never deadlocks, the order is recorded.
  std::thread([] { rdA(); wrB(); unB(); unA(); }).join();
  std::thread([] { wrB(); rdA(); unA(); unB(); }).join();
#if WRITER == 1
  std::thread(wrA).join();
#elif WRITER == 2
  std::thread(trywrA).join();
#endif
  return 0;
}

// WP: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks M0 => M1 => M0
// WP: M1 acquired while holding M0 in thread {{[0-9]+}} (shared):
// WP: M0 acquired while holding M1 in thread {{[0-9]+}} (exclusive):
// WP: note: M1 is held and requested in shared mode, but it is a writer-preferring rwlock (PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP) that thread {{[0-9]+}} write-locks at wrA {{.*}}: a reader waits behind a queued writer, so the readers can deadlock [writer-preferring]
// WP: M0 = rwlock@
// WP: M1 = rwlock@
// WP-NOT: shared-only lock-order cycle
// WP: SUMMARY: 1 lock-order-inversion(s), 0 gated, 0 shared-only (ignored)

// WPJSON: "tags": ["writer-preferring"], "writer_preferring": {"lock": 1, "writer_thread": {{[0-9]+}}, "writer_site": [{"module": "{{.*}}", "offset": "0x{{[0-9a-f]+}}", "symbol": "wrA"}]}
// WPJSON: "cycles_shared_only": 0

// MERGED: "check": "lock-order-inversion"
// MERGED: "tags": [
// MERGED-NEXT: "writer-preferring",
// MERGED-NEXT: "runtime-only"

// SHARED-NOT: WARNING: lock-order-inversion
// SHARED: NOTE: shared-only lock-order cycle of 2 locks rwlock@0x{{[0-9a-f]+}} => rwlock@0x{{[0-9a-f]+}} => rwlock@0x{{[0-9a-f]+}} (not a deadlock): rwlock@0x{{[0-9a-f]+}} is held and requested in shared mode, and a reader-preferring rwlock (glibc's default, std::shared_mutex) lets a reader in while others read [shared-only]
// SHARED: SUMMARY: 0 lock-order-inversion(s), 0 gated, 1 shared-only (ignored)

// NOWRITER-NOT: WARNING: lock-order-inversion
// NOWRITER: NOTE: shared-only lock-order cycle of 2 locks {{.*}} (not a deadlock): rwlock@0x{{[0-9a-f]+}} is held and requested in shared mode; it prefers writers, but no thread asked to write-lock it, so no writer queued between its readers [shared-only]
// NOWRITER: SUMMARY: 0 lock-order-inversion(s), 0 gated, 1 shared-only (ignored)

// NOWRITERJSON: "findings": [{{$}}
// NOWRITERJSON-NEXT: {{^ *}}],
// NOWRITERJSON: "cycles_shared_only": 1, "cycles_gated": 0

// RECURSE: ERROR: double-lock: thread {{[0-9]+}} locks rwlock@0x{{[0-9a-f]+}} for reading again; it is a writer-preferring rwlock (PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP), so this call never returns whenever a writer is queued between the two
// RECURSE-NEXT: #0 0x{{[0-9a-f]+}} in main
// RECURSE: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 1 double-lock(s)
// RECURSEJSON: "check": "double-lock", {{.*}}"message": "writer-preferring rwlock read-locked again by its reader (hangs behind a queued writer)"

// RECURSEOK-NOT: ERROR
// RECURSEOK: SUMMARY: 0 lock-order-inversion(s), 0 gated, 0 shared-only (ignored), 0 double-lock(s)
