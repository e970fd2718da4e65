// Tests the audit log on its own. Nothing here calls stock::audit_snapshot or
// Ledger::flush, so no run forms the g_audit_mu / Ledger::mu_ cycle: only the
// static pass finds it.
#include "stock/audit.h"

#include <gtest/gtest.h>

TEST(Audit, LogAcceptsLines) {
  stock::audit_log("opened");
  stock::audit_log("closed");
  SUCCEED();
}
