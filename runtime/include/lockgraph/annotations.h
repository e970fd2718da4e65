/*===- lockgraph/annotations.h - locks the lockgraph shim cannot see ------===*
 *
 * The runtime shim (liblockgraph_rt) sees a lock when it goes through
 * pthread_mutex_*, pthread_rwlock_* or pthread_spin_*. A lock built on the
 * futex syscall or on atomics alone (a project's own lock, absl::Mutex,
 * folly's locks) never does. Annotating it with the calls below makes it a
 * lock like the others: its acquisitions form order edges with every other
 * lock, cycles through it are reported, a non-recursive one re-locked by its
 * holder is a double lock, and its acquisitions and hold times are counted.
 *
 * The calls are shaped like ThreadSanitizer's __tsan_mutex_* annotations
 * (<sanitizer/tsan_interface.h>): the same arguments, the same flag bits with
 * the same values and meanings. A library already annotated for TSan forwards
 * to lockgraph with one macro, LOCKGRAPH_FORWARD_TSAN_ANNOTATIONS (below).
 *
 * Optional by construction: the shim's functions are declared weak, and the
 * lockgraph_mutex_* wrappers call them only when they are there. A program
 * built with this header but neither linked with the shim nor run under
 * LD_PRELOAD links and runs unchanged; each annotation then costs a load and
 * a branch. Preloading the shim into the same binary turns them on.
 *
 * Annotating a lock (call the lockgraph_mutex_* wrappers, not the
 * __lockgraph_mutex_* functions, which may be absent):
 *
 *   constructor:  lockgraph_mutex_create(this, 0);
 *   lock():       lockgraph_mutex_pre_lock(this, 0);
 *                 ... the acquisition, which may block ...
 *                 lockgraph_mutex_post_lock(this, 0, 0);
 *   try_lock():   lockgraph_mutex_pre_lock(this, __lockgraph_mutex_try_lock);
 *                 bool Ok = ... one attempt ...;
 *                 lockgraph_mutex_post_lock(this, __lockgraph_mutex_try_lock |
 *                     (Ok ? 0 : __lockgraph_mutex_try_lock_failed), 0);
 *   unlock():     lockgraph_mutex_pre_unlock(this, 0);
 *                 ... the release ...
 *                 lockgraph_mutex_post_unlock(this, 0);
 *   destructor:   lockgraph_mutex_destroy(this, 0);
 *
 * A shared (reader) acquisition and its release pass
 * __lockgraph_mutex_read_lock. The address names the lock: use one address
 * per lock, the same in every call, and annotate only locks that do not take
 * a pthread lock inside (the shim sees that one already).
 *
 * What each call does in the shim:
 *   create(addr, flags)   addr is a new lock: like pthread_mutex_init, it
 *                         ends any instance recorded there, so reused
 *                         memory never inherits old order edges. Creation
 *                         flags are remembered for the new instance.
 *   destroy(addr, flags)  ends the instance; destroying a lock the calling
 *                         thread holds is reported (destroy-held-lock).
 *                         Ignored with __lockgraph_mutex_linker_init.
 *   pre_lock(addr, flags) before an acquisition that may block: the order
 *                         edges held -> addr are recorded now, before the
 *                         thread can block in a deadlock; a non-reentrant
 *                         lock the thread holds already is reported as a
 *                         double lock (this acquisition will hang). A try
 *                         (__lockgraph_mutex_try_lock) records neither: it
 *                         cannot block.
 *   post_lock(addr, flags, recursion)
 *                         the acquisition succeeded: addr is held (shared
 *                         with read_lock), recursion levels at once with
 *                         recursive_lock. Nothing with try_lock_failed.
 *   pre_unlock(addr, flags) -> int
 *                         addr is released (one level, every level with
 *                         recursive_unlock); returns the levels released, 0
 *                         when the thread does not hold it.
 *   post_unlock(addr, flags)
 *                         nothing (present to match TSan's shape).
 * Thread-safe, and never allocating: they cost what an interposed pthread
 * lock call with locks held costs (a lock's first acquisition and a new
 * order edge take the shim's internal lock). Calls made while the thread is
 * inside the shim (a signal handler interrupting it) are ignored, as nested
 * pthread calls are.
 *
 * Creation flags may be passed to create, or (for locks without a
 * constructor) to pre_lock and post_lock, as with TSan.
 *===----------------------------------------------------------------------===*/
