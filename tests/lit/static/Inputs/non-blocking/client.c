#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

int wake_pair(int *read_end, int *write_end);

struct client {
  pthread_mutex_t mu;
  int wake_r, wake_w; /* made non-blocking by wake_pair (net.c) */
  int data_fd;        /* never made non-blocking */
};

int client_init(struct client *c) { return wake_pair(&c->wake_r, &c->wake_w); }

/* Silent: the wake-up write cannot block. */
void client_wake(struct client *c) {
  char b = 0;
  pthread_mutex_lock(&c->mu);
  write(c->wake_w, &b, 1);
  pthread_mutex_unlock(&c->mu);
}

/* Reported, with the hedge: nothing seen makes data_fd non-blocking. */
void client_send(struct client *c, const char *buf, int n) {
  pthread_mutex_lock(&c->mu);
  send(c->data_fd, buf, n, 0);
  pthread_mutex_unlock(&c->mu);
}

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;

/* Silent: created non-blocking. */
void probe(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  pthread_mutex_lock(&g_mu);
  connect(fd, 0, 0);
  pthread_mutex_unlock(&g_mu);
}
void take_one(int listener) {
  int fd = accept4(listener, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
  char b;
  pthread_mutex_lock(&g_mu);
  read(fd, &b, 1);
  pthread_mutex_unlock(&g_mu);
}

/* Reported: this clears the flag. */
void drain(int fd) {
  char b;
  int flags = fcntl(fd, F_GETFL, 0);
  fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  pthread_mutex_lock(&g_mu);
  read(fd, &b, 1);
  pthread_mutex_unlock(&g_mu);
}
