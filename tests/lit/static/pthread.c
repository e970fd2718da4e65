/* C code: pthread mutexes, rwlocks and spinlocks.
 * RUN: not %lockgraph %s -- -std=gnu11 2>&1 | FileCheck %s --implicit-check-not=warning:
 */
#include <pthread.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t index_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t cache_rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t stat_spin;

void insert(void) {
  pthread_mutex_lock(&table_mu);
  pthread_rwlock_wrlock(&index_rw); /* table_mu -> index_rw */
  pthread_rwlock_unlock(&index_rw);
  pthread_mutex_unlock(&table_mu);
}

void lookup(void) {
  pthread_rwlock_rdlock(&index_rw);
  pthread_mutex_lock(&table_mu); /* index_rw -> table_mu: cycle */
  pthread_mutex_unlock(&table_mu);
  pthread_rwlock_unlock(&index_rw);
}

/* Read locks on both sides: readers do not block readers. */
void read_both(void) {
  pthread_rwlock_rdlock(&cache_rw);
  pthread_rwlock_rdlock(&index_rw);
  pthread_rwlock_unlock(&index_rw);
  pthread_rwlock_unlock(&cache_rw);
}
void read_both_reversed(void) {
  pthread_rwlock_rdlock(&index_rw);
  pthread_rwlock_rdlock(&cache_rw);
  pthread_rwlock_unlock(&cache_rw);
  pthread_rwlock_unlock(&index_rw);
}

/* A trylock that failed holds nothing. count2 returns holding stat_spin
 * when the trylock fails: a real lock leak. */
void count(void) {
  if (pthread_mutex_trylock(&table_mu) == 0) {
    pthread_spin_lock(&stat_spin); /* table_mu -> stat_spin */
    pthread_spin_unlock(&stat_spin);
    pthread_mutex_unlock(&table_mu);
  }
  pthread_spin_lock(&stat_spin);
  pthread_spin_unlock(&stat_spin);
}
void count2(void) {
  pthread_spin_lock(&stat_spin);
  if (pthread_mutex_trylock(&table_mu)) /* no edge: a try cannot block */
    return;
  pthread_mutex_unlock(&table_mu);
  pthread_spin_unlock(&stat_spin);
}

// CHECK: pthread.c:13:3: warning: potential deadlock: lock-order cycle 'pthread.c::index_rw' -> 'pthread.c::table_mu' -> 'pthread.c::index_rw' [lockgraph-lock-order-inversion]
// CHECK-NEXT: pthread.c:19:3: note: 'pthread.c::index_rw' acquired here
// CHECK-NEXT: pthread.c:20:3: note: 'pthread.c::table_mu' acquired here while holding 'pthread.c::index_rw'
// CHECK-NEXT: pthread.c:12:3: note: 'pthread.c::table_mu' acquired here
// CHECK-NEXT: pthread.c:13:3: note: 'pthread.c::index_rw' acquired here while holding 'pthread.c::table_mu'
// CHECK: pthread.c:56:1: warning: 'pthread.c::stat_spin' is still held on some path when 'count2' returns; release it on every path [lockgraph-lock-leak]
// CHECK-NEXT: pthread.c:51:3: note: 'pthread.c::stat_spin' acquired here
// CHECK: lockgraph: 2 findings (1 lock-leak, 1 lock-order-inversion; 4 locks, 5 edges, 6 functions in 1 translation units)
