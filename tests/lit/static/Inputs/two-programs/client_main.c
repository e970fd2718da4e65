/* The client holds the table while it handles a reply (its own). */
#include <pthread.h>
extern pthread_mutex_t table_mu;
int handle_reply(int x);
int main(void) {
  pthread_mutex_lock(&table_mu);
  int r = handle_reply(1);
  pthread_mutex_unlock(&table_mu);
  return r;
}

/* Through the table: in the client it runs client_enter, never the
   server's (which takes table_mu, held here). */
#include "ops.h"
void client_poll(void) {
  pthread_mutex_lock(&table_mu);
  g_ops.enter();
  pthread_mutex_unlock(&table_mu);
}
