/* The server program's handle_reply forgets an unlock on its error path. */
#include <pthread.h>
extern pthread_mutex_t table_mu;
int handle_reply(int x) {
  pthread_mutex_lock(&table_mu);
  if (x < 0)
    return -1;
  pthread_mutex_unlock(&table_mu);
  return x;
}

#include "ops.h"
struct ops g_ops;
static void server_enter(void) {
  pthread_mutex_lock(&table_mu);
  pthread_mutex_unlock(&table_mu);
}
void server_setup(void) { g_ops.enter = server_enter; }
