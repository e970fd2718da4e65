// One condition variable waited on with two mutexes at the same time: a
// thread waits with M1 while main waits (10 ms, timed) with M2.
#include "common.h"
#include <unistd.h>

pthread_mutex_t M1 = PTHREAD_MUTEX_INITIALIZER, M2 = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Cv = PTHREAD_COND_INITIALIZER;
bool Waiting = false, Done = false; // under M1

static void *Waiter(void *) {
  pthread_mutex_lock(&M1);
  Waiting = true;
  while (!Done)
    pthread_cond_wait(&Cv, &M1);
  pthread_mutex_unlock(&M1);
  return nullptr;
}

int main() {
  pthread_t T;
  pthread_create(&T, nullptr, Waiter, nullptr);
  for (bool W = false; !W;) { // M1 is free only once the waiter is waiting
    pthread_mutex_lock(&M1);
    W = Waiting;
    pthread_mutex_unlock(&M1);
    if (!W)
      usleep(1000);
  }
  pthread_mutex_lock(&M2);
  timespec D = In(10);
  SAY("second mutex wait", pthread_cond_timedwait(&Cv, &M2, &D));
  pthread_mutex_unlock(&M2);
  pthread_mutex_lock(&M1);
  Done = true;
  pthread_cond_broadcast(&Cv);
  pthread_mutex_unlock(&M1);
  pthread_join(T, nullptr);
  return 0;
}
