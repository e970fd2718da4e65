#include "conn.h"
struct conn g_conn = {PTHREAD_MUTEX_INITIALIZER, -1};
void open_conn(struct conn *c) { pthread_mutex_lock(&c->mu); }
void close_conn(struct conn *c) { pthread_mutex_unlock(&c->mu); }
