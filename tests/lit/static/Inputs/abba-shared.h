#pragma once
#include <mutex>
namespace shared {
extern std::mutex g_first;
extern std::mutex g_second;
void take_second();
void take_first();
} // namespace shared
