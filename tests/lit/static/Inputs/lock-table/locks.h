#include <pthread.h>

// A library's lock callbacks, set once at start-up (setup.c) and called
// everywhere else (users.c).
struct lock_ops {
  void (*lock)(pthread_mutex_t *m);
  void (*unlock)(pthread_mutex_t *m);
};
extern struct lock_ops g_lock_ops;
void setup_locks(int threaded);
