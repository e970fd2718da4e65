/* The server program's handle_reply forgets an unlock on its error path. */
#include <pthread.h>
pthread_mutex_t g_server_mu = PTHREAD_MUTEX_INITIALIZER;
int handle_reply(int x) {
  pthread_mutex_lock(&g_server_mu);
  if (x < 0)
    return -1;
  pthread_mutex_unlock(&g_server_mu);
  return x;
}
