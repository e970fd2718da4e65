// Five philosophers each take their left fork, then their right: a cycle of
// five locks. Any four can eat; all five at once starve forever.
#include <mutex>

std::mutex fork0, fork1, fork2, fork3, fork4;

static void eat(std::mutex &left, std::mutex &right) {
  std::lock_guard<std::mutex> l(left);
  std::lock_guard<std::mutex> r(right);
}

void philosopher0() { eat(fork0, fork1); }
void philosopher1() { eat(fork1, fork2); }
void philosopher2() { eat(fork2, fork3); }
void philosopher3() { eat(fork3, fork4); }
void philosopher4() { eat(fork4, fork0); }
