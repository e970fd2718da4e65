// A preloaded library whose constructor takes locks before the shim's own
// constructor has run (LD_PRELOAD=shim:this initialises this one first).
#include <pthread.h>
#include <cstdio>

static pthread_mutex_t EarlyA = PTHREAD_MUTEX_INITIALIZER, EarlyB = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t ForkC = PTHREAD_MUTEX_INITIALIZER, ForkD = PTHREAD_MUTEX_INITIALIZER;

// Registered before the shim's own atfork handlers, so it runs after the
// shim's prepare handler (which holds the shim's internal lock): its new
// locks and new order must pass through instead of waiting for it.
static void Prepare() {
  pthread_mutex_lock(&ForkC);
  pthread_mutex_lock(&ForkD);
  pthread_mutex_unlock(&ForkD);
  pthread_mutex_unlock(&ForkC);
}

__attribute__((constructor)) static void Early() {
  pthread_atfork(Prepare, nullptr, nullptr);
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
