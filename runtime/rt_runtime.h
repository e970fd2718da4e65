//===- rt_runtime.h - lockgraph runtime: detector state ---------*- C++ -*-===//
//
// The state behind the interposed pthread functions: the lock table (address
// -> lock instance), per-lock statistics, per-thread held stacks with their
// edge caches, the global lock-order graph, the cycles found, and the other
// findings (double-lock, live-deadlock).
//
// Capacity limits, and what happens when each is reached (all tables are
// mmap'd NORESERVE at start-up; nothing here calls malloc):
//   kMaxLocks (2,097,152 lock instances over the run): later locks are not
//       tracked (passed straight through); one warning.
//   kLockSlots (4,194,304 address slots, filled up to 75%, destroyed locks
//       keep their slot to carry the generation): as kMaxLocks.
//   kMaxEdges (2,097,152 distinct held->acquired edges): later edges are
//       dropped (counted in the summary); cycles through them are missed.
//   kMaxThreads (1024 threads alive at once; slots are recycled when a thread
//       exits): further threads run untracked; one warning. Per-lock
//       "distinct threads" counts thread slots modulo 256.
//   kMaxHeld (64 locks held at once by one thread, in ThreadState): deeper
//       holds go on in a per-thread store of kMaxHeldDeep (65,536) more,
//       mapped when first needed; while it is in use the thread's calls take
//       the general paths (kDeepHeld). Beyond both, acquisitions are not
//       tracked (no edges, no hold time; counted), the rest stays correct.
//   kLookupCacheSize (64 per-thread address -> lock entries, direct-mapped,
//       each with the thread's batched acquisition count of that lock): a
//       miss costs one probe of the shared lock table; an evicted count is
//       added to its lock (one atomic add).
//   kEdgeCacheSize (1024 entries per thread, direct-mapped): a miss costs a
//       lock-free probe of the global graph, then its lock if the edge or its
//       context (the set of other held locks) is new.
//   kMaxCycles (4096 distinct cycles), kMaxCycleLen (1024 edges per cycle),
//       kMaxSearch (1,048,576 nodes visited per cycle search): beyond, cycles
//       are counted but not stored / not found.
//   kMaxFindings (256 double-lock / live-deadlock findings): later ones are
//       counted only.
//   kLinePages (262,144 page entries, 4 MiB of address space): the freed-
//       memory watch. Only locks with order edges are watched (a lock without
//       edges keeps its identity when its memory is freed: no stale cycle can
//       come of it, and it spends no instance). Pages 1 GiB apart share an
//       entry; a shared entry's masks are a union that is never cleared, so
//       frees on its pages are checked more often (cost, never a wrong
//       answer). Work per free: one or two masks for a chunk under 4 KiB on
//       glibc's heap; otherwise one mask per page of the block, at most
//       kLinePages (a huge block reads each entry once), plus 16 lock-table
//       probes per set line inside it. Not seen: blocks that realloc moves
//       (freed inside the allocator), munmap'ed memory, stack reuse.
//
// Thread-safety: the fast paths (lock: this thread holds nothing, the lock is
// in its lookup cache and free; unlock: the lock is the top of the held
// stack, held once, not sampled) touch only the calling thread's ThreadState
// (Gate, lookup entry with its batched acquisition count, held stack) and the
// lock itself, and read no shared state but the retire epoch. Signal
// handlers: the lock fast path sets kInShim while it changes the thread's
// state; the unlock fast path does not, and is safe against handlers whose
// lock calls are balanced (all the lock calls a handler can make without a
// bug of its own). A lookup miss reads the lock table lock-free. With locks
// held, the edge cache answers known orders without shared state. The lock's
// own LockInfo counters are written only on contended acquisitions, sampled
// releases and lookup-entry flushes, while that lock is held (exclusive) or
// with atomic adds (shared, flushes). Everything that changes shared
// structure (lock creation, the graph, cycles, findings) takes State::Mu, a
// RawMutex (rt_defs.h), which is never held across a call into the loader,
// the unwinder or a real lock function. The report reads counters racily by
// design. free (interposed): its fast path reads the watch's masks
// lock-free and touches no state; a block that may hold a watched lock takes
// Mu to retire it (as pthread_mutex_destroy does), unless the thread is
// inside the shim (kInShim / tls_in_rt: nested frees, from the loader, the
// report writer or a signal handler that interrupted the shim, pass straight
// through). Also per structure below: LockGraph needs Mu for writes; Frame
// symbolization and stack storage have their own RawMutexes (rt_stack.h).
//
// Glossary: gen = generation of a lock address; gate = a lock held across
// the formation of every edge of a cycle (not ThreadState::Gate, the word of
// a thread's flags and depth); ctx = hash of the held set; TSC = the CPU's
// time-stamp counter.
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_RUNTIME_H
#define LOCKGRAPH_RT_RUNTIME_H

