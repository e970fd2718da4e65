#include <mutex>
std::mutex x, y;
void f() { std::scoped_lock<std::mutex> a(x); std::lock_guard<std::mutex> b(y); }
#ifdef TAKE_BOTH
void g() { std::lock_guard<std::mutex> b(y); std::lock_guard<std::mutex> a(x); }
#endif
