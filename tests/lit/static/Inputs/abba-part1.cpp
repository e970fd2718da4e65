// One half of a cross-TU cycle: g_first, then (in part2) g_second.
#include "abba-shared.h"
namespace shared {
std::mutex g_first;
void take_first() { std::lock_guard<std::mutex> l(g_first); }
void forward() {
  std::lock_guard<std::mutex> l(g_first);
  take_second();
}
} // namespace shared
