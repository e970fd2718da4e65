// A cycle only the run sees: one edge goes through a call the static pass
// cannot follow (a function pointer returned by a call). The report keeps it
// and says why the static pass missed it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -O0 -g -pthread %s -o %t/prog
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t/run.json %t/prog 2>/dev/null
// RUN: %expect_exit 0 %lockgraph --quiet --emit-facts %t/facts %s -o /dev/null -- -std=c++17
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/run.json | FileCheck %s
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/run.json --format=dot | FileCheck %s --check-prefix=DOT
// SARIF of a merged report: valid against the schema and GitHub's rules,
// with the classification among the result's tags.
// RUN: %expect_exit 1 %lockgraph report --quiet --static %t/facts --runtime %t/run.json --format=sarif -o %t/out.sarif
// RUN: python3 %S/../static/Inputs/validate-sarif.py %S/../static/Inputs/sarif-schema-2.1.0.json %t/out.sarif | FileCheck %s --check-prefix=SARIF
// RUN: FileCheck %s --check-prefix=SARIF-TAGS < %t/out.sarif
// SARIF: sarif-valid: SARIF 2.1.0 schema and GitHub code scanning rules: 1 results
// SARIF-TAGS: "runtime-only"
// A report whose binary is gone (made on another machine): said once, and
// the cycle is still reported, in the run's own names.
// RUN: sed 's#%t/prog#%t/gone#g' %t/run.json > %t/moved.json
// RUN: %expect_exit 1 %lockgraph report --static %t/facts --runtime %t/moved.json > %t/moved.txt 2>&1
// RUN: FileCheck %s --check-prefix=MOVED < %t/moved.txt
// MOVED: lockgraph: warning: cannot symbolize frames in '{{.*}}gone': No such file or directory
// MOVED: warning: potential deadlock: lock-order cycle 'mutex@0x{{.*}} (runtime only: seen in {{.*}}gone)
// MOVED: note: not found statically: the run's binary '{{.*}}gone' could not be read to symbolize the stacks of 'mutex@0x
// Without static facts the run's cycle is reported on its own, in the
// run's names, and no reason is guessed.
// RUN: %expect_exit 1 %lockgraph report --runtime %t/run.json | FileCheck %s --check-prefix=ALONE
#include <mutex>

std::mutex g_cache_mu, g_disk_mu;

__attribute__((noinline)) void write_disk() { std::lock_guard<std::mutex> l(g_disk_mu); }
__attribute__((noinline)) void write_nothing() {}

void (*volatile g_writer)() = write_nothing;
__attribute__((noinline)) auto current_writer() { return g_writer; }

__attribute__((noinline)) void flush_cache() {
  std::lock_guard<std::mutex> l(g_cache_mu);
  current_writer()(); // g_disk_mu, through a pointer the static pass does not follow
}

__attribute__((noinline)) void compact() {
  std::lock_guard<std::mutex> l(g_disk_mu);
  std::lock_guard<std::mutex> c(g_cache_mu);
}

int main() {
  g_writer = write_disk;
  flush_cache();
  compact();
}

// CHECK: warning: potential deadlock: lock-order cycle {{.*}}'g_cache_mu'{{.*}}'g_disk_mu'{{.*}} (runtime only: seen in {{.*}}prog) [lockgraph-lock-order-inversion]
// CHECK: note: not found statically: the static pass never saw 'g_disk_mu' taken while 'g_cache_mu' is held: the run's path main -> flush_cache -> write_disk includes a call it could not follow
// CHECK: lockgraph: 1 run; lock-order cycles: 0 confirmed at run time, 0 static only, 1 runtime only

// The edge only the run saw is dashed.
// DOT: [[CACHE:n[0-9]+]] [label="g_cache_mu"]
// DOT: [[CACHE]] -> n{{[0-9]+}} [label="runtime-only.cpp:{{[0-9]+}}", color=red, penwidth=2, style=dashed]

// ALONE: warning: potential deadlock: lock-order cycle 'mutex@runtime-only.cpp:{{[0-9]+}}' -> 'mutex@runtime-only.cpp:{{[0-9]+}}' -> {{.*}} (runtime only: seen in {{.*}}prog)
// ALONE-NOT: not found statically
