// Lock-order inversion: one thread takes A then B, a later one B then A.
// The threads run one after the other (joined), so the run never deadlocks;
// the order does (a potential deadlock).
#include "common.h"

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;

static void *Nested(void *Arg) {
  pthread_mutex_t *First = Arg ? &B : &A, *Second = Arg ? &A : &B;
  pthread_mutex_lock(First);
  pthread_mutex_lock(Second);
  pthread_mutex_unlock(Second);
  pthread_mutex_unlock(First);
  return nullptr;
}

int main() {
  pthread_t T;
  pthread_create(&T, nullptr, Nested, nullptr); // A -> B
  pthread_join(T, nullptr);
  pthread_create(&T, nullptr, Nested, &T); // B -> A
  pthread_join(T, nullptr);
  return 0;
}
