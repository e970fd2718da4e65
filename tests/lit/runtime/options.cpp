// Unknown options and bad values: one warning each, defaults kept, the
// program runs normally.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS="no_such_option=1:exitcode=abc:gated=maybe:verbosity" %t 2>&1 | FileCheck %s
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=verbosity=0 %t 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=verbosity=2:watchdog_ms=250 %t 2>&1 | FileCheck %s --check-prefix=LOUD
#include <mutex>
#include <cstdio>

std::mutex M;

int main() {
  std::lock_guard<std::mutex> g(M);
  fprintf(stderr, "program ran\n");
  return 0;
}

// CHECK: ==[[PID:[0-9]+]]==lockgraph: WARNING: unknown option 'no_such_option' in LOCKGRAPH_OPTIONS (ignored)
// CHECK-NEXT: ==[[PID]]==lockgraph: WARNING: bad value for option 'exitcode' in LOCKGRAPH_OPTIONS (default kept)
// CHECK-NEXT: ==[[PID]]==lockgraph: WARNING: bad value for option 'gated' in LOCKGRAPH_OPTIONS (default kept)
// CHECK-NEXT: ==[[PID]]==lockgraph: WARNING: option without a value 'verbosity' in LOCKGRAPH_OPTIONS (ignored)
// CHECK: program ran
// CHECK: SUMMARY: 0 lock-order-inversion(s)
// QUIET-NOT: lockgraph
// LOUD: lockgraph: runtime shim active (lockgraph-rt 0.1.0): report=(none) watchdog_ms=250 hold_sample_rate=64
// LOUD: program ran
