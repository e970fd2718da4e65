// One source built twice: into the library (-DQUEUE_LIB) and into the
// server (-DQUEUE_SERVER), each taking the two locks in its own order.
#include <pthread.h>

pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
int queued, counted;

#ifdef QUEUE_LIB
void queue_push(void) {
  pthread_mutex_lock(&queue_mu);
  pthread_mutex_lock(&stats_mu);
  ++queued;
  pthread_mutex_unlock(&stats_mu);
  pthread_mutex_unlock(&queue_mu);
}
#endif

#ifdef QUEUE_SERVER
void stats_report(void) {
  pthread_mutex_lock(&stats_mu);
  pthread_mutex_lock(&queue_mu);
  ++counted;
  pthread_mutex_unlock(&queue_mu);
  pthread_mutex_unlock(&stats_mu);
}
#endif
