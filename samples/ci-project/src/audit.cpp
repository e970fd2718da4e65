#include "stock/audit.h"

#include "stock/ledger.h"

#include <mutex>
#include <vector>

namespace stock {

std::mutex g_audit_mu;
static std::vector<std::string> g_audit_lines;

void audit_log(const std::string &line) {
  std::lock_guard<std::mutex> lock(g_audit_mu);
  g_audit_lines.push_back(line);
}

std::string audit_snapshot(const Ledger &ledger) {
  std::lock_guard<std::mutex> lock(g_audit_mu);
  // Ledger::mu_ while g_audit_mu is held: the opposite of Ledger::flush.
  std::string line = "total " + std::to_string(ledger.total());
  g_audit_lines.push_back(line);
  return line;
}

} // namespace stock
