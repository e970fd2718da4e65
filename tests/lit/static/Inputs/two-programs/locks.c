/* The library both programs link: its locks. */
#include <pthread.h>
pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t conn_mu = PTHREAD_MUTEX_INITIALIZER;
