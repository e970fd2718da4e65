/* The one lock every file shares. */
#include <pthread.h>
pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;
