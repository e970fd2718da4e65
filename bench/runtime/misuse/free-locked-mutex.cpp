// free() of memory that holds a locked mutex: a heap-allocated
// pthread_mutex_t, locked, then freed without an unlock or a destroy.
#include "common.h"
#include <cstdlib>

int main() {
  auto *M = static_cast<pthread_mutex_t *>(malloc(sizeof(pthread_mutex_t)));
  pthread_mutex_init(M, nullptr);
  pthread_mutex_lock(M);
  free(M); // still locked
  fprintf(stderr, "freed\n");
  return 0;
}
