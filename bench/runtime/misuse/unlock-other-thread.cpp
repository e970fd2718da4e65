// Unlock by another thread: a mutex used as a binary semaphore. Main takes
// it, a second thread gives it back (a normal mutex lets it).
#include "common.h"

pthread_mutex_t Token = PTHREAD_MUTEX_INITIALIZER;

static void *Release(void *) {
  SAY("their unlock", pthread_mutex_unlock(&Token));
  return nullptr;
}

int main() {
  pthread_mutex_lock(&Token);
  pthread_t T;
  pthread_create(&T, nullptr, Release, nullptr);
  pthread_join(T, nullptr);
  return 0;
}
