#include <fcntl.h>
#include <sys/socket.h>

/* As a network library sets its descriptors up: a helper that makes one
   non-blocking through a pointer, and a socket pair built from it. */
int make_nonblocking(int *sock) {
  int flags = fcntl(*sock, F_GETFL, 0);
  if (flags == -1)
    return -1;
  return fcntl(*sock, F_SETFL, flags | O_NONBLOCK);
}

int wake_pair(int *read_end, int *write_end) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
    return -1;
  if (make_nonblocking(&sv[0]) || make_nonblocking(&sv[1]))
    return -1;
  *read_end = sv[0];
  *write_end = sv[1];
  return 0;
}
