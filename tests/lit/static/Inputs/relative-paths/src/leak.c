#include "lockutil.h"

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t g_slot_mu = PTHREAD_MUTEX_INITIALIZER;
int g_slot;
int check(void);

// Leaks on the early return.
void leaky(void) {
  pthread_mutex_lock(&g_mu);
  if (check())
    return;
  pthread_mutex_unlock(&g_mu);
}

void store(int v) { put_locked(&g_slot_mu, &g_slot, v); }
