// Every signal whose default action ends the process writes the report, then
// ends it with that same signal: sent to itself (SIGHUP, SIGUSR1, SIGQUIT),
// or real (a write to a pipe nobody reads: SIGPIPE; an integer division by
// zero: SIGFPE; a CPU-time timer: SIGVTALRM). A signal the program handles
// itself, or one ignored when it started, stays the program's.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: %clangxx -O1 %S/Inputs/with-shim.cpp -o %t.with-shim
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %expect_exit -1 %t.with-shim %lockgraph_rt report=%t.dir/hup.json %t hup 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/hup.json
// RUN: %expect_exit -10 %t.with-shim %lockgraph_rt report=%t.dir/usr1.json %t usr1 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/usr1.json
// RUN: %expect_exit -3 %t.with-shim %lockgraph_rt report=%t.dir/quit.json %t quit 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/quit.json
// RUN: %expect_exit -13 %t.with-shim %lockgraph_rt report=%t.dir/pipe.json %t pipe 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/pipe.json
// RUN: %expect_exit -8 %t.with-shim %lockgraph_rt report=%t.dir/fpe.json %t fpe 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/fpe.json
// RUN: %expect_exit -26 %t.with-shim %lockgraph_rt report=%t.dir/vtalrm.json %t vtalrm 2>&1 | FileCheck %s
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/vtalrm.json
// The program's own handler (installed in main, after the shim's) runs, and
// the program goes on to exit normally; so does one started with SIGHUP
// ignored (it re-executes itself with SIG_IGN, as nohup would):
// RUN: %t.with-shim %lockgraph_rt report=%t.dir/own.json %t own 2>&1 | FileCheck %s --check-prefixes=CHECK,OWN
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/own.json
// RUN: %t.with-shim %lockgraph_rt report=%t.dir/ign.json %t ignore-hup 2>&1 | FileCheck %s --check-prefixes=CHECK,IGN
// RUN: FileCheck %s --check-prefix=JSON < %t.dir/ign.json
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <sys/time.h>
#include <thread>
#include <unistd.h>

std::mutex A, B;
volatile sig_atomic_t Handled = 0;
volatile int Zero = 0, One = 1; // unknown to the compiler: a real division

void OnUsr2(int) { Handled = 1; }

void Invert() {
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
}

int main(int Argc, char **Argv) {
  const char *Mode = Argc > 1 ? Argv[1] : "";
  if (!strcmp(Mode, "ignore-hup")) {
    // Before any lock: this image's report (none, it is replaced by exec).
    signal(SIGHUP, SIG_IGN);
    execl(Argv[0], Argv[0], "ignored-hup", (char *)nullptr);
    return 2;
  }
  Invert();
  if (!strcmp(Mode, "hup"))
    kill(getpid(), SIGHUP);
  else if (!strcmp(Mode, "usr1"))
    raise(SIGUSR1);
  else if (!strcmp(Mode, "quit"))
    raise(SIGQUIT);
  else if (!strcmp(Mode, "pipe")) {
    int Fds[2];
    if (pipe(Fds) != 0)
      return 2;
    close(Fds[0]);
    (void)!write(Fds[1], "x", 1);
  } else if (!strcmp(Mode, "fpe")) {
    fprintf(stderr, "%d\n", One / Zero);
  } else if (!strcmp(Mode, "vtalrm")) {
    itimerval It{{0, 0}, {0, 1000}};
    setitimer(ITIMER_VIRTUAL, &It, nullptr);
    for (volatile unsigned long I = 0;; ++I) {
    }
  } else if (!strcmp(Mode, "own")) {
    struct sigaction Sa;
    memset(&Sa, 0, sizeof(Sa));
    Sa.sa_handler = OnUsr2;
    sigaction(SIGUSR2, &Sa, nullptr);
    raise(SIGUSR2);
    fprintf(stderr, "own handler ran: %s\n", Handled ? "yes" : "no");
  } else if (!strcmp(Mode, "ignored-hup")) {
    raise(SIGHUP);
    fprintf(stderr, "SIGHUP ignored\n");
  }
  return 0;
}

// OWN: own handler ran: yes
// IGN: SIGHUP ignored
// CHECK: WARNING: lock-order-inversion (potential deadlock): cycle of 2 locks
// CHECK: SUMMARY: 1 lock-order-inversion(s)
// JSON: "format": "lockgraph-report", "version": 1,
// JSON: "check": "lock-order-inversion"
