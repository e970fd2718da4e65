// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
//
// A library that calls its user's callbacks under callback_mu, and marks
// the object while it does (mosquitto's `in_callback`): a callback that
// sends does not write out at once (packet_queue tests the mark), so it
// never takes callback_mu again. The callee's test of its parameter's
// field is carried up through the callers that pass the object on, and
// the call site that set the field rules the path out. A path that does
// not set it is a double lock.
#include <pthread.h>

struct conn {
  pthread_mutex_t callback_mu;
  int in_callback;
  void (*on_connect)(struct conn *c);
};

static void packet_write(struct conn *c) {
  pthread_mutex_lock(&c->callback_mu);
  pthread_mutex_unlock(&c->callback_mu);
}

static void packet_queue(struct conn *c) {
  if (c->in_callback == 0)
    packet_write(c);
}

static void send_disconnect(struct conn *c) { packet_queue(c); }

/* The user's callback, stored into the library's object. */
static void app_on_connect(struct conn *c) { send_disconnect(c); }

void setup(struct conn *c) { c->on_connect = app_on_connect; }

void handle_connack(struct conn *c) {
  pthread_mutex_lock(&c->callback_mu);
  c->in_callback = 1;
  c->on_connect(c);
  c->in_callback = 0;
  pthread_mutex_unlock(&c->callback_mu);
}

void handle_unmarked(struct conn *c) {
  pthread_mutex_lock(&c->callback_mu);
  c->on_connect(c);
  pthread_mutex_unlock(&c->callback_mu);
}
// CHECK: callback-state.c:[[@LINE-3]]:3: warning: 'callback-state.c::conn::callback_mu' acquired while already held
// CHECK: note: calls 'app_on_connect' while holding 'callback-state.c::conn::callback_mu'
// CHECK: lockgraph: 1 finding (1 double-lock;
