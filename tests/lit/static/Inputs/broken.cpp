#include <mutex>
std::mutex m;
void f() {
  undeclared_function();
}
