// Allocation churn: 4 threads allocate and free small objects of mixed sizes
// in a loop (the cost of the shim's interposed free), with an occasional
// lock: a shared std::mutex every 64 objects, and every 256 objects a
// heap object that holds its own std::mutex, locked once, then deleted
// (the free path that must find and retire a lock).
//   churn [iterations per thread]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

std::mutex Shared;
long Total;

struct Locked {
  std::mutex Mu;
  long Value = 0;
};

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 2000000;
  std::vector<std::thread> Ts;
  for (int T = 0; T < 4; ++T)
    Ts.emplace_back([N, T] {
      void *Live[8] = {};
      unsigned long X = 88172645463325252ULL + T;
      long Sum = 0;
      for (long I = 0; I < N; ++I) {
        X ^= X << 13;
        X ^= X >> 7;
        X ^= X << 17;
        unsigned K = X & 7;
        free(Live[K]); // a window of 8 live objects: frees are not LIFO
        size_t Size = 16 + (X >> 8) % 240;
        char *P = static_cast<char *>(malloc(Size));
        P[0] = char(I);
        P[Size - 1] = char(X);
        Live[K] = P;
        Sum += P[0];
        if ((I & 63) == 0) {
          std::lock_guard<std::mutex> G(Shared);
          Total += Sum;
        }
        if ((I & 255) == 0) {
          Locked *L = new Locked;
          {
            std::lock_guard<std::mutex> G(L->Mu);
            L->Value = Sum;
          }
          Sum += L->Value & 1;
          delete L;
        }
      }
      for (void *P : Live)
        free(P);
    });
  for (auto &T : Ts)
    T.join();
  std::printf("churn: %ld\n", Total);
  return 0;
}
