// Destroy of an rwlock another thread holds for reading: glibc's rwlock
// destroy does not check, it returns 0. The holder unlocks afterwards (of a
// destroyed lock), which glibc lets pass too.
#include "common.h"

pthread_rwlock_t L;
pthread_barrier_t Step;

static void *Reader(void *) {
  pthread_rwlock_rdlock(&L);
  pthread_barrier_wait(&Step); // held now
  pthread_barrier_wait(&Step); // main has destroyed it
  pthread_rwlock_unlock(&L);
  return nullptr;
}

int main() {
  pthread_rwlock_init(&L, nullptr);
  pthread_barrier_init(&Step, nullptr, 2);
  pthread_t T;
  pthread_create(&T, nullptr, Reader, nullptr);
  pthread_barrier_wait(&Step);
  SAY("destroy", pthread_rwlock_destroy(&L));
  pthread_barrier_wait(&Step);
  pthread_join(T, nullptr);
  return 0;
}
