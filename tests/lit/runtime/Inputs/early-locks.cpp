// A preloaded library whose constructor takes locks before the shim's own
// constructor has run (LD_PRELOAD=shim:this initialises this one first).
#include <pthread.h>
#include <cstdio>

static pthread_mutex_t EarlyA = PTHREAD_MUTEX_INITIALIZER, EarlyB = PTHREAD_MUTEX_INITIALIZER;

__attribute__((constructor)) static void Early() {
  pthread_mutex_lock(&EarlyA);
  pthread_mutex_lock(&EarlyB);
  pthread_mutex_unlock(&EarlyB);
  pthread_mutex_unlock(&EarlyA);
  pthread_mutex_lock(&EarlyB);
  pthread_mutex_lock(&EarlyA);
  pthread_mutex_unlock(&EarlyA);
  pthread_mutex_unlock(&EarlyB);
  fprintf(stderr, "early constructor done\n");
}