#ifndef LOCKGRAPH_ANNOTATIONS_H
#define LOCKGRAPH_ANNOTATIONS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Creation flags. */
/* Static storage, no-op constructor and destructor: destroy is ignored. */
static const unsigned __lockgraph_mutex_linker_init = 1 << 0;
/* Its holder may lock it again (a recursive mutex): no double lock. */
static const unsigned __lockgraph_mutex_write_reentrant = 1 << 1;
/* A reader may read-lock it again (shared re-locks are always accepted). */
static const unsigned __lockgraph_mutex_read_reentrant = 1 << 2;
/* Not static (the opposite of linker_init); accepted, no effect. */
static const unsigned __lockgraph_mutex_not_static = 1 << 8;

/* Operation flags. */
/* A shared (reader) acquisition or release. */
static const unsigned __lockgraph_mutex_read_lock = 1 << 3;
/* One attempt that cannot block: no order edge. */
static const unsigned __lockgraph_mutex_try_lock = 1 << 4;
/* post_lock of a try that did not acquire: nothing is held. */
static const unsigned __lockgraph_mutex_try_lock_failed = 1 << 5;
/* post_lock acquires `recursion` levels at once (after a wait that released
   them all, as a monitor's wait does). */
static const unsigned __lockgraph_mutex_recursive_lock = 1 << 6;
/* pre_unlock releases every level and returns how many. */
static const unsigned __lockgraph_mutex_recursive_unlock = 1 << 7;

static const unsigned __lockgraph_mutex_try_read_lock =
    __lockgraph_mutex_read_lock | __lockgraph_mutex_try_lock;
static const unsigned __lockgraph_mutex_try_read_lock_failed =
    __lockgraph_mutex_try_read_lock | __lockgraph_mutex_try_lock_failed;

/* Defined by the shim; weak here, so null without it. The shim's own source
   (LOCKGRAPH_ANNOTATIONS_IMPLEMENTATION) includes this header for the
   signatures and flags, and must not make its definitions weak. */
#ifdef LOCKGRAPH_ANNOTATIONS_IMPLEMENTATION
#define LOCKGRAPH_WEAK_
#else
#define LOCKGRAPH_WEAK_ __attribute__((weak))
#endif
void __lockgraph_mutex_create(void *addr, unsigned flags) LOCKGRAPH_WEAK_;
void __lockgraph_mutex_destroy(void *addr, unsigned flags) LOCKGRAPH_WEAK_;
void __lockgraph_mutex_pre_lock(void *addr, unsigned flags) LOCKGRAPH_WEAK_;
void __lockgraph_mutex_post_lock(void *addr, unsigned flags, int recursion) LOCKGRAPH_WEAK_;
int __lockgraph_mutex_pre_unlock(void *addr, unsigned flags) LOCKGRAPH_WEAK_;
void __lockgraph_mutex_post_unlock(void *addr, unsigned flags) LOCKGRAPH_WEAK_;
#undef LOCKGRAPH_WEAK_

#ifndef LOCKGRAPH_ANNOTATIONS_IMPLEMENTATION

/* The calls to make. Always inlined: the shim names a lock by the code that
   first acquired it (the return address of __lockgraph_mutex_pre_lock), and
   that should be the annotated lock's code, not one wrapper shared by all. */
#define LOCKGRAPH_ANNOTATION_ static inline __attribute__((always_inline, unused))

LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_create(void *addr, unsigned flags) {
  if (&__lockgraph_mutex_create)
    __lockgraph_mutex_create(addr, flags);
}
LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_destroy(void *addr, unsigned flags) {
  if (&__lockgraph_mutex_destroy)
    __lockgraph_mutex_destroy(addr, flags);
}
LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_pre_lock(void *addr, unsigned flags) {
  if (&__lockgraph_mutex_pre_lock)
    __lockgraph_mutex_pre_lock(addr, flags);
}
LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_post_lock(void *addr, unsigned flags,
                                                     int recursion) {
  if (&__lockgraph_mutex_post_lock)
    __lockgraph_mutex_post_lock(addr, flags, recursion);
}
LOCKGRAPH_ANNOTATION_ int lockgraph_mutex_pre_unlock(void *addr, unsigned flags) {
  return &__lockgraph_mutex_pre_unlock ? __lockgraph_mutex_pre_unlock(addr, flags) : 0;
}
LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_post_unlock(void *addr, unsigned flags) {
  if (&__lockgraph_mutex_post_unlock)
    __lockgraph_mutex_post_unlock(addr, flags);
}
/* TSan's signal and divert annotations have nothing to record here: a
   condition signal is not an acquisition, and the locks taken inside a
   diverted region are held while the annotated lock is being acquired. */
LOCKGRAPH_ANNOTATION_ void lockgraph_mutex_ignored(void *addr, unsigned flags) {
  (void)addr;
  (void)flags;
}

#endif /* !LOCKGRAPH_ANNOTATIONS_IMPLEMENTATION */

#ifdef __cplusplus
}
#endif

/* Forwarding a library annotated for ThreadSanitizer: define
   LOCKGRAPH_FORWARD_TSAN_ANNOTATIONS and include this header before the
   library's code (e.g. -DLOCKGRAPH_FORWARD_TSAN_ANNOTATIONS
   -include lockgraph/annotations.h), and turn the library's TSan annotations
   on however it does that. Its __tsan_mutex_* calls then come here instead
   of going to TSan, guarded as above, so the build does not need TSan's
   runtime (and should not be a -fsanitize=thread build). The flag names
   come from <sanitizer/tsan_interface.h> where the compiler has it (same
   values), else from here. A library that declares the __tsan_mutex_*
   functions itself (weak, and checks them, as folly does) instead of
   including TSan's header needs those declarations pointed at the
   __lockgraph_mutex_* functions instead. */
#ifdef LOCKGRAPH_FORWARD_TSAN_ANNOTATIONS
#if defined(__has_include)
#if __has_include(<sanitizer/tsan_interface.h>)
#include <sanitizer/tsan_interface.h>
#endif
#endif
#ifndef SANITIZER_TSAN_INTERFACE_H
static const unsigned __tsan_mutex_linker_init = 1 << 0;
static const unsigned __tsan_mutex_write_reentrant = 1 << 1;
static const unsigned __tsan_mutex_read_reentrant = 1 << 2;
static const unsigned __tsan_mutex_not_static = 1 << 8;
static const unsigned __tsan_mutex_read_lock = 1 << 3;
static const unsigned __tsan_mutex_try_lock = 1 << 4;
static const unsigned __tsan_mutex_try_lock_failed = 1 << 5;
static const unsigned __tsan_mutex_recursive_lock = 1 << 6;
static const unsigned __tsan_mutex_recursive_unlock = 1 << 7;
static const unsigned __tsan_mutex_try_read_lock = (1 << 3) | (1 << 4);
static const unsigned __tsan_mutex_try_read_lock_failed = (1 << 3) | (1 << 4) | (1 << 5);
#endif
#define __tsan_mutex_create lockgraph_mutex_create
#define __tsan_mutex_destroy lockgraph_mutex_destroy
#define __tsan_mutex_pre_lock lockgraph_mutex_pre_lock
#define __tsan_mutex_post_lock lockgraph_mutex_post_lock
#define __tsan_mutex_pre_unlock lockgraph_mutex_pre_unlock
#define __tsan_mutex_post_unlock lockgraph_mutex_post_unlock
#define __tsan_mutex_pre_signal lockgraph_mutex_ignored
#define __tsan_mutex_post_signal lockgraph_mutex_ignored
#define __tsan_mutex_pre_divert lockgraph_mutex_ignored
#define __tsan_mutex_post_divert lockgraph_mutex_ignored
#endif

#endif /* LOCKGRAPH_ANNOTATIONS_H */
