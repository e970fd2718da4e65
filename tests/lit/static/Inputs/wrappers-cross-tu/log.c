#include "conn.h"
pthread_mutex_t g_log_mu = PTHREAD_MUTEX_INITIALIZER;
/* Holds the connection (through conn.c's wrapper) while it logs. */
void write_conn(struct conn *c, const char *msg) {
  open_conn(c);
  log_line(msg);
  close_conn(c);
}
void log_line(const char *msg) {
  pthread_mutex_lock(&g_log_mu);
  (void)msg;
  pthread_mutex_unlock(&g_log_mu);
}
/* Holds the log lock while it writes to the connection: the other order. */
void flush_log(void) {
  pthread_mutex_lock(&g_log_mu);
  open_conn(&g_conn);
  close_conn(&g_conn);
  pthread_mutex_unlock(&g_log_mu);
}
/* Releases the connection twice: the second is not held. */
void close_twice(void) {
  open_conn(&g_conn);
  close_conn(&g_conn);
  close_conn(&g_conn);
}
