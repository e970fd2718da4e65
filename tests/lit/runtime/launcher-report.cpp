// A launcher that takes no lock (`timeout`, a test runner, here also this
// program in its "launch" mode) runs the real test under the same LD_PRELOAD
// and report=PATH, and exits after it: the child's report stays in PATH, and
// no temporary file is left beside it. A quiet process only creates the
// report when there is none, so a program that takes no lock still leaves a
// valid, empty one; a later run that takes locks replaces it.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.dir/r.json %t launch 2>&1 | FileCheck %s --check-prefixes=CHECK,LAUNCH
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/r.json
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.dir/r.json timeout 60 %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/r.json
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
// A quiet process alone:
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.dir/r.json %t quiet 2>&1 | count 0
// RUN: FileCheck %s --check-prefix=EMPTY < %t.dir/r.json
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.dir/r.json %t 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/r.json
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
#include <cstdio>
#include <cstring>
#include <mutex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

std::mutex A, B;

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  if (!strcmp(Mode, "quiet"))
    return 0;
  if (!strcmp(Mode, "launch")) {
    pid_t Child = fork();
    if (Child == 0) {
      execl(Argv[0], Argv[0], (char *)nullptr);
      _exit(2);
    }
    int Status = 0;
    waitpid(Child, &Status, 0);
    fprintf(stderr, "launcher: test exited %d\n", WEXITSTATUS(Status));
    return 0;
  }
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s)
// LAUNCH: launcher: test exited 0
// CHECK-NOT: SUMMARY
// JSON: "check": "lock-order-inversion"
// EMPTY: "format": "lockgraph-report", "version": 1,
// EMPTY: "locks": [
// EMPTY-NEXT: ],
// EMPTY: "findings": [
// EMPTY-NEXT: ],
// EMPTY: "stats": {"locks": 0,
// FILES: {{^}}r.json{{$}}
// FILES-NOT: {{.}}
