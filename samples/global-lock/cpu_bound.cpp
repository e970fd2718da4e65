// The global-lock lesson, part 1: four threads that must hold one global lock
// to do their CPU-bound work (the way CPython threads hold the GIL). They run
// one at a time: the program gets about one CPU's worth of work done however
// many threads or cores it has. lockgraph's runtime shim reports the lock as
// a global lock, with the share of the wall time it was held and the
// effective parallelism.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

static std::mutex BigLock; // protects "the interpreter"
static volatile unsigned long Sink;

static void compute(int N) {
  unsigned long X = 1;
  for (int I = 0; I < N; ++I) {
    X ^= X << 13; // xorshift: a dependent chain the compiler cannot fold
    X ^= X >> 7;
    X ^= X << 17;
  }
  Sink = X;
}

void worker() { // not static: named in the report (-rdynamic)
  for (int Step = 0; Step < 3000; ++Step) {
    std::lock_guard<std::mutex> Hold(BigLock); // held for the whole step
    compute(30000);
  }
}

int main() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back(worker);
  for (auto &T : Threads)
    T.join();
  std::printf("cpu_bound: done\n");
  return 0;
}
