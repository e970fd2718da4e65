// Destroy of a mutex its caller holds: glibc returns EBUSY.
#include "common.h"

pthread_mutex_t M;

int main() {
  pthread_mutex_init(&M, nullptr);
  pthread_mutex_lock(&M);
  SAY("destroy", pthread_mutex_destroy(&M));
  pthread_mutex_unlock(&M);
  return 0;
}
