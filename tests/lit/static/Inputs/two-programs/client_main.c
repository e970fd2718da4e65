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
