// A legacy lock API with no thread-safety attributes: only the project's
// .lockgraph.yaml says that legacy_lock takes the lock it is given.
#include <pthread.h>

void legacy_lock(pthread_mutex_t *m);
void legacy_unlock(pthread_mutex_t *m);

pthread_mutex_t g_table_mu = PTHREAD_MUTEX_INITIALIZER;

void insert_twice() {
  legacy_lock(&g_table_mu);
  legacy_lock(&g_table_mu);
  legacy_unlock(&g_table_mu);
  legacy_unlock(&g_table_mu);
}
