// A thread returns from its start routine with a mutex still locked.
#include "common.h"

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

static void *Forgets(void *) {
  pthread_mutex_lock(&M);
  return nullptr; // M still held
}

int main() {
  pthread_t T;
  pthread_create(&T, nullptr, Forgets, nullptr);
  pthread_join(T, nullptr);
  return 0;
}
