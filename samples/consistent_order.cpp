// Every path takes config_mu before stats_mu: a consistent order, no cycle.
#include <mutex>

std::mutex config_mu, stats_mu;
int config, stats;

void update_stats() {
  std::lock_guard<std::mutex> s(stats_mu);
  ++stats;
}

void reload() {
  std::lock_guard<std::mutex> c(config_mu);
  ++config;
  update_stats();
}

void report() {
  std::unique_lock<std::mutex> c(config_mu);
  int snapshot = config;
  c.unlock(); // released before the second lock: no edge
  std::lock_guard<std::mutex> s(stats_mu);
  stats += snapshot;
}
