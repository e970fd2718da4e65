/* Wrappers the inference cannot see: their bodies are in a library that is
   not analysed, and one lock API is a table of function pointers. */
#include <pthread.h>
struct msg { int id; pthread_mutex_t mut; };
struct lock_table {
  void (*lock)(int mode, void *lock);
  void (*unlock)(int mode, void *lock);
};
extern struct lock_table lock_fns;
void MsgLock(struct msg *m);
void MsgUnlock(struct msg *m);
pthread_mutex_t g_queue_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_db_mu;

void enqueue(struct msg *m) {
  MsgLock(m);
  pthread_mutex_lock(&g_queue_mu);
  pthread_mutex_unlock(&g_queue_mu);
  MsgUnlock(m);
}
void drain(struct msg *m) {
  pthread_mutex_lock(&g_queue_mu);
  pthread_mutex_lock(&m->mut); /* the lock MsgLock takes */
  pthread_mutex_unlock(&m->mut);
  pthread_mutex_unlock(&g_queue_mu);
}
void db_write(void) {
  lock_fns.lock(1, &g_db_mu);
  pthread_mutex_lock(&g_queue_mu);
  pthread_mutex_unlock(&g_queue_mu);
  lock_fns.unlock(1, &g_db_mu);
}
void db_read(void) {
  pthread_mutex_lock(&g_queue_mu);
  lock_fns.lock(1, &g_db_mu);
  lock_fns.unlock(1, &g_db_mu);
  pthread_mutex_unlock(&g_queue_mu);
}
