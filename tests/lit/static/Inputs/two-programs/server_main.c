/* The server holds the connection while it handles a reply (its own). */
#include <pthread.h>
extern pthread_mutex_t conn_mu;
int handle_reply(int x);
int main(void) {
  pthread_mutex_lock(&conn_mu);
  int r = handle_reply(1);
  pthread_mutex_unlock(&conn_mu);
  return r;
}
