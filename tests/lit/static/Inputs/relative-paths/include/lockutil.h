#include <pthread.h>

// Leaks on the early return: a finding in a header found through -I../include.
static inline void put_locked(pthread_mutex_t *m, int *slot, int v) {
  pthread_mutex_lock(m);
  if (v < 0)
    return;
  *slot = v;
  pthread_mutex_unlock(m);
}
