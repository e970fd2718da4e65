/* a.c's own `mu`: static, so not b.c's. */
#include <pthread.h>
extern pthread_mutex_t shared_mu;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* A static helper with the same name as b.c's. */
static void flush(void) {
  pthread_mutex_lock(&shared_mu);
  pthread_mutex_unlock(&shared_mu);
}

void a_update(void) {
  pthread_mutex_lock(&mu);
  flush(); /* mu -> shared_mu */
  pthread_mutex_unlock(&mu);
}

void a_report(void) {
  pthread_mutex_lock(&shared_mu);
  pthread_mutex_lock(&mu); /* shared_mu -> mu: a real cycle with a_update */
  pthread_mutex_unlock(&mu);
  pthread_mutex_unlock(&shared_mu);
}
