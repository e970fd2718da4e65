/* b.c's own `mu`, and a static flush() that takes it, not shared_mu. */
#include <pthread.h>
extern pthread_mutex_t shared_mu;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void flush(void) {
  pthread_mutex_lock(&mu);
  pthread_mutex_unlock(&mu);
}

void b_update(void) {
  pthread_mutex_lock(&shared_mu);
  flush(); /* shared_mu -> b.c's mu */
  pthread_mutex_unlock(&shared_mu);
}
