// Double lock: an rwlock's reader asks to write. glibc does not know its
// readers: the call would hang for ever; a timed one returns ETIMEDOUT
// after 50 ms.
#include "common.h"

pthread_rwlock_t L = PTHREAD_RWLOCK_INITIALIZER;

int main() {
  pthread_rwlock_rdlock(&L);
  timespec D = In(50);
  SAY("reader writes", pthread_rwlock_timedwrlock(&L, &D));
  pthread_rwlock_unlock(&L);
  return 0;
}
