// exitcode=N: the process exits with N when a deadlock finding was made, and
// keeps its own status otherwise.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: %clangxx -O1 -g -pthread -DCLEAN %s -o %t.clean
// RUN: env LD_PRELOAD=%lockgraph_rt %t
// RUN: not env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=3 %t 2>&1 | FileCheck %s
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=3 %t.clean
// The status is exactly 3 (lit's `not` accepts any failure, so check it here):
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=exitcode=3 %t.clean --run-child %t | FileCheck %s --check-prefix=STATUS
#include <cstdio>
#include <cstring>
#include <mutex>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

std::mutex A, B;

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--run-child")) {
    pid_t P = fork();
    if (P == 0) {
      execl(argv[2], argv[2], (char *)nullptr);
      _exit(127);
    }
    int St = 0;
    waitpid(P, &St, 0);
    printf("child status %d\n", WIFEXITED(St) ? WEXITSTATUS(St) : -1);
    return 0;
  }
#ifndef CLEAN
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
#endif
  return 0;
}

// CHECK: WARNING: lock-order-inversion (potential deadlock)
// STATUS: child status 3
