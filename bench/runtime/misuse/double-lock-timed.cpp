// Double lock: a normal mutex locked again by its owner with a timed call.
// An untimed relock would hang for ever; this one waits 50 ms and returns
// ETIMEDOUT.
#include "common.h"

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

int main() {
  pthread_mutex_lock(&M);
  timespec D = In(50);
  SAY("timed relock", pthread_mutex_timedlock(&M, &D));
  pthread_mutex_unlock(&M);
  return 0;
}
