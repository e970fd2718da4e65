// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
//
// Two idioms met in real code (rsyslog, memcached).
#include <pthread.h>
#include <stdlib.h>

struct msg {
  pthread_mutex_t mut;
  int fields;
};

static int root_of(struct msg *m, pthread_mutex_t **mut) {
  if (!m)
    return -1;
  *mut = &m->mut;
  return 0;
}

// The lock is found through an out-parameter; the error path jumps to the
// end before it is taken, and the unlock there tests the pointer. A
// pointer just locked is not null, so every path releases what it took.
int add_field(struct msg *m) {
  pthread_mutex_t *mut = NULL;
  int ret = root_of(m, &mut);
  if (ret != 0)
    goto finalize_it;
  pthread_mutex_lock(mut);
  if (m->fields > 8) {
    ret = -1;
    goto finalize_it;
  }
  ++m->fields;
finalize_it:
  if (mut != NULL)
    pthread_mutex_unlock(mut);
  return ret;
}

// memcached's stats: the caller holds stats_lock while it hands each line
// to a callback it was given; the callback that grows the buffer counts a
// failed allocation under stats_lock: a self-deadlock when realloc fails.
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long malloc_fails;
typedef void (*add_stat_fn)(const char *line, void *buffer);

static void append_line(const char *line, void *buffer) {
  void *grown = realloc(buffer, 4096);
  if (!grown) {
    pthread_mutex_lock(&stats_lock);
    ++malloc_fails;
    pthread_mutex_unlock(&stats_lock);
  }
  (void)line;
}

void server_stats(add_stat_fn add_stat, void *buffer) {
  pthread_mutex_lock(&stats_lock);
  add_stat("pid", buffer);
  pthread_mutex_unlock(&stats_lock);
}

void process_stat(void *buffer) { server_stats(append_line, buffer); }
// memcached's item_trylock: the lock comes back as a `void *` or NULL, and
// goes back to a helper that casts it. Which lock that is the pass cannot
// tell (it is named by its site), so it does not claim it is not held;
// the summary counts such releases.
static pthread_mutex_t item_locks[4];
void item_trylock_unlock(void *lock) { pthread_mutex_unlock((pthread_mutex_t *)lock); }
void *item_trylock(unsigned hv);
int move_item(unsigned hv) {
  void *hold = item_trylock(hv);
  if (hold == NULL)
    return 0;
  item_trylock_unlock(hold);
  return 1;
}
int move_items(unsigned n) {
  void *hold_lock; // set to no lock, then to what each try returned
  int moved = 0;
  for (unsigned hv = 0; hv < n; ++hv) {
    hold_lock = NULL;
    if ((hold_lock = item_trylock(hv)) == NULL)
      continue;
    ++moved;
    item_trylock_unlock(hold_lock);
  }
  return moved;
}

// CHECK: lock-through-pointer.c:58:3: warning: 'lock-through-pointer.c::stats_lock' acquired while already held
// CHECK: lock-through-pointer.c:58:3: note: calls 'append_line' while holding 'lock-through-pointer.c::stats_lock'
// CHECK: lockgraph: 1 finding (1 double-lock; {{.*}}, 2 releases of locks it cannot name not checked)
