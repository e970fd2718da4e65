// Helpers shared by the misuse cases: an error-checking mutex, a deadline
// a few milliseconds away, and an error code's name.
#pragma once
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pthread.h>
#include <time.h>

static inline void InitErrorCheck(pthread_mutex_t *M) {
  pthread_mutexattr_t A;
  pthread_mutexattr_init(&A);
  pthread_mutexattr_settype(&A, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(M, &A);
  pthread_mutexattr_destroy(&A);
}

static inline timespec In(long Ms) {
  timespec D;
  clock_gettime(CLOCK_REALTIME, &D);
  D.tv_nsec += Ms * 1000000;
  D.tv_sec += D.tv_nsec / 1000000000;
  D.tv_nsec %= 1000000000;
  return D;
}

static inline const char *ErrName(int Rc) {
  switch (Rc) {
  case 0: return "0";
  case EDEADLK: return "EDEADLK";
  case EPERM: return "EPERM";
  case EINVAL: return "EINVAL";
  case EBUSY: return "EBUSY";
  case ETIMEDOUT: return "ETIMEDOUT";
  default: return strerror(Rc);
  }
}

// Prints what a call returned, so a run's output shows what glibc did.
#define SAY(what, rc) fprintf(stderr, "%s: %s\n", what, ErrName(rc))
