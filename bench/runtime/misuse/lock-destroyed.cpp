// Lock of a destroyed mutex: glibc marks a destroyed mutex invalid, and the
// lock returns EINVAL.
#include "common.h"

pthread_mutex_t M;

int main() {
  pthread_mutex_init(&M, nullptr);
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  pthread_mutex_destroy(&M);
  SAY("lock after destroy", pthread_mutex_lock(&M));
  return 0;
}
