// Contended multi-thread queue: 4 producers, 4 consumers, one mutex and two
// condition variables around a bounded std::deque.
//   contended_queue [items per producer]
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

std::mutex M;
std::condition_variable NotEmpty, NotFull;
std::deque<long> Q;
constexpr size_t Cap = 64;

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 200000;
  const int P = 4, C = 4;
  long Sum = 0;
  std::vector<std::thread> Ts;
  for (int I = 0; I < P; ++I)
    Ts.emplace_back([N] {
      for (long K = 0; K < N; ++K) {
        std::unique_lock<std::mutex> L(M);
        NotFull.wait(L, [] { return Q.size() < Cap; });
        Q.push_back(K);
        NotEmpty.notify_one();
      }
    });
  std::mutex SumM;
  for (int I = 0; I < C; ++I)
    Ts.emplace_back([&, N] {
      long Local = 0;
      for (long K = 0; K < N * P / C; ++K) {
        std::unique_lock<std::mutex> L(M);
        NotEmpty.wait(L, [] { return !Q.empty(); });
        Local += Q.front();
        Q.pop_front();
        NotFull.notify_one();
      }
      std::lock_guard<std::mutex> G(SumM);
      Sum += Local;
    });
  for (auto &T : Ts)
    T.join();
  printf("%ld\n", Sum);
  return 0;
}
