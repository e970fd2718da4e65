// Unlock of a mutex that no thread ever locked.
#include "common.h"

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

int main() {
  SAY("unlock", pthread_mutex_unlock(&M));
  return 0;
}