#include "rt_defs.h"
#include "rt_graph.h"
#include "rt_options.h"
#include "rt_stack.h"

#include <atomic>
#include <cstdint>

namespace lockgraph {
namespace rt {

// Internal to the shim: hidden, so that other files reach these directly
// (no GOT load on the fast paths).
#pragma GCC visibility push(hidden)

constexpr uint32_t kNoLock = ~0u;
constexpr uint32_t kMaxLocks = 1u << 21;
constexpr uint32_t kLockSlots = 1u << 22;
constexpr uint32_t kMaxEdges = 1u << 21;
constexpr uint32_t kMaxThreads = 1024;
constexpr uint32_t kMaxHeld = 64;
constexpr uint32_t kEdgeCacheSize = 1024;
constexpr uint32_t kLookupCacheSize = 64;
constexpr uint32_t kMaxCycles = 4096;
constexpr uint32_t kMaxCycleLen = 1024;
constexpr uint32_t kCycleEdgePool = 1u << 20;
constexpr uint32_t kMaxSearch = 1u << 20;
constexpr uint32_t kMaxGates = 4;
constexpr uint32_t kMaxFindings = 256;
constexpr uint32_t kReleasedMailbox = 4;
constexpr uint32_t kMaxHeldDeep = 1u << 16; // holds beyond kMaxHeld, per thread

// The capacity limits that lose something when reached (the others cost
// time, never an answer). Each warns once, at the moment it is first
// reached, and counts every loss in the JSON report's stats.limits, named by
// LimitName (docs/runtime.md, "Capacity limits").
enum LimitKind : uint8_t {
  kLimitLocks,       // kMaxLocks, kLockSlots: later locks are not tracked
  kLimitEdges,       // kMaxEdges: later edges are dropped
  kLimitThreads,     // kMaxThreads: later threads are not tracked
  kLimitHeld,        // kMaxHeld + kMaxHeldDeep: deeper holds are not tracked
  kLimitCycles,      // kMaxCycles, kCycleEdgePool: later cycles are counted only
  kLimitCycleSearch, // kMaxSearch, kMaxCycleLen: a cycle search cut short
  kLimitFindings,    // kMaxFindings: later findings are counted only
  kLimitCondPairs,   // kMaxCondPairs: later condition variables are not recorded
  kLimitStacks,      // the stack depot and its names: later stacks are empty
  kLimitStaleHolds,  // kReleasedMailbox: a hold another thread released stays
  kLimitWaitChain,   // the watchdog follows 8 waiting threads: a longer chain is not judged
  kNumLimits
};
const char *LimitName(uint8_t K);
// Counts one loss at limit K; the first prints the limit's warning.
void HitLimit(LimitKind K);
constexpr uint32_t kMaxCondPairs = 4096;
constexpr uint32_t kWaitStackTaking = ~0u; // LockInfo::WaitStack: claimed, no stack (yet)
// Freed-memory watch (see FreeRetire in rt_free.cpp): one entry per 4 KiB
// page, direct-mapped by page number modulo kLinePages, each a 64-bit mask of
// the page's 64-byte lines that hold the start of a tracked lock, tagged with
// its page (or kLinePageShared when two pages that hold locks map to it).
constexpr uint32_t kLinePageBits = 18;
constexpr uint32_t kLinePages = 1u << kLinePageBits;
constexpr uintptr_t kLinePageShared = ~uintptr_t(0);

// kTypeAnnotated*: reported by the program (lockgraph/annotations.h, rt_annotate.cpp).
enum LockType : uint8_t {
  kTypeMutex,
  kTypeRecursive,
  kTypeErrorCheck,
  kTypeRwlock,
  kTypeSpin,
  kTypeAnnotated,
  kTypeAnnotatedRecursive
};
const char *LockTypeName(uint8_t T);

// One cache line of hot fields (touched by every acquisition), then the
// fields touched on slow paths and by the report.
struct alignas(64) LockInfo {
  uint8_t Type;
  std::atomic<uint8_t> Live;
  uint8_t InGraph; // an endpoint of some order edge (set under Mu, never cleared)
  std::atomic<uint8_t> RwKind; // rwlocks: kRwPrefersWriters, kRwWriterSeen
  std::atomic<uint32_t> Owner; // thread slot + 1 of the exclusive holder, 0 = none
  // Counters: written while holding the lock (exclusive) or atomically (shared).
  uint64_t Acq;
  uint64_t ThreadBits[4]; // thread slots (mod 256) that acquired it
  uint64_t HoldTicks, HoldSamples; // sampled hold time in HoldClock ticks, see HoldNsPerTick
  // Cold.
  uintptr_t Addr;
  uint32_t Gen;
  // Stack of the first contended acquisition (full depth: the thread was
  // about to block, so the unwind is cheap next to the wait), set once:
  // 0 = none yet, kWaitStackTaking = being captured (or the depot was full).
  // Names locks whose one-frame Site is a shared wrapper (std::mutex::lock at -O0).
  std::atomic<uint32_t> WaitStack;
  Frame Site; // first acquisition: the class key
  uint64_t Contended, WaitNs, WaitMax;
  uint64_t CondWaits, CondWaitNs, CondWaitMax, CondTimeouts;
  uint64_t WaitBits[4]; // thread slots (mod 256) that waited for it
  // kRwWriterSeen: the first blocking write-lock (thread, one frame).
  int32_t WriterTid;
  Frame WriterSite;
};

// LockInfo::RwKind. A writer-preferring rwlock (glibc's
// PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP) makes a new reader wait while
// a writer is queued, so two readers of it can be parts of one deadlock once
// some thread write-locks it; glibc's default kind (and its
// PTHREAD_RWLOCK_PREFER_WRITER_NP, which glibc treats alike) lets a reader in
// whenever readers hold the lock. See Judge (rt_report.cpp).
constexpr uint8_t kRwPrefersWriters = 1;
constexpr uint8_t kRwWriterSeen = 2; // a thread asked for it in write mode, blocking

struct LockSlot {
  std::atomic<uintptr_t> Addr; // 0 = never used
  std::atomic<uint32_t> Id;    // kNoLock = destroyed (slot keeps Gen)
  uint32_t Gen : 24;           // generation of the last instance (wraps at 2^24)
  uint32_t Type : 8;           // its LockType (read on lookup, not LockInfo)
};

struct EdgeInfo {
  int32_t Tid;            // first thread that formed it
  uint8_t MultiThread;    // formed by more than one thread
  uint8_t FromShared;     // every formation held the source in shared mode
  uint8_t ToShared;       // every formation acquired the target in shared mode
  uint8_t NGates;
  uint32_t Gates[kMaxGates]; // locks held at every formation (intersection)
  uint32_t AcqStack;      // where the target was acquired while holding the source
  uint32_t HeldStack;     // where the source was acquired (one frame)
};

struct Cycle {
  uint64_t Key;      // hash of its node set: one report per distinct set
  uint32_t First;    // index into the cycle edge pool
  uint32_t Len;
};

// Every kind is an error finding (exitcode= applies). The check names the
// report uses are in FindingCheck (rt_report.cpp).
enum FindingKind : uint8_t {
  kDoubleLock,      // Err: 0 = the call hangs, else what it returned (EDEADLK); Detail
  kLiveDeadlock,
  kThreadExitHeld,
  kDestroyHeld,     // Detail: kHeldBySelf / kHeldByOther / kHasWaiters; Tids[2]: a waiter
  kUnlockNotHeld,   // Detail: kNeverLocked / kNotLocked / kHeldByOther
  kLockCallFailed,  // Err: the real call's result; Detail: the FailedCall
  kCondWaitNotHeld, // Locks: the mutex, then the condvar's pair mutex (none)
  kCondTwoMutexes,  // Locks: this wait's mutex, the other waiters' mutex
  kNumFindingKinds
};

// Finding::Detail values.
enum FindingDetail : uint8_t {
  kNeverLocked = 1, // the lock was never acquired while the shim watched
  kNotLocked,       // acquired before, not locked now
  kHeldBySelf,
  kHeldByOther,     // Tids[1]: the holder (0: not known which thread)
  kHasWaiters,      // Tids[1]: a thread blocked acquiring it
  kRecursiveRead,   // kDoubleLock: a writer-preferring rwlock read-locked again by a reader
};

enum FailedCall : uint8_t { kCallLock = 1, kCallTryLock, kCallUnlock };

struct Finding {
  uint8_t Kind;
  uint8_t Detail;
  int32_t Err;       // an errno value the real call returned, 0 = none
  uint32_t NLocks;   // Locks/Tids/Stacks entries (threads: Tids[0] is the caller)
  uint32_t Locks[8];
  int32_t Tids[8];
  uint32_t Stacks[8];
  uint64_t BlockedNs;
  // Misuse repeats (an unlock in a loop): findings with the same nonzero Key
  // are one finding, counted in Count (RecordFinding).
  uintptr_t Key;
  uint32_t Count;
};

// One held lock. Id, Shared, Sampled and Rec share a word (Tag) so that the
// fast path writes them with one store and the unlock fast path checks
// "held once, not sampled" with one compare: the fast paths' cost is mostly
// their number of stores (see InterposeAcquire).
struct HeldLock {
  uintptr_t Addr;
  union {
    struct {
      uint32_t Id;
      uint8_t Shared;
      uint8_t Sampled; // HoldT0 is valid: this hold is timed
      uint16_t Rec;    // recursion depth (recursive mutexes, shared re-reads)
    };
    uint64_t Tag;
  };
  uintptr_t Pc;
  uint64_t HoldT0;
};

constexpr uint64_t HeldTag(uint32_t Id, bool Shared) {
  return uint64_t(Id) | uint64_t(Shared) << 32 | uint64_t(1) << 48; // Sampled 0, Rec 1
}
constexpr uint64_t kTagSampled = uint64_t(1) << 40;
constexpr uint64_t kTagRecOne = uint64_t(1) << 48;
// Tag >> 40 of a hold that is not sampled and held once.
constexpr uint64_t kTagPlainOnce = uint64_t(1) << 8;

// One per-thread lookup cache entry: a lock address, its instance id, and the
// acquisitions of that instance this thread made since the entry was last
// flushed (so counting costs one add on a line the lookup already touched).
struct LookupEntry {
  uintptr_t Addr; // 0 = empty
  uint32_t Id;
  uint32_t Count; // batched acquisitions of Id, added to LockInfo::Acq on flush
};

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "Gate and HeldLock::Tag assume little endian");

// ThreadState::Flags bits. Any bit set sends every lock call of the thread off
// the inline fast paths.
constexpr uint32_t kInShim = 1;   // inside the shim: nested lock calls pass through
constexpr uint32_t kSlowOnly = 2; // the general path only (watchdog: owners tracked)
constexpr uint32_t kDeepHeld = 4; // more than kMaxHeld held: the stack goes on in Deep

// Cache-line aligned: adjacent threads' states must not share a line (Gate
// and the held stack are written on every lock call). The first line holds
// everything the fast paths read besides the lookup entry and the stack top.
struct alignas(64) ThreadState {
  // Flags and NHeld share a word (Gate): the fast paths test both, and set
  // both, with one access. Not volatile: changes are ordered against signal
  // handlers with compiler barriers (SignalFence in rt_thread.h).
  union {
    struct {
      uint32_t Flags; // kInShim | kSlowOnly
      uint32_t NHeld;
    };
    uint64_t Gate; // Flags | NHeld << 32
  };
  uint32_t SampleCountdown; // acquisitions until the next timed hold
  uint32_t CacheEpoch;      // g_retire_epoch the lookup cache is valid for
  std::atomic<uint32_t> InUse;
  uint32_t Slot;
  int32_t Tid;
  uint32_t Overflow; // acquisitions beyond kMaxHeld not on the stack
  std::atomic<uint32_t> WaitingLock; // kNoLock unless blocked in a lock call
  std::atomic<uint64_t> WaitStart;
  std::atomic<uintptr_t> WaitPc;
  alignas(64) HeldLock Held[kMaxHeld]; // two entries a line; then Deep (see HeldAt)
  LookupEntry Cache[kLookupCacheSize]; // direct-mapped by address, see CachedLookup
  uint64_t EdgeCache[kEdgeCacheSize]; // only touched with locks held
  // Holds kMaxHeld.. of a thread that holds more (a tree walk that locks every
  // level): kMaxHeldDeep entries, mapped at the slot's first need and kept
  // for the slot's later threads. Set before NHeld first exceeds kMaxHeld.
  HeldLock *Deep;
  // Written by other threads, on a line of their own: locks another thread
  // unlocked for this one (a mutex used as a semaphore), dropped from the
  // held stack on this thread's next general path so that the stale hold
  // forms no false edge (DrainReleasedByOther, rt_thread.h).
  alignas(64) std::atomic<uint32_t> ReleasedPending;
  std::atomic<uintptr_t> ReleasedByOther[kReleasedMailbox];
};

// The I-th hold of the thread's stack (the first kMaxHeld in ThreadState).
LG_ALWAYS_INLINE HeldLock &HeldAt(ThreadState *T, uint32_t I) {
  return LG_LIKELY(I < kMaxHeld) ? T->Held[I] : T->Deep[I - kMaxHeld];
}

// Condition-variable waits per (cond, mutex) pair, the data behind the
// "lock built on a condition variable" verdict (a GIL: a flag guarded by a
// mutex, threads waiting on one condvar for it to clear). Nothing here knows
// what the condvar protects; the report judges the pair from these numbers.
//
// Counters are updated by the waiting thread after its wait returned, i.e.
// with the mutex re-acquired, so waits on one pair are serialized when the
// condvar is always used with the same mutex (as it must be, POSIX); with
// several mutexes the counts are racy by design. Waiters/BusySince/BusyNs
// ("some thread is waiting" time) use atomics; Signals and SignalBits are
// written by pthread_cond_signal/broadcast callers, with relaxed atomics.
// Capacity: kMaxCondPairs pairs (later condvars are not recorded), and
// kMaxCondSites waiting sites per pair (a site is the wait's return address
// plus its caller's; later sites are counted in Other*).
constexpr uint32_t kMaxCondSites = 8;

struct CondSite {
  std::atomic<uintptr_t> Key; // hash of (Pc, Caller); 0 = free
  uintptr_t Pc, Caller;       // return addresses of the wait call and of its caller
  uint32_t Stack;             // stack captured at the site's first wait
  uint64_t Waits, WaitNs, Timeouts;
};

struct CondPair {
  std::atomic<uintptr_t> Cond;
  uint32_t Mutex; // lock id of the last mutex used with it
  uint64_t Waits, WaitNs, WaitMax, Timeouts;
  uint64_t ThreadBits[4];          // thread slots (mod 256) that waited
  std::atomic<uint32_t> Waiters;   // threads inside a wait on it right now
  std::atomic<uint64_t> BusySince; // when Waiters last went 0 -> 1
  std::atomic<uint64_t> BusyNs;    // wall time with at least one waiter (closed intervals)
  uint64_t Signals;                // pthread_cond_signal/broadcast calls (after its first wait)
  uint64_t SignalBits[4];          // thread slots (mod 256) that signalled
  CondSite Sites[kMaxCondSites];
  uint64_t OtherWaits, OtherNs;    // waits from sites beyond kMaxCondSites
};

// Written fields (Mu, the counters) are kept off the cache lines of the
// read-mostly ones the fast path reads (Opts, the table pointers).
struct State {
  alignas(64) RawMutex Mu; // guards the graph, lock creation, cycles, findings
  alignas(64) Options Opts;
  LockSlot *Slots;
  LockInfo *Locks;
  alignas(64) std::atomic<uint32_t> NLocks;
  uint32_t SlotsUsed;
  LockGraph Graph;
  EdgeInfo *Edges;
  Cycle *Cycles;
  uint32_t NCycles, CyclesDropped, InheritedCycles;
  uint32_t *CycleEdges;
  uint32_t CycleEdgesUsed;
  uint32_t PathBuf[kMaxCycleLen];
  Finding Findings[kMaxFindings];
  uint32_t NFindings, FindingsDropped, InheritedFindings;
  ThreadState *Threads;
  std::atomic<uint32_t> ThreadsSeen;
  // Loops over threads and condvar pairs visit only the slots ever used: a
  // read of an untouched NORESERVE page faults it in (zero page), and visiting
  // all 1024 thread slots and 4096 pairs cost 1,700 faults, 2-4 ms per run.
  std::atomic<uint32_t> ThreadSlotsHigh; // thread slots [0, ThreadSlotsHigh) were used
  CondPair *CondPairs;
  std::atomic<uint32_t> NCondPairs;      // pairs claimed, listed in CondPairList
  uint32_t CondPairList[kMaxCondPairs];  // their indices + 1 (0: being written)
  uint64_t StartNs;
  uint64_t StartTicks; // HoldClock at start-up
  uint64_t StartCpuNs;
  std::atomic<bool> Reported;
  std::atomic<bool> WatchdogRunning;
  std::atomic<uint64_t> LimitHits[kNumLimits]; // losses per capacity limit (HitLimit)
};

extern State *g_state;
extern std::atomic<bool> g_ready;

// Adds every live thread's batched acquisition counts to the locks (racy
// against those threads by design: an increment may be lost).
void FlushAllAcqCounts();
// Hold samples are timed with HoldClock: the TSC when it is invariant (one
// instruction, 5-15 ns, where clock_gettime costs 20-30 ns: two of those per
// sample cost 1.5 ns per lock/unlock pair at the default rate, over 40% of
// the uncontended fast path's budget), else CLOCK_MONOTONIC. HoldNsPerTick
// converts, calibrated over the run so far (exactly 1 for CLOCK_MONOTONIC).
// Thread-safe; async-signal-safe.
uint64_t HoldClock();
double HoldNsPerTick();
// Writes the text summary (stderr) and the JSON report. FromSignal: do not
// block on the internal lock for long and avoid the loader. The JSON file is
// replaced atomically (rename), and not at all by a process that took no
// lock when one exists already (see WriteJsonFile in rt_report.cpp).
void WriteReport(bool FromSignal);
// Writes only the JSON report, now, without marking the report as written
// (the watchdog on a live deadlock, so that a SIGKILL loses nothing; the exit
// writes it again). Takes State::Mu; not from a signal handler.
void WriteJsonReport();
// A non-gated lock-order cycle or any finding was made (exitcode=).
bool HasDeadlockFindings();
// The report's check name of a FindingKind ("double-lock", ...).
const char *FindingCheck(uint8_t Kind);
// Report helpers shared with the runtime.
void PrintFindingNow(uint32_t FindingIdx);
// Stores F in the findings table (under State::Mu) and prints it at once;
// a full table (kMaxFindings) counts it in FindingsDropped instead. False
// when dropped.
bool RecordFinding(const Finding &F);
void Warn(const char *Msg);

#pragma GCC visibility pop

} // namespace rt
} // namespace lockgraph

#endif
