#include <pthread.h>
#include <stdio.h>

int g_debug;
pthread_mutex_t g_state = PTHREAD_MUTEX_INITIALIZER;

/* Writes only when debugging is on: the project declares it non-blocking. */
void debug_log(const char *msg) {
  if (g_debug)
    fputs(msg, stderr);
}
/* A trace dump the project asks lockgraph not to follow. */
void trace_dump(void) { fflush(stderr); }

void update_state(void) {
  pthread_mutex_lock(&g_state);
  debug_log("updating");
  trace_dump();
  pthread_mutex_unlock(&g_state);
}
