/* The client program's handle_reply: the same name as the server's. */
#include <pthread.h>
pthread_mutex_t g_client_mu = PTHREAD_MUTEX_INITIALIZER;
int handle_reply(int x) {
  pthread_mutex_lock(&g_client_mu);
  pthread_mutex_unlock(&g_client_mu);
  return x;
}
