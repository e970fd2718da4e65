// The global-lock lesson, part 2: the same four threads and the same global
// lock, but each step is mostly I/O (here: a 2 ms sleep standing in for a
// read or a network wait), done with the lock released. The lock is held
// only briefly to update shared state, the threads overlap their waits, and
// lockgraph reports no global lock.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

static std::mutex BigLock;
static unsigned long Counter;

void worker() { // not static: named in the report (-rdynamic)
  for (int Step = 0; Step < 100; ++Step) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2)); // I/O, lock released
    std::lock_guard<std::mutex> Hold(BigLock);                 // short update
    ++Counter;
  }
}

int main() {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back(worker);
  for (auto &T : Threads)
    T.join();
  std::printf("io_release: done (%lu updates)\n", Counter);
  return 0;
}
