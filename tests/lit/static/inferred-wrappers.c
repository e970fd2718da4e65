// Unannotated C lock wrappers, inferred from their bodies (issue 11, item 1):
// a function that returns holding a lock it never releases is an acquire
// function of that lock, one that releases a lock it never takes a release
// function; the wrappers are not reported, their callers are checked.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>
#include <stdlib.h>

struct queue { pthread_mutex_t mu; int n; };
struct queue g_queue = { PTHREAD_MUTEX_INITIALIZER, 0 };
pthread_mutex_t g_stats = PTHREAD_MUTEX_INITIALIZER;

// Silent: the wrappers themselves (no lock-leak, no unlock-not-held).
void q_lock(struct queue *q) { pthread_mutex_lock(&q->mu); }
void q_unlock(struct queue *q) { pthread_mutex_unlock(&q->mu); }
// Silent: a wrapper of a wrapper, and a checked lock whose failure aborts.
void queue_lock_all(void) { q_lock(&g_queue); }
void checked_lock(struct queue *q) {
  if (pthread_mutex_lock(&q->mu) != 0)
    abort();
}
// Silent: releases for its callers, like q_unlock.
void queue_unlock_all(void) { q_unlock(&g_queue); }

// The cycle through the wrappers, named by what the callers passed.
void push(void) {
  q_lock(&g_queue);
  pthread_mutex_lock(&g_stats);
  pthread_mutex_unlock(&g_stats);
  q_unlock(&g_queue);
}
void report(void) {
  pthread_mutex_lock(&g_stats);
  checked_lock(&g_queue);
  q_unlock(&g_queue);
  pthread_mutex_unlock(&g_stats);
}
// CHECK: inferred-wrappers.c:[[@LINE-10]]:3: warning: potential deadlock: lock-order cycle 'g_stats' -> 'inferred-wrappers.c::queue::mu' -> 'g_stats' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-6]]:3: note: 'g_stats' acquired here
// CHECK-NEXT: :[[@LINE-6]]:3: note: 'inferred-wrappers.c::queue::mu' acquired here while holding 'g_stats'
// CHECK-NEXT: :[[@LINE-14]]:3: note: 'inferred-wrappers.c::queue::mu' acquired here
// CHECK-NEXT: :[[@LINE-14]]:3: note: 'g_stats' acquired here while holding 'inferred-wrappers.c::queue::mu'

// A caller that takes and releases through the wrappers but forgets one
// path: its own leak, at its exit.
int fails(void);
int forgot(void) {
  q_lock(&g_queue);
  if (fails())
    return -1;
  q_unlock(&g_queue);
  return 0;
}
// CHECK: inferred-wrappers.c:[[@LINE-1]]:1: warning: 'inferred-wrappers.c::queue::mu' is still held on some path when 'forgot' returns
// CHECK-NEXT: :[[@LINE-7]]:3: note: 'inferred-wrappers.c::queue::mu' acquired here

// A second release through the wrapper: the caller's unlock-not-held, with
// the wrapper's own unlock as a note.
void twice(void) {
  q_lock(&g_queue);
  q_unlock(&g_queue);
  q_unlock(&g_queue);
}
// CHECK: inferred-wrappers.c:[[@LINE-2]]:3: warning: 'inferred-wrappers.c::queue::mu' released by 'q_unlock' called here, but no path through 'twice' holds it [lockgraph-unlock-not-held]
// CHECK-NEXT: :15:34: note: 'q_unlock' releases 'inferred-wrappers.c::queue::mu' here

// mosquitto's shape: a function that releases a lock its callers are
// expected to hold (a release function, silent), called from a handler that
// does not hold it. A thin wrapper of a release function is one too; any
// other caller that does not hold the lock is where the misuse is.
struct client { pthread_mutex_t out_mu; pthread_mutex_t cb_mu; int state; };
void client_disconnect(struct client *c) {
  c->state = 0;
  pthread_mutex_lock(&c->cb_mu);
  pthread_mutex_unlock(&c->cb_mu);
  pthread_mutex_unlock(&c->out_mu);
}
void client_disconnect_thin(struct client *c) { client_disconnect(c); }
int read_byte(struct client *c);
int handle_disconnect(struct client *c) {
  if (!c)
    return -1;
  if (read_byte(c))
    return -2;
  client_disconnect(c);
  return 0;
}
// CHECK: inferred-wrappers.c:[[@LINE-3]]:3: warning: 'inferred-wrappers.c::client::out_mu' released by 'client_disconnect' called here, but no path through 'handle_disconnect' holds it [lockgraph-unlock-not-held]
// CHECK-NEXT: :[[@LINE-13]]:3: note: 'client_disconnect' releases 'inferred-wrappers.c::client::out_mu' here
// Silent: the other caller holds it, as client_disconnect expects.
void send_and_disconnect(struct client *c) {
  pthread_mutex_lock(&c->out_mu);
  c->state = 2;
  client_disconnect_thin(c);
}

// A lock reached through a pointer local set after its declaration is
// named by what the pointer was set to (issue 11, item 3), not a local 'm'.
pthread_mutex_t g_x = PTHREAD_MUTEX_INITIALIZER;
void through_pointer(void) {
  pthread_mutex_t *m;
  m = &g_queue.mu;
  pthread_mutex_lock(m);
  pthread_mutex_lock(&g_x);
  pthread_mutex_unlock(&g_x);
  pthread_mutex_unlock(m);
}
void x_then_queue(void) {
  pthread_mutex_lock(&g_x);
  q_lock(&g_queue);
  q_unlock(&g_queue);
  pthread_mutex_unlock(&g_x);
}
// CHECK: inferred-wrappers.c:[[@LINE-10]]:3: warning: potential deadlock: lock-order cycle 'g_x' -> 'inferred-wrappers.c::queue::mu' -> 'g_x' [lockgraph-lock-order-inversion]

// CHECK: lockgraph: 5 findings
