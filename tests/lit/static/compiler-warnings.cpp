// clang's own warnings on the sources are not findings: they are hidden,
// with their notes, and counted in one line (issue 12, output that scales).
// --verbose shows them. Errors are always shown: they say why a file's
// findings are missing.
// RUN: %lockgraph %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// CHECK: lockgraph: 2 compiler warnings hidden (--verbose shows them)
// CHECK-NEXT: lockgraph: 0 findings
//
// RUN: %lockgraph --verbose %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=VERBOSE
// VERBOSE: compiler-warnings.cpp:[[@LINE+14]]:2: warning: "a warning clang always gives"
// VERBOSE: compiler-warnings.cpp:[[@LINE+19]]:9: warning: using the result of an assignment
// VERBOSE: compiler-warnings.cpp:[[@LINE+18]]:9: note: place parentheses around the assignment
// VERBOSE-NOT: hidden
// VERBOSE: lockgraph: 0 findings
//
// RUN: %expect_exit 2 %lockgraph %s -- -std=c++17 -DBROKEN 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BROKEN --implicit-check-not=warning:
// BROKEN: compiler-warnings.cpp:[[@LINE+15]]:3: error: use of undeclared identifier 'undeclared'
// BROKEN: lockgraph: error: {{.*}}compiler-warnings.cpp: does not parse; skipped
// BROKEN: lockgraph: 2 compiler warnings hidden (--verbose shows them)
// BROKEN: lockgraph: error: no translation unit could be analysed
#include <mutex>

#warning "a warning clang always gives"

std::mutex m;

int f(int x) {
  std::lock_guard<std::mutex> g(m);
  if (x = 1)
    return 1;
#ifdef BROKEN
  undeclared();
#endif
  return 0;
}
