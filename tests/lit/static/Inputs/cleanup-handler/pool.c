/* Waits for the workers under the pool's mutex, with the handler in
   util.c releasing it when cancelled and at pthread_cleanup_pop(1). */
#include <pthread.h>
void mutex_cancel_cleanup(void *arg);
struct pool {
  pthread_mutex_t mut;
  pthread_cond_t done;
  int running;
};
void pool_shutdown(struct pool *p) {
  pthread_mutex_lock(&p->mut);
  pthread_cleanup_push(mutex_cancel_cleanup, &p->mut);
  while (p->running > 0)
    pthread_cond_wait(&p->done, &p->mut);
  pthread_cleanup_pop(1);
}
void pool_destroy(struct pool *p) {
  pool_shutdown(p);
  pthread_mutex_lock(&p->mut); /* not a double lock: the pop released it */
  p->running = -1;
  pthread_mutex_unlock(&p->mut);
}
