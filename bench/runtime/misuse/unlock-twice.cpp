// Unlock of a mutex twice: the second unlock finds it not locked.
#include "common.h"

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

int main() {
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  SAY("second unlock", pthread_mutex_unlock(&M));
  return 0;
}
