//===- rt_init.cpp - lockgraph runtime: start-up and warnings -------------===//
//
// Sets up the shim before main (a constructor) or on the first lock call,
// whichever comes first: resolves the real functions, reads the options,
// reserves the tables (mmap NORESERVE, no malloc), installs the fork and
// fatal-signal handlers. Also the warning helpers every part uses.
//===----------------------------------------------------------------------===//
#include "rt_init.h"

#include "rt_format.h"
#include "rt_free.h"
#include "rt_process.h"
#include "rt_real.h"
#include "rt_sample.h"
#include "rt_thread.h"

#include <cstdlib>
#include <new>
#include <pthread.h>
#include <unistd.h>

namespace lockgraph {
namespace rt {

State *g_state = nullptr;
std::atomic<bool> g_ready{false};
alignas(64) static char g_state_storage[sizeof(State)];
static std::atomic<int> g_init_state{0}; // 0 not yet, 1 running, 2 done, 3 failed

//===-- Warnings ----------------------------------------------------------===//

void Warn(const char *Msg) {
  char Buf[512];
  OutBuf O(Buf, sizeof(Buf), 2);
  O.Str("==").I64(getpid()).Str("==lockgraph: WARNING: ").Str(Msg).Ch('\n');
}

static void Note(const char *Msg) {
  char Buf[512];
  OutBuf O(Buf, sizeof(Buf), 2);
  O.Str("==").I64(getpid()).Str("==lockgraph: ").Str(Msg).Ch('\n');
}

namespace {
struct LimitText {
  const char *Name;    // the JSON stats.limits key
  const char *Warning; // printed once, when first reached
};
constexpr LimitText kLimitTexts[kNumLimits] = {
    {"locks_untracked", "lock table full (2M lock instances or 4M addresses); further locks "
                        "are not tracked"},
    {"edges_dropped", "lock-order graph full (2M edges); further edges are dropped"},
    {"threads_untracked", "more than 1024 live threads; further threads are not tracked"},
    {"holds_untracked", "a thread holds more than 65,600 locks at once; deeper acquisitions are "
                        "not tracked"},
    {"cycles_dropped", "more than 4096 distinct cycles (or 1M cycle edges); further cycles are "
                       "counted, not kept"},
    {"cycle_searches_cut", "a cycle search reached its bound (1M locks visited or a 1024-lock "
                           "cycle); a cycle through that edge may be missed"},
    {"findings_dropped", "more than 256 findings; further ones are counted, not kept"},
    {"condvars_untracked", "more than 4096 condition variables waited on; further ones are "
                           "not recorded"},
    {"stacks_dropped", "stack storage full (64 MiB of frames or 8 MiB of names); further "
                       "stacks or names are left out"},
    {"stale_holds_kept", "more locks released by other threads than a thread's mailbox holds; "
                         "some stale holds stay"},
    {"wait_chains_cut", "the watchdog found more than 8 threads waiting on each other in a "
                        "chain; a live deadlock that long is not reported"},
};
} // namespace

const char *LimitName(uint8_t K) { return K < kNumLimits ? kLimitTexts[K].Name : "unknown"; }

void HitLimit(LimitKind K) {
  State *S = g_state;
  if (S->LimitHits[K].fetch_add(1, std::memory_order_relaxed) == 0)
    Warn(kLimitTexts[K].Warning);
}


// A program may build in its own default options, as with the sanitizers'
// __asan_default_options: CMake's lockgraph_instrument() names the report
// file this way. LOCKGRAPH_OPTIONS, parsed after them, wins, and
// LOCKGRAPH_REPORT (a path with any character in it) over both.
extern "C" __attribute__((weak, visibility("default"))) const char *
__lockgraph_default_options();

static bool DoInit() {
  ResolveReal();
  State *S = new (g_state_storage) State();
  if (&__lockgraph_default_options)
    ParseOptions(__lockgraph_default_options(), &S->Opts, Warn);
  ParseOptions(getenv("LOCKGRAPH_OPTIONS"), &S->Opts, Warn);
  SetReportPath(getenv("LOCKGRAPH_REPORT"), &S->Opts, Warn);
  S->Slots = static_cast<LockSlot *>(MapNoReserve(sizeof(LockSlot) * kLockSlots));
  S->Locks = static_cast<LockInfo *>(MapNoReserve(sizeof(LockInfo) * kMaxLocks));
  S->Edges = static_cast<EdgeInfo *>(MapNoReserve(sizeof(EdgeInfo) * kMaxEdges));
  S->Cycles = static_cast<Cycle *>(MapNoReserve(sizeof(Cycle) * kMaxCycles));
  S->CycleEdges = static_cast<uint32_t *>(MapNoReserve(4ull * kCycleEdgePool));
  S->Threads = static_cast<ThreadState *>(MapNoReserve(sizeof(ThreadState) * kMaxThreads));
  S->CondPairs = static_cast<CondPair *>(MapNoReserve(sizeof(CondPair) * kMaxCondPairs));
  if (!S->Slots || !S->Locks || !S->Edges || !S->Cycles || !S->CycleEdges || !S->Threads ||
      !S->CondPairs || !S->Graph.Init(kMaxLocks, kMaxEdges) || !StackInit()) {
    Warn("cannot reserve memory; lock tracking disabled");
    return false;
  }
  g_hold_tsc = InvariantTsc();
  S->StartNs = NowNs();
  S->StartTicks = HoldClock();
  S->StartCpuNs = ProcessCpuNs();
  if (pthread_key_create(&g_thread_key, ThreadExit) != 0) {
    Warn("pthread_key_create failed; lock tracking disabled");
    return false;
  }
  pthread_atfork(ForkPrepare, ForkParent, ForkChild);
  g_track_owner = S->Opts.WatchdogMs != 0;
  g_state = S;
  if (S->Opts.Detect)
    InitFreeWatch();
  InstallSignalHandlers();
  if (S->Opts.Verbosity >= 2) {
    char Buf[512];
    OutBuf O(Buf, sizeof(Buf), -1);
    O.Str("runtime shim active (lockgraph-rt 0.1.0): report=").Str(S->Opts.Report[0] ? S->Opts.Report : "(none)")
        .Str(" watchdog_ms=").I64(S->Opts.WatchdogMs).Str(" hold_sample_rate=").I64(S->Opts.HoldSampleRate);
    Note(O.CStr());
  }
  return S->Opts.Detect;
}

bool EnsureInit() {
  int St = g_init_state.load(std::memory_order_acquire);
  if (St == 2)
    return true;
  if (St == 3)
    return false;
  int Expected = 0;
  if (g_init_state.compare_exchange_strong(Expected, 1)) {
    bool Ok = DoInit();
    g_ready.store(Ok, std::memory_order_release);
    g_init_state.store(Ok ? 2 : 3, std::memory_order_release);
    return Ok;
  }
  return false; // another thread is initialising: pass through meanwhile
}

__attribute__((constructor(101))) static void LockgraphCtor() {
  ShimScope Scope;
  EnsureInit();
}

} // namespace rt
} // namespace lockgraph
