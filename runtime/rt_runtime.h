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
//   kMaxHeld (64 locks held at once by one thread): deeper acquisitions are
//       not tracked (no edges, no hold time), the rest stays correct.
//   kLookupCacheSize (64 per-thread address -> lock entries, direct-mapped):
//       a miss costs one probe of the shared lock table.
//   kAcqCacheSize (64 per-thread acquisition counters, direct-mapped by lock
//       id): an evicted counter is added to its lock (one atomic add).
//   kEdgeCacheSize (1024 entries per thread, direct-mapped): a miss costs a
//       lock-free probe of the global graph, then its lock if the edge or its
//       context (the set of other held locks) is new.
//   kMaxCycles (4096 distinct cycles), kMaxCycleLen (1024 edges per cycle),
//       kMaxSearch (1,048,576 nodes visited per cycle search): beyond, cycles
//       are counted but not stored / not found.
//   kMaxFindings (256 double-lock / live-deadlock findings): later ones are
//       counted only.
//
// Thread-safety: the fast path (this thread holds nothing and the try-lock
// succeeds) touches only the calling thread's ThreadState (re-entry flag,
// 4-entry lookup cache, batched acquisition counter, held stack) and reads
// the lock table lock-free. With locks held, the edge cache answers known
// orders without shared state. The lock's own LockInfo counters are written
// only on contended acquisitions and sampled releases, while that lock is held
// (exclusive) or with atomic adds (shared). Everything that changes shared
// structure (lock creation, the graph, cycles, findings) takes State::Mu, a
// RawMutex (rt_defs.h), which is never held across a call into the loader,
// the unwinder or a real lock function. The report reads counters racily by
// design. Also per structure below: LockGraph needs Mu for writes; Frame
// symbolization and stack storage have their own RawMutexes (rt_stack.h).
//
// Glossary: gen = generation of a lock address; gate = a lock held across
// the formation of every edge of a cycle; ctx = hash of the held set.
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

constexpr uint32_t kNoLock = ~0u;
constexpr uint32_t kMaxLocks = 1u << 21;
constexpr uint32_t kLockSlots = 1u << 22;
constexpr uint32_t kMaxEdges = 1u << 21;
constexpr uint32_t kMaxThreads = 1024;
constexpr uint32_t kMaxHeld = 64;
constexpr uint32_t kEdgeCacheSize = 1024;
constexpr uint32_t kAcqCacheSize = 64;
constexpr uint32_t kLookupCacheSize = 64;
constexpr uint32_t kMaxCycles = 4096;
constexpr uint32_t kMaxCycleLen = 1024;
constexpr uint32_t kCycleEdgePool = 1u << 20;
constexpr uint32_t kMaxSearch = 1u << 20;
constexpr uint32_t kMaxGates = 4;
constexpr uint32_t kMaxFindings = 256;
constexpr uint32_t kMaxCondPairs = 4096;

enum LockType : uint8_t { kTypeMutex, kTypeRecursive, kTypeErrorCheck, kTypeRwlock, kTypeSpin };
const char *LockTypeName(uint8_t T);

// One cache line of hot fields (touched by every acquisition), then the
// fields touched on slow paths and by the report.
struct alignas(64) LockInfo {
  uint8_t Type;
  std::atomic<uint8_t> Live;
  std::atomic<uint32_t> Owner; // thread slot + 1 of the exclusive holder, 0 = none
  // Counters: written while holding the lock (exclusive) or atomically (shared).
  uint64_t Acq;
  uint64_t ThreadBits[4]; // thread slots (mod 256) that acquired it
  uint64_t HoldNs, HoldSamples;
  // Cold.
  uintptr_t Addr;
  uint32_t Gen;
  Frame Site; // first acquisition: the class key
  uint64_t Contended, WaitNs, WaitMax;
  uint64_t CondWaits, CondWaitNs, CondWaitMax, CondTimeouts;
  uint64_t WaitBits[4]; // thread slots (mod 256) that waited for it
};

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

enum FindingKind : uint8_t { kDoubleLock, kLiveDeadlock };

struct Finding {
  uint8_t Kind;
  uint32_t NLocks;
  uint32_t Locks[8];
  int32_t Tids[8];
  uint32_t Stacks[8];
  uint64_t BlockedNs;
};

struct HeldLock {
  uintptr_t Addr;
  uint32_t Id;
  uint8_t Shared;
  uint8_t Type;
  uint16_t Rec;
  uintptr_t Pc;
  uint64_t HoldT0; // 0 = this hold is not sampled
};

// Cache-line aligned: adjacent threads' states must not share a line (InRt and
// the held stack are written on every lock call).
struct alignas(64) ThreadState {
  std::atomic<uint32_t> InUse;
  volatile int InRt; // inside the shim: nested lock calls pass through
  uint32_t Slot;
  int32_t Tid;
  uint32_t NHeld;
  uint32_t Overflow; // acquisitions beyond kMaxHeld not on the stack
  uint32_t SampleCountdown;
  uint32_t CacheEpoch;     // lock lookup cache, see CachedLookup
  uintptr_t CacheAddr[kLookupCacheSize];
  uint32_t CacheId[kLookupCacheSize];
  uint8_t CacheType[kLookupCacheSize];
  std::atomic<uint32_t> WaitingLock; // kNoLock unless blocked in a lock call
  std::atomic<uint64_t> WaitStart;
  std::atomic<uintptr_t> WaitPc;
  HeldLock Held[kMaxHeld];
  // Acquisition counts batched per thread (direct-mapped by lock id), so the
  // uncontended fast path never writes to the shared LockInfo line; flushed
  // on eviction, thread exit and report.
  uint32_t AcqId[kAcqCacheSize];
  uint32_t AcqCount[kAcqCacheSize];
  uint64_t EdgeCache[kEdgeCacheSize]; // last: only touched with locks held
};

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
  CondPair *CondPairs;
  uint64_t StartNs;
  uint64_t StartCpuNs;
  std::atomic<bool> Reported;
  std::atomic<bool> WatchdogRunning;
  std::atomic<uint32_t> WarnedFull;
};

extern State *g_state;
extern std::atomic<bool> g_ready;

// Adds every live thread's batched acquisition counts to the locks (racy
// against those threads by design: an increment may be lost).
void FlushAllAcqCounts();
// Writes the text summary (stderr) and the JSON report. FromSignal: do not
// block on the internal lock for long and avoid the loader.
void WriteReport(bool FromSignal);
// Writes only the JSON report (used before an abort).
bool HasDeadlockFindings();
// Report helpers shared with the runtime.
void PrintFindingNow(uint32_t FindingIdx);
void Warn(const char *Msg);

} // namespace rt
} // namespace lockgraph

#endif
