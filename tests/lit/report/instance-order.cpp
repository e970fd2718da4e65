// Two instances of one member lock taken in both orders (the bank-transfer
// sample): the static pass calls it an instance-order hazard on
// 'Account::mu_'; the run sees two mutexes in a cycle. Named by their
// static class, the two are one finding.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread -I%samples %S/Inputs/bank-transfer-run.cpp -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 1 %lockgraph --quiet --emit-facts %t/facts %S/Inputs/bank-transfer-run.cpp -o /dev/null -- -std=c++17 -I%samples
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s

// CHECK: bank_transfer.cpp:{{[0-9]+}}:{{[0-9]+}}: warning: two instances of 'Account::mu_' locked nested {{.*}} (confirmed at run time) [lockgraph-instance-order]
// CHECK: note: a run formed this cycle: {{.*}}prog
// CHECK: lockgraph: 1 run; lock-order cycles: 1 confirmed at run time, 0 static only, 0 runtime only
// CHECK-NOT: warning:
