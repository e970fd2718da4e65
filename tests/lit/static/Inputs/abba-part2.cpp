// The other half: g_second, then (in part1) g_first.
#include "abba-shared.h"
namespace shared {
std::mutex g_second;
void take_second() { std::lock_guard<std::mutex> l(g_second); }
void backward() {
  std::lock_guard<std::mutex> l(g_second);
  take_first();
}
} // namespace shared
