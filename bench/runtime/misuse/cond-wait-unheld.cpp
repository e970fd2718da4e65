// Condition wait with a mutex the caller does not hold. The mutex is
// error-checking: glibc returns EPERM instead of waiting.
#include "common.h"

pthread_mutex_t M;
pthread_cond_t Cv = PTHREAD_COND_INITIALIZER;

int main() {
  InitErrorCheck(&M);
  timespec D = In(10);
  SAY("unheld wait", pthread_cond_timedwait(&Cv, &M, &D));
  return 0;
}
