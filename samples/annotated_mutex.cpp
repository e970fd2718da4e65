// A project's own Mutex and MutexLock, annotated the way abseil and LevelDB
// annotate theirs. lockgraph reads the annotations: no configuration.
#include <pthread.h>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define GUARDED_BY(x) __attribute__((guarded_by(x)))

namespace port {
class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE() { pthread_mutex_lock(&mu_); }
  void Unlock() RELEASE() { pthread_mutex_unlock(&mu_); }

private:
  pthread_mutex_t mu_ = PTHREAD_MUTEX_INITIALIZER;
};

class SCOPED_CAPABILITY MutexLock {
public:
  explicit MutexLock(Mutex *mu) ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() RELEASE() { mu_->Unlock(); }

private:
  Mutex *const mu_;
};
} // namespace port

class Cache {
public:
  void Insert(int key);
  void Evict();

private:
  void TouchIndex();
  port::Mutex mu_;
  port::Mutex index_mu_;
  int size_ GUARDED_BY(mu_) = 0;
};

void Cache::TouchIndex() {
  port::MutexLock l(&index_mu_);
}

void Cache::Insert(int key) {
  port::MutexLock l(&mu_);
  size_ += key;
  TouchIndex(); // index_mu_ while mu_ is held
}

void Cache::Evict() {
  index_mu_.Lock();
  mu_.Lock(); // mu_ while index_mu_ is held: the other order
  --size_;
  mu_.Unlock();
  index_mu_.Unlock();
}
