// A connection whose lock the callers take and drop through two wrappers
// defined in conn.c, and a log lock taken in the other order in log.c.
#include <pthread.h>
struct conn {
  pthread_mutex_t mu;
  int fd;
};
extern struct conn g_conn;
extern pthread_mutex_t g_log_mu;
void open_conn(struct conn *c);  /* locks c->mu for the caller */
void close_conn(struct conn *c); /* unlocks it */
void write_conn(struct conn *c, const char *msg);
void log_line(const char *msg);
