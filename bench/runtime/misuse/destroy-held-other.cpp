// Destroy of a mutex another thread holds: glibc returns EBUSY. A barrier
// orders the steps: the holder locks, main destroys, the holder unlocks.
#include "common.h"

pthread_mutex_t M;
pthread_barrier_t Step;

static void *Holder(void *) {
  pthread_mutex_lock(&M);
  pthread_barrier_wait(&Step); // held now
  pthread_barrier_wait(&Step); // main has tried to destroy it
  pthread_mutex_unlock(&M);
  return nullptr;
}

int main() {
  pthread_mutex_init(&M, nullptr);
  pthread_barrier_init(&Step, nullptr, 2);
  pthread_t T;
  pthread_create(&T, nullptr, Holder, nullptr);
  pthread_barrier_wait(&Step);
  SAY("destroy", pthread_mutex_destroy(&M));
  pthread_barrier_wait(&Step);
  pthread_join(T, nullptr);
  return 0;
}
