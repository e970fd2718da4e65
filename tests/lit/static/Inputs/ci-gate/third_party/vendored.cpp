// Vendored code the project does not fix: a double lock that a
// `file:*/third_party/*` suppression silences.
#include <mutex>

namespace vendored {
std::mutex g_pool_mu;

void rehash() { std::lock_guard<std::mutex> g(g_pool_mu); }

void grow() {
  std::lock_guard<std::mutex> g(g_pool_mu);
  rehash();
}
} // namespace vendored
