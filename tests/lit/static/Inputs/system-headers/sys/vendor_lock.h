// A library header found through -isystem: its own lock bugs are not the
// project's to fix, and nothing in it is reported.
#include <pthread.h>

static pthread_mutex_t vendor_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t vendor_b = PTHREAD_MUTEX_INITIALIZER;
int vendor_check(void);

// A lock-leak, an unlock-not-held and a lock-order cycle, all in the header.
static inline void vendor_leak(void) {
  pthread_mutex_lock(&vendor_a);
  if (vendor_check())
    return;
  pthread_mutex_unlock(&vendor_a);
}
static inline void vendor_unlock_twice(void) {
  pthread_mutex_lock(&vendor_a);
  pthread_mutex_unlock(&vendor_a);
  pthread_mutex_unlock(&vendor_a);
}
static inline void vendor_ab(void) {
  pthread_mutex_lock(&vendor_a);
  pthread_mutex_lock(&vendor_b);
  pthread_mutex_unlock(&vendor_b);
  pthread_mutex_unlock(&vendor_a);
}
static inline void vendor_ba(void) {
  pthread_mutex_lock(&vendor_b);
  pthread_mutex_lock(&vendor_a);
  pthread_mutex_unlock(&vendor_a);
  pthread_mutex_unlock(&vendor_b);
}
