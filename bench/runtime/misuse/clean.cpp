// A correct program: every tool should stay silent. Two threads nest A
// then B in the same order, hand items over through a condition variable,
// read under an rwlock, use a try-lock and destroy locks once released.
#include "common.h"

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Cv = PTHREAD_COND_INITIALIZER;
pthread_rwlock_t Table = PTHREAD_RWLOCK_INITIALIZER;
int Items = 0, Taken = 0, Value = 0; // Items, Taken under A; Value under Table

static void *Consumer(void *) {
  for (int I = 0; I < 3; ++I) {
    pthread_mutex_lock(&A);
    while (Items == 0)
      pthread_cond_wait(&Cv, &A);
    --Items;
    pthread_mutex_lock(&B); // A -> B, as the producer
    ++Taken;
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
    pthread_rwlock_rdlock(&Table);
    int V = Value;
    pthread_rwlock_unlock(&Table);
    (void)V;
  }
  return nullptr;
}

int main() {
  pthread_t T;
  pthread_create(&T, nullptr, Consumer, nullptr);
  for (int I = 0; I < 3; ++I) {
    pthread_rwlock_wrlock(&Table);
    ++Value;
    pthread_rwlock_unlock(&Table);
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    ++Items;
    pthread_mutex_unlock(&B);
    pthread_cond_signal(&Cv);
    pthread_mutex_unlock(&A);
  }
  pthread_join(T, nullptr);
  if (pthread_mutex_trylock(&B) == 0)
    pthread_mutex_unlock(&B);
  pthread_mutex_t Local;
  pthread_mutex_init(&Local, nullptr);
  pthread_mutex_lock(&Local);
  pthread_mutex_unlock(&Local);
  pthread_mutex_destroy(&Local);
  fprintf(stderr, "taken %d\n", Taken);
  return 0;
}
