// std::scoped_lock and std::lock take all their locks in one step, whatever
// the order of the arguments, so neither order here forms a cycle.
#include <mutex>

std::mutex a, b;

void one() { std::scoped_lock both(a, b); }
void two() { std::scoped_lock both(b, a); }

void three() {
  std::lock(b, a);
  std::lock_guard<std::mutex> lb(b, std::adopt_lock);
  std::lock_guard<std::mutex> la(a, std::adopt_lock);
}
