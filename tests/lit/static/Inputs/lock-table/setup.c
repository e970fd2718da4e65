#include "locks.h"

static void pt_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static void pt_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
static void no_lock(pthread_mutex_t *m) { (void)m; }

struct lock_ops g_lock_ops = {no_lock, no_lock};

void setup_locks(int threaded) {
  if (threaded) {
    g_lock_ops.lock = pt_lock;
    g_lock_ops.unlock = pt_unlock;
  }
}
