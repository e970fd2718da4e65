// Double lock: an rwlock's writer asks for the write lock again. glibc
// knows the writer and returns EDEADLK.
#include "common.h"

pthread_rwlock_t L = PTHREAD_RWLOCK_INITIALIZER;

int main() {
  pthread_rwlock_wrlock(&L);
  SAY("writer relocks", pthread_rwlock_wrlock(&L));
  pthread_rwlock_unlock(&L);
  return 0;
}
