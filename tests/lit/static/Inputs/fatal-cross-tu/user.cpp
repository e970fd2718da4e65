#include "fatal.h"
#include <pthread.h>

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
int check();

int via_die() {
  pthread_mutex_lock(&g_mu);
  if (check()) {
    die("bad state");
    return -1;
  }
  pthread_mutex_unlock(&g_mu);
  return 0;
}

int via_log_fatal() {
  pthread_mutex_lock(&g_mu);
  if (check()) {
    LOG_FATAL << "bad state";
    return -1;
  }
  pthread_mutex_unlock(&g_mu);
  return 0;
}

int leaks() {
  pthread_mutex_lock(&g_mu);
  if (check())
    return -1;
  pthread_mutex_unlock(&g_mu);
  return 0;
}
