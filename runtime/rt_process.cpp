//===- rt_process.cpp - lockgraph runtime: fork, fatal signals, exit ------===//
//
// See rt_process.h. Separate from start-up because each handler here runs in a
// constrained context (atfork, a signal handler, a destructor after main).
//===----------------------------------------------------------------------===//
#include "rt_process.h"

#include "rt_thread.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace lockgraph {
namespace rt {

// The forking thread holds Mu across fork() so that the child never inherits
// a half-made update. Meanwhile its own lock calls (other libraries' atfork
// handlers run after ours) pass through untracked: they must not wait for Mu.
static __thread int tls_fork_saved_in_rt LG_TLS;
static __thread uint32_t tls_fork_saved_t LG_TLS;

static void ForkEnterQuiet() {
  tls_fork_saved_in_rt = tls_in_rt;
  tls_in_rt = 1;
  if (ThreadState *T = tls_thr) {
    tls_fork_saved_t = T->Flags;
    SetFlags(T, T->Flags | kInShim);
  }
}

static void ForkLeaveQuiet() {
  tls_in_rt = tls_fork_saved_in_rt;
  if (ThreadState *T = tls_thr)
    SetFlags(T, tls_fork_saved_t);
}

void ForkPrepare() {
  if (!g_state)
    return;
  ForkEnterQuiet();
  g_state->Mu.Lock();
}

void ForkParent() {
  if (!g_state)
    return;
  g_state->Mu.Unlock();
  ForkLeaveQuiet();
}

void ForkChild() {
  State *S = g_state;
  if (!S)
    return;
  S->Mu.ResetAfterFork();
  StackResetAfterFork();
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_relaxed);
  for (uint32_t I = 0; I < High; ++I) {
    ThreadState *T = &S->Threads[I];
    if (T != tls_thr && T->InUse.load(std::memory_order_relaxed)) {
      T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
      T->InUse.store(0, std::memory_order_relaxed);
    }
  }
  // No thread of the child is inside a condvar wait (the forking thread is in
  // fork): close the "someone is waiting" intervals the parent left open.
  uint64_t Now = NowNs();
  uint32_t NPairs = S->NCondPairs.load(std::memory_order_relaxed);
  for (uint32_t K = 0; K < NPairs && K < kMaxCondPairs; ++K) {
    uint32_t I1 = S->CondPairList[K];
    if (!I1)
      continue;
    CondPair &P = S->CondPairs[I1 - 1];
    if (P.Cond.load(std::memory_order_relaxed) && P.Waiters.load(std::memory_order_relaxed)) {
      P.BusyNs.fetch_add(Now - P.BusySince.load(std::memory_order_relaxed), std::memory_order_relaxed);
      P.Waiters.store(0, std::memory_order_relaxed);
    }
  }
  // The parent reports what it found before the fork; the child only what is new.
  S->InheritedCycles = S->NCycles;
  S->InheritedFindings = S->NFindings;
  S->Reported.store(false);
  S->WatchdogRunning.store(false);
  ForkLeaveQuiet();
}

// Every signal whose default action ends the process (terminate or core
// dump), so that a test killed by its own alarm(), a hang-up, a broken pipe or
// a CPU limit still leaves its report. Two exceptions, left at SIG_DFL because
// a handler of ours there breaks programs that never die of them: SIGPROF,
// which profilers claim only when no handler is installed (Datadog's Ruby
// profiler refuses to start over "a pre-existing SIGPROF signal handler"),
// and the real-time signals, which libraries pick as "free" by finding them
// at SIG_DFL.
static const int kEndingSignals[] = {
    SIGSEGV, SIGBUS,  SIGABRT, SIGILL,  SIGFPE,    SIGTRAP, SIGSYS,  SIGTERM,
    SIGINT,  SIGHUP,  SIGQUIT, SIGALRM, SIGVTALRM, SIGPIPE, SIGXCPU, SIGXFSZ,
    SIGUSR1, SIGUSR2, SIGIO,   SIGPWR,  SIGSTKFLT};

// Ends the process with Sig's default action.
static void DieOf(int Sig) {
  // SA_RESETHAND restored the default when the kernel called FatalSignal; a
  // program's handler that chains to the one it found calls it directly,
  // with its own handler still in place: without this, the re-raised signal
  // would come back to that handler, and to us, forever.
  struct sigaction Dfl;
  memset(&Dfl, 0, sizeof(Dfl));
  Dfl.sa_handler = SIG_DFL;
  sigemptyset(&Dfl.sa_mask);
  sigaction(Sig, &Dfl, nullptr);
  // Sig is blocked while its handler runs: it is delivered, and ends the
  // process, once the handler returns.
  raise(Sig);
}

static void FatalSignal(int Sig) {
  int Saved = errno;
  ShimScope Scope;
  State *S = g_state;
  if (S && !S->Reported.exchange(true))
    WriteReport(true);
  DieOf(Sig);
  errno = Saved;
}

void InstallSignalHandlers() {
  // The other ending signals wait while the report is written: a second one
  // (a runner's SIGTERM after a SIGALRM) must not cut the report short.
  sigset_t Ending;
  sigemptyset(&Ending);
  for (int Sig : kEndingSignals)
    sigaddset(&Ending, Sig);
  for (int Sig : kEndingSignals) {
    struct sigaction Old;
    // Only a signal at its default action: one the program (or another tool)
    // handles stays its own, and one it ignores (nohup's SIGHUP, a shell's
    // SIGPIPE) stays ignored. A handler the program installs later replaces
    // ours (no report on that signal then).
    if (sigaction(Sig, nullptr, &Old) != 0 || Old.sa_handler != SIG_DFL ||
        (Old.sa_flags & SA_SIGINFO))
      continue;
    struct sigaction Act;
    memset(&Act, 0, sizeof(Act));
    Act.sa_handler = FatalSignal;
    Act.sa_flags = SA_RESETHAND | SA_RESTART;
    Act.sa_mask = Ending;
    sigaction(Sig, &Act, nullptr);
  }
}

__attribute__((destructor(101))) static void LockgraphDtor() {
  State *S = g_state;
  if (!S || !g_ready.load())
    return;
  ShimScope Scope;
  if (!S->Reported.exchange(true))
    WriteReport(false);
  if (S->Opts.ExitCode && HasDeadlockFindings())
    _exit(S->Opts.ExitCode);
}

} // namespace rt
} // namespace lockgraph
