// Double lock: an error-checking mutex locked again by its owner. glibc
// returns EDEADLK instead of hanging.
#include "common.h"

pthread_mutex_t M;

int main() {
  InitErrorCheck(&M);
  pthread_mutex_lock(&M);
  SAY("relock", pthread_mutex_lock(&M));
  pthread_mutex_unlock(&M);
  return 0;
}
