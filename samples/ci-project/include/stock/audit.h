// The audit log: one process-wide log behind stock::g_audit_mu.
#pragma once

#include <string>

namespace stock {

class Ledger;

void audit_log(const std::string &line);
/// Copies the ledger's total into the log: takes g_audit_mu, then
/// Ledger::mu_ (through Ledger::total), the opposite of Ledger::flush.
std::string audit_snapshot(const Ledger &ledger);

} // namespace stock
