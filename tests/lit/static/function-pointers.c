// Calls through function pointers (issue 13, item 3): an indirect call runs
// every function whose address the program stores into the same variable,
// the same field of the same struct type, or the same table. A lock function
// called through a pointer takes its lock in the caller, named by what the
// caller passed, as a direct call does.
// RUN: not %lockgraph %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER, d = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t e = PTHREAD_MUTEX_INITIALIZER, f = PTHREAD_MUTEX_INITIALIZER;

typedef void (*lock_fn_t)(pthread_mutex_t *);
static void take(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static void drop(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

// A variable holding a function pointer, through a typedef and a cast.
static lock_fn_t g_lock = (lock_fn_t)take;
static void (*g_unlock)(pthread_mutex_t *) = &drop;

void a_then_b(void) {
  (*g_lock)(&a);
  g_lock(&b);
  g_unlock(&b);
  g_unlock(&a);
}
void b_then_a(void) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
}
// CHECK: function-pointers.c:[[@LINE-4]]:3: warning: potential deadlock: lock-order cycle 'a' -> 'b' -> 'a' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-12]]:3: note: 'a' acquired here
// CHECK-NEXT: :[[@LINE-12]]:3: note: 'b' acquired here while holding 'a'
// CHECK-NEXT: :[[@LINE-8]]:3: note: 'b' acquired here
// CHECK-NEXT: :[[@LINE-8]]:3: note: 'a' acquired here while holding 'b'

// A table of handlers: the call may run either.
static void lock_c(void) {
  pthread_mutex_lock(&c);
  pthread_mutex_unlock(&c);
}
static void nothing(void) {}
static void (*handlers[])(void) = {nothing, lock_c};

void dispatch(int i) {
  pthread_mutex_lock(&d);
  handlers[i]();
  pthread_mutex_unlock(&d);
}
void c_then_d(void) {
  pthread_mutex_lock(&c);
  pthread_mutex_lock(&d);
  pthread_mutex_unlock(&d);
  pthread_mutex_unlock(&c);
}
// CHECK: function-pointers.c:[[@LINE-9]]:3: warning: potential deadlock: lock-order cycle 'c' -> 'd' -> 'c' [lockgraph-lock-order-inversion]
// CHECK-NEXT: :[[@LINE-6]]:3: note: 'c' acquired here
// CHECK-NEXT: :[[@LINE-6]]:3: note: 'd' acquired here while holding 'c'
// CHECK-NEXT: :[[@LINE-13]]:3: note: 'd' acquired here
// CHECK-NEXT: :[[@LINE-13]]:3: note: calls 'lock_c' while holding 'd'
// CHECK-NEXT: :[[@LINE-22]]:3: note: 'c' acquired here while holding 'd'

// Two struct types with a field of the same name are two slots: run_file
// runs file_run only, so e -> f here and f -> e nowhere (no cycle).
struct net_ops { void (*run)(void); };
struct file_ops { void (*run)(void); };
static void net_run(void) {
  pthread_mutex_lock(&e);
  pthread_mutex_unlock(&e);
}
static void file_run(void) {}
struct net_ops g_net = {net_run};           // positional
struct file_ops g_file = {.run = file_run}; // designated

void run_file(struct file_ops *ops) {
  pthread_mutex_lock(&f);
  ops->run();
  pthread_mutex_unlock(&f);
}
void e_then_f(void) {
  pthread_mutex_lock(&e);
  pthread_mutex_lock(&f);
  pthread_mutex_unlock(&f);
  pthread_mutex_unlock(&e);
}

// A hook set through a setter's parameter: the setter copies what its
// callers pass, so the hook holds `take`, and taking `a` twice through it
// is a double lock.
static lock_fn_t g_hook;
void set_hook(lock_fn_t fn) { g_hook = fn; }
void init_hooks(void) { set_hook(take); }
void hooked_twice(void) {
  g_hook(&a);
  g_hook(&a);
  drop(&a);
}
// CHECK: function-pointers.c:[[@LINE-3]]:3: warning: 'a' acquired while already held{{.*}} [lockgraph-double-lock]
// CHECK-NEXT: :[[@LINE-5]]:3: note: 'a' acquired here
// CHECK-NEXT: :[[@LINE-5]]:3: note: 'a' acquired here while holding 'a'

// A lock callback nothing is stored into: not followed, and said so.
struct plugin { void (*lock)(pthread_mutex_t *); };
void use_plugin(struct plugin *p) { p->lock(&a); }

// CHECK: lockgraph: 3 findings (2 lock-order-inversion, 1 double-lock; 6 locks, 5 edges, 16 functions in 1 translation units, 8 calls through pointers resolved, 1 not followed)
// CHECK-NEXT: lockgraph: note: 1 indirect call through lock-like pointers had no known target, so the locks they take are not seen (first: {{.*}}function-pointers.c:[[@LINE-3]] 'p->lock')
