// One big lock built on a condition variable, in the GIL's shape: the lock's
// state lives in plain fields guarded by a mutex; a thread that wants the
// lock waits on the condition variable (with a 5 ms timeout, like the GIL's
// switch interval) until it is its turn; the holder hands it on and signals.
// It is fair (first come, first served, as CPython's forced switching makes
// the GIL roughly fair). The mutex itself is only held for moments, so a tool
// that only times pthread_mutex_lock sees no contention at all.
//
//   cond_lock cpu    4 threads do CPU work holding the lock: they run one at
//                    a time (lockgraph: global-lock verdict, parallelism ~1)
//   cond_lock io     4 threads hold it briefly and sleep with it released:
//                    they overlap (no verdict)
//   cond_lock pool   4 idle workers wait on a condvar for jobs that one
//                    producer hands out: long waits, but the condvar is not
//                    a lock (no verdict)
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

class CondLock {
public:
  __attribute__((noinline)) void lock() {
    std::unique_lock<std::mutex> G(Mu);
    unsigned long Ticket = Next++;
    while (Serving != Ticket)
      if (Cv.wait_for(G, std::chrono::milliseconds(5)) == std::cv_status::timeout)
        ++Timeouts; // where the GIL would ask the holder to drop it
  }
  __attribute__((noinline)) void unlock() {
    {
      std::lock_guard<std::mutex> G(Mu);
      ++Serving;
    }
    Cv.notify_all(); // the next ticket holder is one of the waiters
  }
  unsigned long Timeouts = 0;

private:
  std::mutex Mu;
  std::condition_variable Cv;
  unsigned long Next = 0, Serving = 0;
};

static CondLock Big;
static volatile unsigned long Sink;

static void spin(int N) { // xorshift: a dependent chain the compiler cannot shorten
  unsigned long X = 88172645463325252ULL;
  for (int I = 0; I < N; ++I) {
    X ^= X << 13;
    X ^= X >> 7;
    X ^= X << 17;
  }
  Sink = X;
}

extern "C" __attribute__((noinline)) void cpu_worker() {
  for (int I = 0; I < 100; ++I) {
    Big.lock();
    spin(500000); // about 1 ms of work, all of it under the lock
    Big.unlock();
  }
}

extern "C" __attribute__((noinline)) void io_worker() {
  for (int I = 0; I < 40; ++I) {
    Big.lock();
    spin(2000);
    Big.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(10)); // "I/O", lock released
  }
}

// A job queue: idle workers wait; only the producer signals.
static std::mutex QMu;
static std::condition_variable QCv;
static int Jobs = 0, Done = 0;
static bool Closed = false;

extern "C" __attribute__((noinline)) void pool_worker() {
  std::unique_lock<std::mutex> G(QMu);
  for (;;) {
    QCv.wait(G, [] { return Jobs > 0 || Closed; });
    if (!Jobs)
      return;
    --Jobs;
    G.unlock();
    spin(20000);
    G.lock();
    ++Done;
  }
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "cpu";
  std::vector<std::thread> T;
  auto T0 = std::chrono::steady_clock::now();
  if (!strcmp(Mode, "pool")) {
    for (int I = 0; I < 4; ++I)
      T.emplace_back(pool_worker);
    for (int I = 0; I < 40; ++I) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      {
        std::lock_guard<std::mutex> G(QMu);
        ++Jobs;
      }
      QCv.notify_one();
    }
    {
      std::lock_guard<std::mutex> G(QMu);
      Closed = true;
    }
    QCv.notify_all();
  } else {
    bool Cpu = strcmp(Mode, "io") != 0;
    for (int I = 0; I < 4; ++I)
      T.emplace_back(Cpu ? cpu_worker : io_worker);
  }
  for (auto &X : T)
    X.join();
  double S = std::chrono::duration<double>(std::chrono::steady_clock::now() - T0).count();
  printf("cond_lock %s: %.2f s, %lu lock timeouts\n", Mode, S, Big.Timeouts);
  return 0;
}
