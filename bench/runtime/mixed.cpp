// Mixed workload: 4 threads doing mostly computation with small critical
// sections on 16 striped locks and an occasional nested pair; plus, once, an
// A->B / B->A inversion (in sequence, so it never hangs) that every tool
// should report.
//   mixed [iterations per thread]
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

std::mutex Stripe[16], A, B;
long Table[16];

static unsigned long Work(unsigned long X, int N) {
  for (int I = 0; I < N; ++I) {
    X ^= X << 13;
    X ^= X >> 7;
    X ^= X << 17;
  }
  return X;
}

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 400000;
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  std::vector<std::thread> Ts;
  for (int T = 0; T < 4; ++T)
    Ts.emplace_back([N, T] {
      unsigned long X = 88172645463325252ULL + T;
      for (long I = 0; I < N; ++I) {
        X = Work(X, 60); // ~100-200 ns of computation
        unsigned S = X % 16;
        std::lock_guard<std::mutex> G(Stripe[S]);
        Table[S] += X & 1;
        if ((I & 63) == 0) { // nested, always in stripe order
          unsigned S2 = (S + 1) % 16;
          if (S2 > S) {
            std::lock_guard<std::mutex> G2(Stripe[S2]);
            Table[S2]++;
          }
        }
      }
    });
  for (auto &T : Ts)
    T.join();
  long Sum = 0;
  for (long V : Table)
    Sum += V;
  printf("%ld\n", Sum);
  return 0;
}
