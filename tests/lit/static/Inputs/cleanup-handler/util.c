/* A cancellation cleanup handler: it gets its mutex as a void pointer. */
#include <pthread.h>
void mutex_cancel_cleanup(void *arg) { pthread_mutex_unlock((pthread_mutex_t *)arg); }
