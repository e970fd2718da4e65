#include <mutex>
std::mutex m;
void f() { std::lock_guard<std::mutex> l(m); }
