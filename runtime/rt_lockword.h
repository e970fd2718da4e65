//===- rt_lockword.h - lockgraph runtime: what glibc's lock says -*- C++ -*-===//
//
// The misuse checks ask the lock itself who holds it, because the held stacks
// cannot say it alone: a lock taken before the shim started, or by a thread it
// does not track, is on no stack. glibc keeps the owner's kernel thread id in
// every mutex it locks (__owner, for the normal kind too) and in a
// write-locked rwlock (__cur_writer); a spinlock is just a word. Read racily
// on slow paths only (an unlock the held stack did not expect, a destroy).
// glibc only: the layout is that of glibc 2.34+ (Debian 12 has 2.36).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_LOCKWORD_H
#define LOCKGRAPH_RT_LOCKWORD_H

#include "rt_runtime.h"

#include <pthread.h>

namespace lockgraph {
namespace rt {

#pragma GCC visibility push(hidden)

// What the lock word says about who holds a lock right now.
struct LockWord {
  bool Readable = true;  // false: an annotated lock, whose word is the program's own
  bool Locked = false;   // held by some thread (any mode)
  bool KnownOwner = false;
  int32_t OwnerTid = 0;  // when KnownOwner: the exclusive holder's kernel tid
};

// glibc's rwlock __readers word: writer phase and write-locked bits, then the
// number of readers (pthread_rwlock_common.c).
constexpr unsigned kRwWriteLocked = 2;
constexpr unsigned kRwReaderShift = 3;

// glibc's x86 spinlock (assembly) counts down from 1: 1 is free, 0 or below
// taken; the generic one is 0 free, 1 taken.
LG_ALWAYS_INLINE bool SpinWordFree(int V) {
#if defined(__x86_64__) || defined(__i386__)
  return V > 0;
#else
  return V == 0;
#endif
}

inline LockWord ReadLockWord(const void *P, uint8_t Type) {
  LockWord W;
  if (Type == kTypeAnnotated || Type == kTypeAnnotatedRecursive) {
    W.Readable = false;
  } else if (Type == kTypeSpin) {
    W.Locked = !SpinWordFree(__atomic_load_n(static_cast<const int *>(P), __ATOMIC_RELAXED));
  } else if (Type == kTypeRwlock) {
    auto *L = static_cast<const pthread_rwlock_t *>(P);
    unsigned R = __atomic_load_n(&L->__data.__readers, __ATOMIC_RELAXED);
    int Writer = __atomic_load_n(&L->__data.__cur_writer, __ATOMIC_RELAXED);
    W.Locked = (R & kRwWriteLocked) || (R >> kRwReaderShift) != 0;
    W.KnownOwner = Writer != 0;
    W.OwnerTid = Writer;
  } else {
    auto *M = static_cast<const pthread_mutex_t *>(P);
    int Owner = __atomic_load_n(&M->__data.__owner, __ATOMIC_RELAXED);
    W.Locked = __atomic_load_n(&M->__data.__lock, __ATOMIC_RELAXED) != 0 || Owner != 0;
    // A robust mutex whose owner died keeps a flag bit in __owner.
    W.KnownOwner = Owner != 0;
    W.OwnerTid = Owner & 0x3fffffff;
  }
  return W;
}

// The rwlock's kind, as glibc itself reads it (__flags): set by
// pthread_rwlock_init from the attribute, or by a static initializer
// (PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP); std::shared_mutex
// uses PTHREAD_RWLOCK_INITIALIZER, the reader-preferring default.
inline bool RwlockPrefersWriters(const void *P) {
  auto *L = static_cast<const pthread_rwlock_t *>(P);
  return __atomic_load_n(&L->__data.__flags, __ATOMIC_RELAXED) ==
         PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP;
}

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
