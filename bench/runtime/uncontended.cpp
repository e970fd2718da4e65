// Uncontended lock/unlock loop: one thread, one std::mutex.
//   uncontended [iterations]
#include <cstdio>
#include <cstdlib>
#include <mutex>

std::mutex M;
volatile long Counter;

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 20000000;
  for (long I = 0; I < N; ++I) {
    M.lock();
    Counter = Counter + 1;
    M.unlock();
  }
  printf("%ld\n", (long)Counter);
  return 0;
}
