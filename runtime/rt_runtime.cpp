//===- rt_runtime.cpp - lockgraph runtime: detector and interceptors ------===//
//
// Interposed pthread lock functions (LD_PRELOAD or linked in), the per-thread
// fast path, the slow path that feeds the global graph, and the process
// plumbing: start-up, fork, fatal signals, exit, the watchdog thread.
//
// Re-entry: every interceptor first checks the calling thread's re-entry flag
// (kInShim in ThreadState::Flags, reached through one initial-exec TLS load;
// tls_in_rt for threads without a state yet: start-up, dlsym, the watchdog).
// While it is set, the thread is inside the shim (or inside a real blocking
// call made by it), and any lock call it makes (from a signal handler, from
// dlsym, from the unwinder, from an atfork handler) goes straight to the real
// function. The unlock fast path is the one exception (see InterposeRelease).
//
// Fast paths: InterposeAcquire and InterposeRelease inline the common case
// into each interposed function (about 40 and 20 instructions, each ending
// in a tail call to the real function where the lock kind allows it);
// everything else is out of line, so that the common case saves no register
// and reads no shared state but the lock word and the retire epoch.
//
// Glossary: T = the calling thread's ThreadState, Mu = State::Mu (the shim's
// one global lock), Rc = a pthread return code.
//===----------------------------------------------------------------------===//
#include "rt_runtime.h"

#include "rt_format.h"

#include <cerrno>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>
#endif
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <new>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <unwind.h>

// Exported by glibc (as non-default versions, for old binaries); bound with
// .symver and used while dlsym itself is still resolving the real functions.
#define LG_COMPAT(ret, name, args)                                                          \
  extern "C" ret name##_compat args;                                                        \
  __asm__(".symver " #name "_compat, " #name "@GLIBC_2.2.5");
LG_COMPAT(int, __pthread_mutex_lock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_mutex_trylock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_mutex_unlock, (pthread_mutex_t *))
LG_COMPAT(int, __pthread_rwlock_rdlock, (pthread_rwlock_t *))
LG_COMPAT(int, __pthread_rwlock_wrlock, (pthread_rwlock_t *))
LG_COMPAT(int, __pthread_rwlock_unlock, (pthread_rwlock_t *))

namespace lockgraph {
namespace rt {

State *g_state = nullptr;
std::atomic<bool> g_ready{false};
alignas(64) static char g_state_storage[sizeof(State)];

static __thread int tls_in_rt LG_TLS;
static __thread ThreadState *tls_thr LG_TLS;
static __thread int tls_resolving LG_TLS;

// Gate and HeldLock::Tag are only ever written whole, never through their
// 32/16/8-bit fields: the fast paths load them whole, and a 64-bit load right
// after a narrower store to part of it cannot be forwarded from the store
// buffer: the load waits until the store has been written to the cache. When
// the fast path wrote Flags alone, the uncontended loop ran 1.8x slower. The
// slow paths keep to the rule too, since a fast path often follows them.
LG_ALWAYS_INLINE void SetFlags(ThreadState *T, uint32_t F) {
  T->Gate = (T->Gate & ~uint64_t(0xffffffff)) | F;
}
LG_ALWAYS_INLINE void SetNHeld(ThreadState *T, uint32_t N) {
  T->Gate = (T->Gate & 0xffffffff) | uint64_t(N) << 32;
}

// Marks the calling thread as inside the shim for a scope (both flags: the
// TLS one and, if the thread has a state, the state's), so that lock calls
// made meanwhile pass through untracked.
struct ShimScope {
  ThreadState *T;
  int SavedTls;
  uint32_t SavedT = 0;
  ShimScope() : T(tls_thr), SavedTls(tls_in_rt) {
    tls_in_rt = 1;
    if (T) {
      SavedT = T->Flags;
      SetFlags(T, SavedT | kInShim);
    }
  }
  ~ShimScope() {
    tls_in_rt = SavedTls;
    if (T)
      SetFlags(T, SavedT);
  }
  ShimScope(const ShimScope &) = delete;
  ShimScope &operator=(const ShimScope &) = delete;
};

static pthread_key_t g_thread_key;
static std::atomic<int> g_init_state{0}; // 0 not yet, 1 running, 2 done, 3 failed
static bool g_track_owner = false; // watchdog on: keep LockInfo::Owner current
static bool g_hold_tsc = false;    // HoldClock is the TSC
alignas(64) static std::atomic<uint32_t> g_retire_epoch{0}; // bumped when a lock is retired
// The freed-memory watch (see FreeRetire): kLinePages line masks and page
// tags; null before start-up and with detect=0 (free passes straight through).
static uint64_t *g_lock_lines;
static uintptr_t *g_lock_pages;
// g_lock_lines once free is resolved and is glibc's: free's inline fast path.
static uint64_t *g_fast_free_lines;

//===-- Real functions ----------------------------------------------------===//

struct RealFns {
  int (*mutex_lock)(pthread_mutex_t *);
  int (*mutex_trylock)(pthread_mutex_t *);
  int (*mutex_timedlock)(pthread_mutex_t *, const struct timespec *);
  int (*mutex_clocklock)(pthread_mutex_t *, clockid_t, const struct timespec *);
  int (*mutex_unlock)(pthread_mutex_t *);
  int (*mutex_init)(pthread_mutex_t *, const pthread_mutexattr_t *);
  int (*mutex_destroy)(pthread_mutex_t *);
  int (*rw_rdlock)(pthread_rwlock_t *);
  int (*rw_wrlock)(pthread_rwlock_t *);
  int (*rw_tryrdlock)(pthread_rwlock_t *);
  int (*rw_trywrlock)(pthread_rwlock_t *);
  int (*rw_timedrdlock)(pthread_rwlock_t *, const struct timespec *);
  int (*rw_timedwrlock)(pthread_rwlock_t *, const struct timespec *);
  int (*rw_clockrdlock)(pthread_rwlock_t *, clockid_t, const struct timespec *);
  int (*rw_clockwrlock)(pthread_rwlock_t *, clockid_t, const struct timespec *);
  int (*rw_unlock)(pthread_rwlock_t *);
  int (*rw_init)(pthread_rwlock_t *, const pthread_rwlockattr_t *);
  int (*rw_destroy)(pthread_rwlock_t *);
  int (*spin_lock)(pthread_spinlock_t *);
  int (*spin_trylock)(pthread_spinlock_t *);
  int (*spin_unlock)(pthread_spinlock_t *);
  int (*spin_init)(pthread_spinlock_t *, int);
  int (*spin_destroy)(pthread_spinlock_t *);
  int (*cond_wait)(pthread_cond_t *, pthread_mutex_t *);
  int (*cond_timedwait)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
  int (*cond_clockwait)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *);
  int (*cond_signal)(pthread_cond_t *);
  int (*cond_broadcast)(pthread_cond_t *);
};
static RealFns R;
static std::atomic<bool> g_resolved{false};

template <class F> static void Resolve(F &P, const char *Name, const char *Ver = nullptr) {
  void *Sym = Ver ? dlvsym(RTLD_NEXT, Name, Ver) : dlsym(RTLD_NEXT, Name);
  if (!Sym && Ver)
    Sym = dlsym(RTLD_NEXT, Name);
  if (Sym)
    P = reinterpret_cast<F>(Sym);
}

static int FallbackMutexLock(pthread_mutex_t *M) { return __pthread_mutex_lock_compat(M); }
static int FallbackMutexTrylock(pthread_mutex_t *M) { return __pthread_mutex_trylock_compat(M); }
static int FallbackMutexUnlock(pthread_mutex_t *M) { return __pthread_mutex_unlock_compat(M); }
static int FallbackRdlock(pthread_rwlock_t *L) { return __pthread_rwlock_rdlock_compat(L); }
static int FallbackWrlock(pthread_rwlock_t *L) { return __pthread_rwlock_wrlock_compat(L); }
static int FallbackRwUnlock(pthread_rwlock_t *L) { return __pthread_rwlock_unlock_compat(L); }
static int FallbackTryRw(pthread_rwlock_t *) { return EBUSY; }
// glibc's spinlock is an int: 0 free, nonzero taken.
static int FallbackSpinLock(pthread_spinlock_t *L) {
  while (__atomic_exchange_n(L, 1, __ATOMIC_ACQUIRE))
    __builtin_ia32_pause();
  return 0;
}
static int FallbackSpinTrylock(pthread_spinlock_t *L) {
  return __atomic_exchange_n(L, 1, __ATOMIC_ACQUIRE) ? EBUSY : 0;
}
static int FallbackSpinUnlock(pthread_spinlock_t *L) {
  __atomic_store_n(L, 0, __ATOMIC_RELEASE);
  return 0;
}

// Once resolution is done, every pointer the tracked paths call without a
// check is set: the fast paths (which run only on threads with a state, i.e.
// after start-up resolved R) then cost one indirect call and no test.
static void FillFallbacks(RealFns *N) {
  if (!N->mutex_lock)
    N->mutex_lock = FallbackMutexLock;
  if (!N->mutex_trylock)
    N->mutex_trylock = FallbackMutexTrylock;
  if (!N->mutex_unlock)
    N->mutex_unlock = FallbackMutexUnlock;
  if (!N->rw_rdlock)
    N->rw_rdlock = FallbackRdlock;
  if (!N->rw_wrlock)
    N->rw_wrlock = FallbackWrlock;
  if (!N->rw_tryrdlock)
    N->rw_tryrdlock = FallbackTryRw;
  if (!N->rw_trywrlock)
    N->rw_trywrlock = FallbackTryRw;
  if (!N->rw_unlock)
    N->rw_unlock = FallbackRwUnlock;
  if (!N->spin_lock)
    N->spin_lock = FallbackSpinLock;
  if (!N->spin_trylock)
    N->spin_trylock = FallbackSpinTrylock;
  if (!N->spin_unlock)
    N->spin_unlock = FallbackSpinUnlock;
}

// Safe to call repeatedly and concurrently; a lock call made by dlsym itself
// while this thread resolves finds tls_resolving set and uses the fallbacks.
static void ResolveReal() {
  if (g_resolved.load(std::memory_order_acquire) || tls_resolving)
    return;
  tls_resolving = 1;
  int Saved = tls_in_rt;
  tls_in_rt = 1;
  RealFns N;
  memset(&N, 0, sizeof(N));
  Resolve(N.mutex_lock, "pthread_mutex_lock");
  Resolve(N.mutex_trylock, "pthread_mutex_trylock");
  Resolve(N.mutex_timedlock, "pthread_mutex_timedlock");
  Resolve(N.mutex_clocklock, "pthread_mutex_clocklock");
  Resolve(N.mutex_unlock, "pthread_mutex_unlock");
  Resolve(N.mutex_init, "pthread_mutex_init");
  Resolve(N.mutex_destroy, "pthread_mutex_destroy");
  Resolve(N.rw_rdlock, "pthread_rwlock_rdlock");
  Resolve(N.rw_wrlock, "pthread_rwlock_wrlock");
  Resolve(N.rw_tryrdlock, "pthread_rwlock_tryrdlock");
  Resolve(N.rw_trywrlock, "pthread_rwlock_trywrlock");
  Resolve(N.rw_timedrdlock, "pthread_rwlock_timedrdlock");
  Resolve(N.rw_timedwrlock, "pthread_rwlock_timedwrlock");
  Resolve(N.rw_clockrdlock, "pthread_rwlock_clockrdlock");
  Resolve(N.rw_clockwrlock, "pthread_rwlock_clockwrlock");
  Resolve(N.rw_unlock, "pthread_rwlock_unlock");
  Resolve(N.rw_init, "pthread_rwlock_init");
  Resolve(N.rw_destroy, "pthread_rwlock_destroy");
  Resolve(N.spin_lock, "pthread_spin_lock");
  Resolve(N.spin_trylock, "pthread_spin_trylock");
  Resolve(N.spin_unlock, "pthread_spin_unlock");
  Resolve(N.spin_init, "pthread_spin_init");
  Resolve(N.spin_destroy, "pthread_spin_destroy");
  // The unversioned name may bind to the pre-2.3.2 compatibility condvar.
  Resolve(N.cond_wait, "pthread_cond_wait", "GLIBC_2.3.2");
  Resolve(N.cond_timedwait, "pthread_cond_timedwait", "GLIBC_2.3.2");
  Resolve(N.cond_clockwait, "pthread_cond_clockwait");
  Resolve(N.cond_signal, "pthread_cond_signal", "GLIBC_2.3.2");
  Resolve(N.cond_broadcast, "pthread_cond_broadcast", "GLIBC_2.3.2");
  FillFallbacks(&N);
  R = N;
  g_resolved.store(true, std::memory_order_release);
  tls_in_rt = Saved;
  tls_resolving = 0;
}

// Once resolved, R never changes: a set pointer is final.
#define LG_REAL(name) (LG_LIKELY(R.name != nullptr) ? R.name : (ResolveReal(), R.name))

// For the pass-through paths, which may run before resolution (or inside it).
static int RealMutexLock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_lock);
  return F ? F(M) : FallbackMutexLock(M);
}
static int RealMutexTrylock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_trylock);
  return F ? F(M) : FallbackMutexTrylock(M);
}
static int RealMutexUnlock(pthread_mutex_t *M) {
  auto F = LG_REAL(mutex_unlock);
  return F ? F(M) : FallbackMutexUnlock(M);
}
static int RealRdlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_rdlock);
  return F ? F(L) : FallbackRdlock(L);
}
static int RealWrlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_wrlock);
  return F ? F(L) : FallbackWrlock(L);
}
static int RealRwUnlock(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_unlock);
  return F ? F(L) : FallbackRwUnlock(L);
}
static int RealTryRd(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_tryrdlock);
  return F ? F(L) : EBUSY;
}
static int RealTryWr(pthread_rwlock_t *L) {
  auto F = LG_REAL(rw_trywrlock);
  return F ? F(L) : EBUSY;
}
static int RealSpinLock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_lock);
  return F ? F(L) : FallbackSpinLock(L);
}
static int RealSpinTrylock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_trylock);
  return F ? F(L) : FallbackSpinTrylock(L);
}
static int RealSpinUnlock(pthread_spinlock_t *L) {
  auto F = LG_REAL(spin_unlock);
  return F ? F(L) : FallbackSpinUnlock(L);
}

// The real free, resolved on first use (the shim may see frees before its
// constructor, from the loader and from dlsym itself). A free made by dlsym
// while this thread resolves free cannot reach the real one yet: it is leaked
// (a few bytes, once). Without dlsym's answer, glibc's __libc_free.
extern "C" void __libc_free(void *);
using FreeFn = void (*)(void *);
using UsableSizeFn = size_t (*)(void *);
static std::atomic<FreeFn> g_real_free{nullptr};
static UsableSizeFn g_usable_size = nullptr; // the allocator's malloc_usable_size
static bool g_glibc_heap = false;            // free is glibc's: read its chunk headers
static __thread int tls_resolving_free LG_TLS;


// The usable size of heap block P: glibc's chunk header (the size word before
// the block, low 3 bits flags, bit 1 = mmapped), the layout malloc_usable_size
// reads, at a tenth of its cost; for other allocators their own
// malloc_usable_size; 0 (not watched) if they have none.
LG_ALWAYS_INLINE size_t BlockSize(void *P) {
  if (LG_LIKELY(g_glibc_heap)) {
    size_t H = static_cast<size_t *>(P)[-1];
    return (H & ~size_t(7)) - ((H & 2) ? 16 : 8);
  }
  UsableSizeFn U = __atomic_load_n(&g_usable_size, __ATOMIC_RELAXED);
  return U ? U(P) : 0;
}


// Turns free's inline fast path on once both the watch and the real free
// (glibc's: the fast path reads its chunk headers) are there.
static void EnableFastFree() {
  uint64_t *Lines = __atomic_load_n(&g_lock_lines, __ATOMIC_ACQUIRE);
  if (Lines && g_real_free.load(std::memory_order_acquire) &&
      __atomic_load_n(&g_glibc_heap, __ATOMIC_RELAXED))
    __atomic_store_n(&g_fast_free_lines, Lines, __ATOMIC_RELEASE);
}

static LG_NOINLINE FreeFn ResolveFree() {
  if (tls_resolving_free)
    return nullptr;
  tls_resolving_free = 1;
  void *F, *U;
  {
    ShimScope Scope; // lock calls made by dlsym pass through
    F = dlsym(RTLD_NEXT, "free");
    U = dlsym(RTLD_NEXT, "malloc_usable_size");
  }
  tls_resolving_free = 0;
  FreeFn Fn = F ? reinterpret_cast<FreeFn>(F) : __libc_free;
  __atomic_store_n(&g_usable_size, reinterpret_cast<UsableSizeFn>(U), __ATOMIC_RELAXED);
  __atomic_store_n(&g_glibc_heap, Fn == __libc_free, __ATOMIC_RELAXED);
  g_real_free.store(Fn, std::memory_order_release);
  EnableFastFree();
  return Fn;
}

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

static void WarnOnce(uint32_t Bit, const char *Msg) {
  if (!(g_state->WarnedFull.fetch_or(Bit) & Bit))
    Warn(Msg);
}

const char *LockTypeName(uint8_t T) {
  switch (T) {
  case kTypeRecursive:
    return "recursive";
  case kTypeRwlock:
    return "rwlock";
  case kTypeSpin:
    return "spin";
  default:
    return "mutex";
  }
}

//===-- Start-up ----------------------------------------------------------===//

static void ThreadExit(void *P);
static void FlushThreadAcq(ThreadState *T);
static void ForkPrepare();
static void ForkParent();
static void ForkChild();
static void InstallSignalHandlers();

// A program may build in its own default options, as with the sanitizers'
// __asan_default_options: CMake's lockgraph_instrument() names the report
// file this way. LOCKGRAPH_OPTIONS, parsed after them, wins.
extern "C" __attribute__((weak, visibility("default"))) const char *
__lockgraph_default_options();

// The TSC runs at a constant rate across frequency changes and sleep states
// (CPUID 8000_0007h EDX bit 8), so tick differences measure time.
static bool InvariantTsc() {
#if defined(__x86_64__) || defined(__i386__)
  unsigned A, B, C, D;
  return __get_cpuid(0x80000007u, &A, &B, &C, &D) && (D & (1u << 8));
#else
  return false;
#endif
}

uint64_t HoldClock() {
#if defined(__x86_64__) || defined(__i386__)
  if (g_hold_tsc)
    return __rdtsc();
#endif
  return NowNs();
}

double HoldNsPerTick() {
  State *S = g_state;
  if (!g_hold_tsc || !S)
    return 1.0;
  uint64_t Ns = NowNs() - S->StartNs, Ticks = HoldClock() - S->StartTicks;
  return Ticks ? double(Ns) / double(Ticks) : 1.0;
}

static bool DoInit() {
  ResolveReal();
  State *S = new (g_state_storage) State();
  if (&__lockgraph_default_options)
    ParseOptions(__lockgraph_default_options(), &S->Opts, Warn);
  ParseOptions(getenv("LOCKGRAPH_OPTIONS"), &S->Opts, Warn);
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
  if (S->Opts.Detect) {
    auto *Lines = static_cast<uint64_t *>(MapNoReserve(8ull * kLinePages));
    auto *Pages = static_cast<uintptr_t *>(MapNoReserve(sizeof(uintptr_t) * kLinePages));
    if (Lines && Pages) {
      g_lock_pages = Pages;
      __atomic_store_n(&g_lock_lines, Lines, __ATOMIC_RELEASE);
      EnableFastFree();
    } else {
      Warn("cannot reserve memory for the freed-memory watch; freed locks keep their identity");
    }
  }
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

// Returns true once the runtime is usable. Called with tls_in_rt set.
static bool EnsureInit() {
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

//===-- Threads -----------------------------------------------------------===//

static ThreadState *AttachThread() {
  State *S = g_state;
  for (uint32_t I = 0; I < kMaxThreads; ++I) {
    ThreadState *T = &S->Threads[I];
    uint32_t Z = 0;
    if (T->InUse.load(std::memory_order_relaxed) != 0 ||
        !T->InUse.compare_exchange_strong(Z, 1, std::memory_order_acquire))
      continue;
    T->Slot = I;
    T->Gate = g_track_owner ? kSlowOnly : 0; // and NHeld 0
    T->Tid = static_cast<int32_t>(syscall(SYS_gettid));
    T->Overflow = 0;
    int Rate = S->Opts.HoldSampleRate;
    // Rate 0 (never time): a countdown that runs out only every 2^32
    // acquisitions and then just re-arms (StartSample).
    T->SampleCountdown = Rate > 0 ? (I * 7u) % static_cast<uint32_t>(Rate) + 1 : ~0u;
    T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
    memset(T->EdgeCache, 0, sizeof(T->EdgeCache));
    memset(T->Cache, 0, sizeof(T->Cache));
    T->CacheEpoch = g_retire_epoch.load(std::memory_order_relaxed);
    S->ThreadsSeen.fetch_add(1, std::memory_order_relaxed);
    uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_relaxed);
    while (High < I + 1 && !S->ThreadSlotsHigh.compare_exchange_weak(High, I + 1))
      ;
    tls_thr = T;
    pthread_setspecific(g_thread_key, T);
    return T;
  }
  WarnOnce(1, "more than 1024 live threads; further threads are not tracked");
  return nullptr;
}

static void ThreadExit(void *P) {
  ThreadState *T = static_cast<ThreadState *>(P);
  if (!T)
    return;
  FlushThreadAcq(T);
  if (tls_thr == T)
    tls_thr = nullptr;
  T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
  T->InUse.store(0, std::memory_order_release);
}

// Returns the calling thread's state and enters the shim (kInShim set), or
// nullptr when the call must go straight to the real function. The re-entry
// flag lives in the thread's state (one TLS load on the fast path); tls_in_rt
// covers the threads without a state yet (start-up, dlsym, the watchdog).
static LG_NOINLINE ThreadState *EnterSlow() {
  if (tls_in_rt)
    return nullptr;
  tls_in_rt = 1;
  ThreadState *T = nullptr;
  if ((g_ready.load(std::memory_order_acquire) || EnsureInit()) &&
      (T = AttachThread()) != nullptr) {
    tls_in_rt = 0;
    SetFlags(T, T->Flags | kInShim);
    return T;
  }
  tls_in_rt = 0;
  return nullptr;
}

// A compiler barrier: orders the thread-state accesses around a flag change
// against a signal handler on the same thread (no instruction emitted).
LG_ALWAYS_INLINE void SignalFence() { std::atomic_signal_fence(std::memory_order_seq_cst); }

// Enter and Leave write Gate whole, as the fast paths do (see
// InterposeAcquire: a 32-bit store then a 64-bit load of Gate stalls).
LG_ALWAYS_INLINE ThreadState *Enter() {
  ThreadState *T = tls_thr;
  if (LG_LIKELY(T != nullptr)) {
    uint64_t G = T->Gate;
    if (LG_UNLIKELY(G & kInShim))
      return nullptr;
    T->Gate = G | kInShim;
    SignalFence();
    return T;
  }
  return EnterSlow();
}

LG_ALWAYS_INLINE void Leave(ThreadState *T) {
  SignalFence();
  T->Gate = T->Gate & ~uint64_t(kInShim);
}

//===-- Lock table --------------------------------------------------------===//

LG_ALWAYS_INLINE uint32_t SlotIndex(uintptr_t Addr) {
  return static_cast<uint32_t>((Addr * 0x9E3779B97F4A7C15ULL) >> (64 - 22));
}

static uint8_t MutexType(pthread_mutex_t *M) {
  switch (M->__data.__kind & 3) {
  case PTHREAD_MUTEX_RECURSIVE_NP:
    return kTypeRecursive;
  case PTHREAD_MUTEX_ERRORCHECK_NP:
    return kTypeErrorCheck;
  default:
    return kTypeMutex;
  }
}

// Under Mu: notes that a lock that takes part in the graph starts at Addr,
// for free (see FreeRetire).
static void WatchLockLine(uintptr_t Addr) {
  uint64_t *Lines = g_lock_lines;
  if (!Lines)
    return;
  uintptr_t Page = Addr >> 12;
  uint32_t I = static_cast<uint32_t>(Page & (kLinePages - 1));
  uintptr_t Tag = g_lock_pages[I];
  if (Tag == 0)
    __atomic_store_n(&g_lock_pages[I], Page + 1, __ATOMIC_RELAXED);
  else if (Tag != Page + 1)
    __atomic_store_n(&g_lock_pages[I], kLinePageShared, __ATOMIC_RELAXED);
  __atomic_fetch_or(&Lines[I], uint64_t(1) << ((Addr >> 6) & 63), __ATOMIC_RELEASE);
}

static LG_NOINLINE uint32_t CreateLock(uintptr_t Addr, uint8_t Type, uintptr_t Pc) {
  State *S = g_state;
  Frame Site = Symbolize(Pc); // outside Mu: may call into the loader
  RawLockGuard G(S->Mu);
  uint32_t I = SlotIndex(Addr);
  for (;; I = (I + 1) & (kLockSlots - 1)) {
    uintptr_t A = S->Slots[I].Addr.load(std::memory_order_relaxed);
    if (A == Addr || A == 0)
      break;
  }
  LockSlot &Sl = S->Slots[I];
  bool Fresh = Sl.Addr.load(std::memory_order_relaxed) == 0;
  if (!Fresh) {
    uint32_t Id = Sl.Id.load(std::memory_order_relaxed);
    if (Id != kNoLock)
      return Id; // created by another thread meanwhile
  } else if (S->SlotsUsed + 1 > kLockSlots / 4 * 3) {
    WarnOnce(2, "lock table full (4M addresses); further locks are not tracked");
    return kNoLock;
  }
  uint32_t Id = S->NLocks.load(std::memory_order_relaxed);
  if (Id >= kMaxLocks) {
    WarnOnce(2, "more than 2M lock instances; further locks are not tracked");
    return kNoLock;
  }
  LockInfo &L = S->Locks[Id];
  L.Addr = Addr;
  L.Gen = Fresh ? 1 : Sl.Gen + 1; // 24-bit slot generation (wraps after 16M re-inits)
  L.Type = Type;
  L.Live.store(1, std::memory_order_relaxed);
  L.Site = Site;
  L.WaitStack.store(0, std::memory_order_relaxed);
  Sl.Gen = L.Gen & 0xffffff;
  Sl.Type = Type;
  S->NLocks.store(Id + 1, std::memory_order_release);
  Sl.Id.store(Id, std::memory_order_release);
  if (Fresh) {
    ++S->SlotsUsed;
    Sl.Addr.store(Addr, std::memory_order_release);
  }
  return Id;
}


template <class TypeF>
LG_ALWAYS_INLINE uint32_t LookupLock(const void *P, TypeF GetType, uintptr_t Pc) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  LockSlot *Slots = g_state->Slots;
  for (uint32_t I = SlotIndex(Addr);; I = (I + 1) & (kLockSlots - 1)) {
    uintptr_t A = Slots[I].Addr.load(std::memory_order_acquire);
    if (LG_LIKELY(A == Addr)) {
      uint32_t Id = Slots[I].Id.load(std::memory_order_acquire);
      if (LG_LIKELY(Id != kNoLock))
        return Id;
      break;
    }
    if (A == 0)
      break;
  }
  return CreateLock(Addr, GetType(), Pc);
}

// The slot of Addr, or nullptr if no lock was ever tracked there. Lock-free.
static LockSlot *FindSlot(uintptr_t Addr) {
  LockSlot *Slots = g_state->Slots;
  for (uint32_t I = SlotIndex(Addr);; I = (I + 1) & (kLockSlots - 1)) {
    uintptr_t A = Slots[I].Addr.load(std::memory_order_acquire);
    if (A == Addr)
      return &Slots[I];
    if (A == 0)
      return nullptr;
  }
}

// Under Mu: ends the live instance in slot Sl (the next use of its address is
// a new instance). The caller bumps g_retire_epoch.
static void RetireSlot(LockSlot *Sl) {
  uint32_t Id = Sl->Id.load(std::memory_order_relaxed);
  g_state->Locks[Id].Live.store(0, std::memory_order_relaxed);
  Sl->Id.store(kNoLock, std::memory_order_release);
}

// destroy / init: the next use of this address is a new lock instance.
static void RetireLock(const void *P) {
  State *S = g_state;
  RawLockGuard G(S->Mu);
  LockSlot *Sl = FindSlot(reinterpret_cast<uintptr_t>(P));
  if (Sl && Sl->Id.load(std::memory_order_relaxed) != kNoLock) {
    RetireSlot(Sl);
    g_retire_epoch.fetch_add(1, std::memory_order_release); // flush the thread caches
  }
}

//===-- Freed memory ------------------------------------------------------===//
//
// std::mutex has a trivial destructor: `delete` of an object that holds one
// calls no pthread function, and a new object at the same address would take
// the old lock's identity (its edges with the new ones' form false cycles).
// So free is interposed. The start of each lock that takes part in the graph
// (the only ones whose identity can join stale edges into a false cycle) is
// marked in a table of 4 KiB pages (direct-mapped, kLinePages entries): a
// 64-bit mask of the page's 64-byte lines that hold such a lock's start, and
// the page the entry belongs to
// (kLinePageShared once two pages that hold locks have used it: its masks
// are then a union, never cleared). A free reads the freed block's size from
// the allocator (glibc: the chunk header; others: malloc_usable_size) and the
// entries of the pages the block spans; only a set line of a matching entry
// sends it to FreeRetire, which probes every 4-byte address of the line.
//
// Bounded work: a block spans at most kLinePages entries' worth of pages
// before every entry has been seen, so a huge block reads each entry once
// (2 MiB of masks, less than unmapping it costs) and, for a shared entry,
// visits each of its pages in the block.

// The mask of the lines of page Page that [A, E) covers.
LG_ALWAYS_INLINE uint64_t RangeLines(uintptr_t Page, uintptr_t A, uintptr_t E) {
  uint32_t Lo = Page == (A >> 12) ? (A >> 6) & 63 : 0;
  uint32_t Hi = Page == ((E - 1) >> 12) ? ((E - 1) >> 6) & 63 : 63;
  return (~uint64_t(0) << Lo) & (~uint64_t(0) >> (63 - Hi));
}

// The pages of [P0, P1] that entry I can stand for: its own page if it lies
// there, or (shared) every page of the range that maps to I. F(Page).
template <class F> LG_ALWAYS_INLINE void ForPagesOfEntry(uint32_t I, uintptr_t P0, uintptr_t P1, F Fn) {
  uintptr_t Tag = __atomic_load_n(&g_lock_pages[I], __ATOMIC_RELAXED);
  if (Tag == 0)
    return;
  if (Tag != kLinePageShared) {
    if (Tag - 1 >= P0 && Tag - 1 <= P1)
      Fn(Tag - 1);
    return;
  }
  uintptr_t First = P0 + ((I - P0) & (kLinePages - 1)); // the first page >= P0 that maps to I
  for (uintptr_t Q = First; Q >= First && Q <= P1; Q += kLinePages)
    Fn(Q);
}

// Whether [A, E), several pages, may hold the start of a tracked lock.
static LG_NOINLINE bool MayHoldLockPages(const uint64_t *Lines, uintptr_t A, uintptr_t E) {
  uintptr_t P0 = A >> 12, P1 = (E - 1) >> 12;
  uintptr_t Pages = P1 - P0 + 1;
  uintptr_t N = Pages < kLinePages ? Pages : kLinePages;
  for (uintptr_t K = 0; K < N; ++K) {
    uint32_t I = static_cast<uint32_t>((P0 + K) & (kLinePages - 1));
    uint64_t M = __atomic_load_n(&Lines[I], __ATOMIC_RELAXED);
    if (LG_LIKELY(M == 0))
      continue;
    bool Hit = false;
    ForPagesOfEntry(I, P0, P1, [&](uintptr_t Q) { Hit |= (M & RangeLines(Q, A, E)) != 0; });
    if (Hit)
      return true;
  }
  return false;
}

// Whether [A, E) may hold the start of a tracked lock. Lock-free; a block
// within one page costs one mask read (and its tag's, on a hit).
LG_ALWAYS_INLINE bool MayHoldLock(const uint64_t *Lines, uintptr_t A, uintptr_t E) {
  uintptr_t Page = A >> 12;
  if (LG_UNLIKELY(Page != (E - 1) >> 12))
    return MayHoldLockPages(Lines, A, E);
  uint32_t I = static_cast<uint32_t>(Page & (kLinePages - 1));
  if (LG_LIKELY((__atomic_load_n(&Lines[I], __ATOMIC_RELAXED) & RangeLines(Page, A, E)) == 0))
    return false;
  uintptr_t Tag = __atomic_load_n(&g_lock_pages[I], __ATOMIC_RELAXED);
  return Tag == Page + 1 || Tag == kLinePageShared;
}

// Under Mu: retires the locks of [A, E) that take part in the graph, and
// clears the line bits that no such lock uses any more (exact entries only).
// Only locks with edges are watched (marked when they get their first edge):
// a lock without edges keeps its identity when its memory is freed, as no
// stale cycle can come of it, and so objects allocated and freed by the
// million with a lock each cost no instance (kMaxLocks) and send no free to
// this slow path. Returns whether one was retired.
static bool FreeRetireLocked(uintptr_t A, uintptr_t E) {
  uint64_t *Lines = g_lock_lines;
  uintptr_t P0 = A >> 12, P1 = (E - 1) >> 12;
  uintptr_t Pages = P1 - P0 + 1;
  uintptr_t N = Pages < kLinePages ? Pages : kLinePages;
  bool Retired = false;
  for (uintptr_t K = 0; K < N; ++K) {
    uint32_t I = static_cast<uint32_t>((P0 + K) & (kLinePages - 1));
    if (!Lines[I])
      continue;
    bool Exact = g_lock_pages[I] != kLinePageShared;
    ForPagesOfEntry(I, P0, P1, [&](uintptr_t Q) {
      uint64_t Hit = Lines[I] & RangeLines(Q, A, E);
      while (Hit) {
        uint32_t B = static_cast<uint32_t>(__builtin_ctzll(Hit));
        Hit &= Hit - 1;
        uintptr_t Line = Q << 12 | uintptr_t(B) << 6;
        bool Left = false; // a tracked lock still starts in this line
        for (uintptr_t X = Line; X < Line + 64; X += 4) {
          LockSlot *Sl = FindSlot(X);
          if (!Sl)
            continue;
          uint32_t Id = Sl->Id.load(std::memory_order_relaxed);
          if (Id == kNoLock)
            continue;
          if (!g_state->Locks[Id].InGraph)
            continue; // not watched
          if (X >= A && X < E) {
            RetireSlot(Sl);
            Retired = true;
          } else {
            Left = true;
          }
        }
        if (Exact && !Left)
          __atomic_fetch_and(&Lines[I], ~(uint64_t(1) << B), __ATOMIC_RELAXED);
      }
    });
    if (Exact && !Lines[I])
      __atomic_store_n(&g_lock_pages[I], uintptr_t(0), __ATOMIC_RELAXED);
  }
  return Retired;
}

// A block that may hold a lock is being freed. Nested calls (from inside the
// shim: the loader, the unwinder, a signal handler that interrupted it) pass
// straight through: they cannot free a tracked lock's memory.
static LG_NOINLINE void FreeRetire(uintptr_t A, uintptr_t E) {
  if (tls_in_rt || !g_ready.load(std::memory_order_acquire))
    return;
  ThreadState *T = tls_thr;
  if (T && (T->Flags & kInShim))
    return;
  ShimScope Scope;
  State *S = g_state;
  RawLockGuard G(S->Mu);
  if (FreeRetireLocked(A, E))
    g_retire_epoch.fetch_add(1, std::memory_order_release); // flush the thread caches
}

//===-- Lock order ---------------------------------------------------------===//

LG_ALWAYS_INLINE uint64_t IdHash(uint32_t Id) { return Mix64(Id + 0x9E3779B97F4A7C15ULL); }

static void FindCycle(State *S, uint32_t E) {
  uint32_t From = S->Graph.From(E), To = S->Graph.To(E);
  uint32_t N = S->Graph.ShortestPath(To, From, S->PathBuf, kMaxCycleLen - 1, kMaxSearch);
  if (N == 0)
    return;
  uint64_t Key = IdHash(From) + (N + 1) * 0x51ED27ULL;
  for (uint32_t I = 0; I < N; ++I)
    Key += IdHash(S->Graph.From(S->PathBuf[I]));
  for (uint32_t C = 0; C < S->NCycles; ++C)
    if (S->Cycles[C].Key == Key)
      return;
  if (S->NCycles >= kMaxCycles || S->CycleEdgesUsed + N + 1 > kCycleEdgePool) {
    ++S->CyclesDropped;
    return;
  }
  Cycle &Cy = S->Cycles[S->NCycles];
  Cy.Key = Key;
  Cy.First = S->CycleEdgesUsed;
  Cy.Len = N + 1;
  S->CycleEdges[S->CycleEdgesUsed++] = E;
  for (uint32_t I = 0; I < N; ++I)
    S->CycleEdges[S->CycleEdgesUsed++] = S->PathBuf[I];
  ++S->NCycles;
}

static uint32_t CaptureFrames(uintptr_t StartPc, int Depth) {
  uintptr_t Pcs[64];
  Frame F[64];
  if (Depth > 64)
    Depth = 64;
  int N = CaptureStack(Pcs, Depth, StartPc);
  for (int I = 0; I < N; ++I)
    F[I] = Symbolize(Pcs[I]);
  return PutStack(F, N);
}

// The acquired stack of a new edge, and the held lock's stack reconstructed
// from it: if the function that took the held lock (found by its unwind
// info, no symbols needed) is on the current stack, the held lock was taken
// by that activation, so its stack is its own return address followed by
// that frame's callers. Otherwise the held stack is that one frame.
static void CaptureEdgeStacks(uintptr_t StartPc, uintptr_t HeldPc, int Depth, uint32_t *Acq,
                              uint32_t *Held) {
  uintptr_t Pcs[64];
  Frame F[65];
  if (Depth > 64)
    Depth = 64;
  int N = CaptureStack(Pcs, Depth, StartPc);
  for (int I = 0; I < N; ++I)
    F[I] = Symbolize(Pcs[I]);
  *Acq = PutStack(F, N);
  void *HeldFn = _Unwind_FindEnclosingFunction(reinterpret_cast<void *>(HeldPc - 1));
  int At = -1;
  for (int I = 0; HeldFn && I < N && At < 0; ++I)
    if (_Unwind_FindEnclosingFunction(reinterpret_cast<void *>(Pcs[I] - 1)) == HeldFn)
      At = I;
  F[64] = Symbolize(HeldPc);
  if (At < 0) {
    *Held = PutStack(&F[64], 1);
    return;
  }
  F[At] = F[64];
  *Held = PutStack(&F[At], N - At);
}

// Slow path: this thread has not formed edge Held[HeldIdx] -> To in this
// context before. Takes State::Mu.
static LG_NOINLINE void NewEdge(ThreadState *T, uint32_t HeldIdx, uint32_t To, bool Shared,
                                uintptr_t Pc) {
  State *S = g_state;
  const HeldLock &H = T->Held[HeldIdx];
  uint32_t From = H.Id;
  uint32_t Gates[kMaxGates];
  uint32_t NGates = 0;
  for (uint32_t J = 0; J < T->NHeld && NGates < kMaxGates; ++J)
    if (J != HeldIdx && T->Held[J].Id != To && T->Held[J].Id != From)
      Gates[NGates++] = T->Held[J].Id;
  uint32_t AcqStack = 0, HeldStack = 0;
  if (S->Graph.FindEdge(From, To) == LockGraph::kNone)
    CaptureEdgeStacks(Pc, H.Pc, S->Opts.StackDepth, &AcqStack, &HeldStack);
  RawLockGuard G(S->Mu);
  bool IsNew = false;
  uint32_t E = S->Graph.AddEdge(From, To, &IsNew);
  if (E == LockGraph::kNone) {
    if (S->Graph.DroppedEdges() == 1)
      WarnOnce(4, "lock-order graph full (2M edges); further edges are dropped");
    return;
  }
  EdgeInfo &EI = S->Edges[E];
  // Both ends' memory, when freed, must give new instances: watch it.
  uint32_t Ends[2] = {From, To};
  for (uint32_t Id : Ends)
    if (!S->Locks[Id].InGraph) {
      S->Locks[Id].InGraph = 1;
      WatchLockLine(S->Locks[Id].Addr);
    }
  bool Recheck = false;
  if (IsNew) {
    EI.Tid = T->Tid;
    EI.MultiThread = 0;
    EI.FromShared = H.Shared;
    EI.ToShared = Shared;
    EI.NGates = static_cast<uint8_t>(NGates);
    for (uint32_t I = 0; I < NGates; ++I)
      EI.Gates[I] = Gates[I];
    EI.AcqStack = AcqStack;
    EI.HeldStack = HeldStack;
    Recheck = true;
  } else {
    if (EI.Tid != T->Tid)
      EI.MultiThread = 1;
    if (EI.FromShared && !H.Shared) {
      EI.FromShared = 0;
      Recheck = true;
    }
    if (EI.ToShared && !Shared) {
      EI.ToShared = 0;
      Recheck = true;
    }
    uint32_t Keep = 0;
    for (uint32_t I = 0; I < EI.NGates; ++I) {
      bool In = false;
      for (uint32_t J = 0; J < NGates; ++J)
        In |= Gates[J] == EI.Gates[I];
      if (In)
        EI.Gates[Keep++] = EI.Gates[I];
    }
    EI.NGates = static_cast<uint8_t>(Keep);
  }
  if (Recheck)
    FindCycle(S, E);
}

LG_ALWAYS_INLINE void AddEdges(ThreadState *T, uint32_t To, bool Shared, uintptr_t Pc) {
  uint32_t N = T->NHeld;
  uint64_t All = 0; // context of an edge: the set of the other held locks
  for (uint32_t I = 0; I < N; ++I)
    All ^= IdHash(T->Held[I].Id);
  for (uint32_t I = 0; I < N; ++I) {
    const HeldLock &H = T->Held[I];
    if (H.Id == To)
      continue;
    uint64_t Ctx = All ^ IdHash(H.Id);
    uint64_t Key =
        Mix64(((uint64_t(H.Id) << 32) | To) ^ Ctx ^ (uint64_t(H.Shared) << 1 | Shared)) | 1;
    uint64_t &C = T->EdgeCache[Key & (kEdgeCacheSize - 1)];
    if (LG_LIKELY(C == Key))
      continue;
    NewEdge(T, I, To, Shared, Pc);
    C = Key;
  }
}

// Multiplicative hashing of the address (bits 40-45 of the product): locks
// laid out at a regular stride (an array of mutexes, of structs holding one)
// get distinct slots far more often than with shifts and xors (simulated,
// 16 locks at strides 8 to 64K: 0.7 collisions on average, the old hash 2.5),
// and every collision is a lookup miss on each acquisition.
LG_ALWAYS_INLINE uint32_t CacheSlot(uintptr_t Addr) {
  return static_cast<uint32_t>(((Addr >> 3) * 0x9E3779B97F4A7C15ULL) >> 40) &
         (kLookupCacheSize - 1);
}

static void FlushThreadAcq(ThreadState *T);
static void FlushAcq(ThreadState *T, LookupEntry &E);

// The per-thread cache in front of the lock table (the fast path probes it
// inline); any retired lock (destroy / re-init anywhere) empties every
// thread's cache. A replaced entry first hands its batched count to its lock.
template <class TypeF>
static uint32_t CachedLookup(ThreadState *T, const void *P, TypeF GetType, uintptr_t Pc) {
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  uint32_t E = g_retire_epoch.load(std::memory_order_acquire);
  LookupEntry &C = T->Cache[CacheSlot(Addr)];
  if (LG_LIKELY(C.Addr == Addr && T->CacheEpoch == E))
    return C.Id;
  uint32_t Id = LookupLock(P, GetType, Pc);
  if (T->CacheEpoch != E) {
    FlushThreadAcq(T);
    for (uint32_t I = 0; I < kLookupCacheSize; ++I)
      T->Cache[I].Addr = 0;
    T->CacheEpoch = E;
  }
  if (Id != kNoLock) {
    FlushAcq(T, C);
    C.Addr = Addr;
    C.Id = Id;
    C.Count = 0;
  }
  return Id;
}

LG_ALWAYS_INLINE int FindHeld(ThreadState *T, uint32_t Id) {
  for (int I = static_cast<int>(T->NHeld) - 1; I >= 0; --I)
    if (T->Held[I].Id == Id)
      return I;
  return -1;
}

LG_ALWAYS_INLINE int FindHeldAddr(ThreadState *T, uintptr_t Addr) {
  for (int I = static_cast<int>(T->NHeld) - 1; I >= 0; --I)
    if (T->Held[I].Addr == Addr)
      return I;
  return -1;
}

LG_ALWAYS_INLINE void SetBit(uint64_t *Bits, uint32_t Slot, bool Atomic) {
  uint64_t M = 1ULL << (Slot & 63);
  uint64_t *W = &Bits[(Slot >> 6) & 3];
  if (LG_LIKELY(*W & M))
    return;
  if (Atomic)
    __atomic_fetch_or(W, M, __ATOMIC_RELAXED);
  else
    *W |= M;
}

LG_ALWAYS_INLINE void Bump(uint64_t *C, uint64_t V, bool Atomic) {
  if (Atomic)
    __atomic_fetch_add(C, V, __ATOMIC_RELAXED);
  else
    *C += V;
}

// The countdown ran out: re-arm it and time this hold (rate 0: re-arm only).
static LG_NOINLINE __attribute__((cold)) void StartSample(ThreadState *T, HeldLock *H) {
  int Rate = g_state->Opts.HoldSampleRate;
  T->SampleCountdown = Rate > 0 ? static_cast<uint32_t>(Rate) : ~0u;
  if (Rate > 0) {
    H->HoldT0 = HoldClock();
    H->Tag = H->Tag | kTagSampled; // whole word: see SetFlags
  }
}

static LG_NOINLINE void EndSample(HeldLock &H, LockInfo &L) {
  uint64_t D = HoldClock() - H.HoldT0;
  if (static_cast<int64_t>(D) < 0)
    D = 0; // released on a CPU whose TSC lags the acquiring one's
  Bump(&L.HoldTicks, D, H.Shared);
  Bump(&L.HoldSamples, 1, H.Shared);
}

// Adds a lookup entry's batched acquisitions to its lock. Also called on
// other threads' entries by the report (racy by design: a count may be lost).
static void FlushAcq(ThreadState *T, LookupEntry &E) {
  uint32_t N = E.Count;
  uint32_t Id = E.Id;
  if (!N || !E.Addr || Id >= kMaxLocks)
    return;
  LockInfo &L = g_state->Locks[Id];
  __atomic_fetch_add(&L.Acq, N, __ATOMIC_RELAXED);
  SetBit(L.ThreadBits, T->Slot, true);
  E.Count = 0;
}

static void FlushThreadAcq(ThreadState *T) {
  for (uint32_t K = 0; K < kLookupCacheSize; ++K)
    FlushAcq(T, T->Cache[K]);
}

void FlushAllAcqCounts() {
  State *S = g_state;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I)
    if (S->Threads[I].InUse.load(std::memory_order_acquire))
      FlushThreadAcq(&S->Threads[I]);
}

// Counts one acquisition on the lock's lookup entry (present unless the
// cache was refilled meanwhile; then straight on the lock).
LG_ALWAYS_INLINE void CountAcq(ThreadState *T, uintptr_t Addr, uint32_t Id) {
  LookupEntry &E = T->Cache[CacheSlot(Addr)];
  if (LG_LIKELY(E.Addr == Addr && E.Id == Id)) {
    ++E.Count;
    return;
  }
  LockInfo &L = g_state->Locks[Id];
  __atomic_fetch_add(&L.Acq, 1, __ATOMIC_RELAXED);
  SetBit(L.ThreadBits, T->Slot, true);
}

// Records a successful acquisition (the general path; FastLock inlines the
// common case). The uncontended case writes only thread-local memory;
// contended ones update the lock's counters (exclusive holders are alone with
// them, shared holders add atomically).
LG_ALWAYS_INLINE void Push(ThreadState *T, uintptr_t Addr, uint32_t Id, bool Shared, uintptr_t Pc,
                           bool Contended, uint64_t WaitNs, bool Count = true) {
  State *S = g_state;
  if (Count)
    CountAcq(T, Addr, Id);
  if (LG_UNLIKELY(Contended)) {
    LockInfo &L = S->Locks[Id];
    Bump(&L.Contended, 1, Shared);
    Bump(&L.WaitNs, WaitNs, Shared);
    if (WaitNs > L.WaitMax)
      L.WaitMax = WaitNs; // racy for shared holders: a lost maximum is tolerated
    SetBit(L.WaitBits, T->Slot, true);
  }
  if (LG_UNLIKELY(g_track_owner) && !Shared)
    S->Locks[Id].Owner.store(T->Slot + 1, std::memory_order_relaxed);
  if (LG_UNLIKELY(T->NHeld >= kMaxHeld)) {
    ++T->Overflow;
    return;
  }
  HeldLock &H = T->Held[T->NHeld];
  SetNHeld(T, T->NHeld + 1);
  H.Addr = Addr;
  H.Tag = HeldTag(Id, Shared);
  H.Pc = Pc;
  if (LG_UNLIKELY(--T->SampleCountdown == 0))
    StartSample(T, &H);
}

LG_ALWAYS_INLINE void PopAt(ThreadState *T, int I) {
  HeldLock &H = T->Held[I];
  if (LG_UNLIKELY(H.Sampled))
    EndSample(H, g_state->Locks[H.Id]);
  if (LG_UNLIKELY(g_track_owner) && !H.Shared)
    g_state->Locks[H.Id].Owner.store(0, std::memory_order_relaxed);
  uint32_t N = T->NHeld - 1;
  SetNHeld(T, N);
  for (uint32_t J = static_cast<uint32_t>(I); J < N; ++J)
    T->Held[J] = T->Held[J + 1];
}

static void StartWatchdog();

static LG_NOINLINE void ReportDoubleLock(ThreadState *T, uint32_t Id, uintptr_t Pc) {
  State *S = g_state;
  uint32_t Stack = CaptureFrames(Pc, S->Opts.StackDepth);
  uint32_t Idx;
  {
    RawLockGuard G(S->Mu);
    if (S->NFindings >= kMaxFindings) {
      ++S->FindingsDropped;
      return;
    }
    Idx = S->NFindings++;
    Finding &F = S->Findings[Idx];
    F.Kind = kDoubleLock;
    F.NLocks = 1;
    F.Locks[0] = Id;
    F.Tids[0] = T->Tid;
    F.Stacks[0] = Stack;
    F.BlockedNs = 0;
  }
  PrintFindingNow(Idx);
  if (S->Opts.AbortOnDeadlock) {
    if (!S->Reported.exchange(true))
      WriteReport(false);
    abort();
  }
}

// The lock's first contended acquisition: keep its whole stack (the one-frame
// class site may be a wrapper shared by every lock, std::mutex::lock at -O0).
// One thread claims the capture; the others wait for the lock without it.
static LG_NOINLINE __attribute__((cold)) void CaptureWaitStack(LockInfo &L, uintptr_t Pc) {
  uint32_t Z = 0;
  if (!L.WaitStack.compare_exchange_strong(Z, kWaitStackTaking, std::memory_order_relaxed))
    return;
  uint32_t Stack = CaptureFrames(Pc, g_state->Opts.StackDepth);
  if (Stack)
    L.WaitStack.store(Stack, std::memory_order_release);
}

//===-- Acquire / release ---------------------------------------------------===//

enum class Mode { Block, Try };

// The one acquisition path for every lock kind. TryF attempts without
// blocking (returns 0 or EBUSY); LockF is the real (possibly timed) call.
// The general case; the common one (nothing held, lock free) is inlined in
// InterposeAcquire. Called with kInShim set.
template <class TryF, class LockF>
static LG_NOINLINE int Acquire(ThreadState *T, void *P, uint32_t Id, Mode M, bool Shared,
                               uintptr_t Pc, TryF Try, LockF Lock) {
  if (LG_UNLIKELY(Id == kNoLock))
    return M == Mode::Try ? Try() : Lock();
  uint8_t LType = g_state->Locks[Id].Type;
  int Held = T->NHeld ? FindHeld(T, Id) : -1;
  if (LG_UNLIKELY(Held >= 0)) {
    HeldLock &H = T->Held[Held];
    if (LType == kTypeRecursive || (Shared && H.Shared)) {
      int Rc = M == Mode::Try ? Try() : Lock(); // recursion adds no edge
      if (Rc == 0)
        H.Tag = H.Tag + kTagRecOne; // whole word: see SetFlags
      return Rc;
    }
    bool WouldHang =
        LType == kTypeMutex || LType == kTypeSpin || (LType == kTypeRwlock && !Shared);
    int Rc = Try();
    if (Rc == 0 || Rc == EOWNERDEAD) {
      // Not held after all: another thread released it for us (a hand-off,
      // or an unlock from a signal handler). Drop the stale entry.
      PopAt(T, Held);
      Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
      return Rc;
    }
    if (M == Mode::Try)
      return Rc;
    if (WouldHang && Rc == EBUSY)
      ReportDoubleLock(T, Id, Pc); // the real call below will hang
    return Lock();
  }
  int Rc = Try();
  // EOWNERDEAD: a robust mutex whose owner died; the caller now holds it.
  if (M == Mode::Try) {
    if (Rc == 0 || Rc == EOWNERDEAD)
      Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    return Rc;
  }
  if (LG_LIKELY(Rc == 0 || Rc == EOWNERDEAD)) {
    if (T->NHeld)
      AddEdges(T, Id, Shared, Pc);
    Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, false, 0);
    return Rc;
  }
  if (Rc != EBUSY)
    return Lock(); // e.g. EAGAIN (too many readers): let the real call decide
  // Contended: record the order first (the real call may never return), then
  // time the wait.
  if (T->NHeld)
    AddEdges(T, Id, Shared, Pc);
  State *S = g_state;
  if (LG_UNLIKELY(S->Locks[Id].WaitStack.load(std::memory_order_relaxed) == 0))
    CaptureWaitStack(S->Locks[Id], Pc);
  if (LG_UNLIKELY(S->Opts.WatchdogMs && !S->WatchdogRunning.load(std::memory_order_relaxed)))
    StartWatchdog();
  uint64_t T0 = NowNs();
  T->WaitPc.store(Pc, std::memory_order_relaxed);
  T->WaitStart.store(T0, std::memory_order_relaxed);
  T->WaitingLock.store(Id, std::memory_order_release);
  Rc = Lock();
  T->WaitingLock.store(kNoLock, std::memory_order_relaxed);
  if (Rc != 0 && Rc != EOWNERDEAD)
    return Rc;
  Push(T, reinterpret_cast<uintptr_t>(P), Id, Shared, Pc, true, NowNs() - T0);
  return Rc;
}

// Everything but the inline fast path: the lookup (a cache miss may create
// the lock), then the general acquisition. Called with kInShim set.
template <class TypeF, class TryF, class LockF>
static LG_NOINLINE int LookupAndAcquire(ThreadState *T, void *P, TypeF GetType, bool Shared,
                                        Mode M, uintptr_t Pc, TryF Try, LockF Lock) {
  uint32_t Id = CachedLookup(T, P, GetType, Pc);
  return Acquire(T, P, Id, M, Shared, Pc, Try, Lock);
}

// Everything InterposeAcquire does not inline: threads without a state yet,
// calls from inside the shim, threads holding locks or with kSlowOnly.
template <class TypeF, class TryF, class LockF, class PassF>
static LG_NOINLINE int AcquireSlow(void *P, TypeF GetType, bool Shared, Mode M, uintptr_t Pc,
                                   TryF Try, LockF Lock, PassF Pass) {
  ThreadState *T = Enter();
  if (!T)
    return Pass();
  int Rc = LookupAndAcquire(T, P, GetType, Shared, M, Pc, Try, Lock);
  Leave(T);
  return Rc;
}

// The fast path's lookup missed (kInShim is set, NHeld is 1 but not pushed).
template <class TypeF, class TryF, class LockF>
static LG_NOINLINE int AcquireMiss(ThreadState *T, void *P, TypeF GetType, bool Shared, Mode M,
                                   uintptr_t Pc, TryF Try, LockF Lock) {
  SetNHeld(T, 0);
  int Rc = LookupAndAcquire(T, P, GetType, Shared, M, Pc, Try, Lock);
  Leave(T);
  return Rc;
}

// The lock operations of one lock kind and mode, for the inline fast path:
// static functions of the lock's address only, so that the fast path keeps
// nothing live across the real call (see InterposeAcquire). Try/Lock call the
// resolved pointers (valid on any thread with a state); Pass is the checked
// call for threads without one.
//
// TailCall: the fast path ends in a tail call to the real (blocking) lock,
// after LooksFree, a racy read of the lock word, found the lock free; a lock
// that looks taken goes the general way (try, then a timed wait). Only for
// lock kinds whose lock call cannot fail but on a caller's bug (the hold is
// pushed before the call). For the others, and for try-locks, the fast path
// calls the real try-lock and checks its result.
struct MutexLockOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static constexpr bool TailCall = true;
  static pthread_mutex_t *Mx(void *P) { return static_cast<pthread_mutex_t *>(P); }
  // Free, and not robust, priority-inheriting or priority-protected (glibc's
  // kind bits 16, 32, 64: their lock calls can fail, or acquire with an error).
  static bool LooksFree(void *P) {
    return (__atomic_load_n(&Mx(P)->__data.__lock, __ATOMIC_RELAXED) |
            (Mx(P)->__data.__kind & 0x70)) == 0;
  }
  static uint8_t Type(void *P) { return MutexType(Mx(P)); }
  static int Try(void *P) { return R.mutex_trylock(Mx(P)); }
  static int Lock(void *P) { return R.mutex_lock(Mx(P)); }
  static int Pass(void *P) { return RealMutexLock(Mx(P)); }
};
struct MutexTryOps : MutexLockOps {
  static constexpr Mode M = Mode::Try;
  static constexpr bool TailCall = false;
  static int Lock(void *P) { return R.mutex_trylock(Mx(P)); }
  static int Pass(void *P) { return RealMutexTrylock(Mx(P)); }
};
struct RwOps {
  static constexpr bool TailCall = false; // the lock word is not one word
  static bool LooksFree(void *) { return false; }
  static pthread_rwlock_t *Rw(void *P) { return static_cast<pthread_rwlock_t *>(P); }
  static uint8_t Type(void *) { return kTypeRwlock; }
};
struct RdLockOps : RwOps {
  static constexpr bool Shared = true;
  static constexpr Mode M = Mode::Block;
  static int Try(void *P) { return R.rw_tryrdlock(Rw(P)); }
  static int Lock(void *P) { return R.rw_rdlock(Rw(P)); }
  static int Pass(void *P) { return RealRdlock(Rw(P)); }
};
struct RdTryOps : RdLockOps {
  static constexpr Mode M = Mode::Try;
  static int Lock(void *P) { return R.rw_tryrdlock(Rw(P)); }
  static int Pass(void *P) { return RealTryRd(Rw(P)); }
};
struct WrLockOps : RwOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static int Try(void *P) { return R.rw_trywrlock(Rw(P)); }
  static int Lock(void *P) { return R.rw_wrlock(Rw(P)); }
  static int Pass(void *P) { return RealWrlock(Rw(P)); }
};
struct WrTryOps : WrLockOps {
  static constexpr Mode M = Mode::Try;
  static int Lock(void *P) { return R.rw_trywrlock(Rw(P)); }
  static int Pass(void *P) { return RealTryWr(Rw(P)); }
};
struct SpinLockOps {
  static constexpr bool Shared = false;
  static constexpr Mode M = Mode::Block;
  static constexpr bool TailCall = true;
  static bool LooksFree(void *P) { return __atomic_load_n(Sp(P), __ATOMIC_RELAXED) == 0; }
  static pthread_spinlock_t *Sp(void *P) { return static_cast<pthread_spinlock_t *>(P); }
  static uint8_t Type(void *) { return kTypeSpin; }
  static int Try(void *P) { return R.spin_trylock(Sp(P)); }
  static int Lock(void *P) { return R.spin_lock(Sp(P)); }
  static int Pass(void *P) { return RealSpinLock(Sp(P)); }
};
struct SpinTryOps : SpinLockOps {
  static constexpr Mode M = Mode::Try;
  static constexpr bool TailCall = false;
  static int Lock(void *P) { return R.spin_trylock(Sp(P)); }
  static int Pass(void *P) { return RealSpinTrylock(Sp(P)); }
};

// The inline fast path's try failed (or acquired from a dead owner): undo its
// optimistic push and count, then decide as the general path would. The
// thread, the lock, the call site and the lookup entry are found again (TLS,
// the pushed hold), so that the fast path keeps nothing across the real call.
template <class Ops> static LG_NOINLINE __attribute__((cold)) int FastTryFailed(int Rc) {
  ThreadState *T = tls_thr;
  if (Rc != EOWNERDEAD) { // EOWNERDEAD: a robust mutex whose owner died; the caller holds it
    uintptr_t Addr = T->Held[0].Addr, Pc = T->Held[0].Pc;
    void *P = reinterpret_cast<void *>(Addr);
    LookupEntry &E = T->Cache[CacheSlot(Addr)];
    SetNHeld(T, 0);
    --E.Count;
    if (Ops::M == Mode::Try)
      ; // failed: nothing to record
    else if (Rc != EBUSY)
      Rc = Ops::Lock(P); // e.g. EINVAL: let the real call decide (untracked)
    else // contended with nothing held: the general path tries once more, then times the wait
      Rc = Acquire(T, P, E.Id, Ops::M, Ops::Shared, Pc, [P] { return Ops::Try(P); },
                   [P] { return Ops::Lock(P); });
  }
  Leave(T);
  return Rc;
}

// Every interposed (untimed) acquisition. Fast path, inline: the thread is
// not inside the shim, holds nothing (so no edge, no recursion), the lock
// looks free (TailCall kinds) and is in the thread's lookup cache. It pushes
// the hold first (optimistically: for try-locks it is undone if the try
// fails), counts it on the lookup entry, counts down to the next timed hold,
// then calls the real function: for TailCall kinds the blocking lock, as a
// tail call, after leaving the shim; else the try-lock, inside the shim. While
// the thread's state is being changed kInShim is set, so that lock calls from
// a signal handler meanwhile pass through (and the entry stays valid).
//
// What it costs, measured on the uncontended loop (bare lock/unlock pair 7 ns;
// budget 1.5x): a pass-through shim 1.1x; keeping the real try-lock call
// inside the shim (call, return, saved registers, reading T again) about
// 1 ns more than a tail call; two clock_gettime per sampled hold (30 ns each
// here) 1.5 ns at the default rate, the TSC half of that (HoldClock). So:
// a tail call where the lock kind allows it, Flags and NHeld set together in
// one store, Id/Shared/Sampled/Rec in one, the hold time not cleared
// (Sampled says whether it is valid), nothing kept across a call, and every
// other case a tail call to an out-of-line function. Gate and Tag are always
// written whole (see SetFlags).
//
// A lock that becomes taken between LooksFree and the real call (a window of
// a few dozen instructions) is acquired untimed and not counted as contended.
template <class Ops> LG_ALWAYS_INLINE int InterposeAcquire(void *P, uintptr_t Pc) {
  ThreadState *T = tls_thr;
  auto Try = [P] { return Ops::Try(P); };
  auto Lock = [P] { return Ops::Lock(P); };
  auto Pass = [P] { return Ops::Pass(P); };
  auto Type = [P] { return Ops::Type(P); };
  if (LG_UNLIKELY(T == nullptr || T->Gate != 0 || (Ops::TailCall && !Ops::LooksFree(P))))
    return AcquireSlow(P, Type, Ops::Shared, Ops::M, Pc, Try, Lock, Pass);
  T->Gate = kInShim | uint64_t(1) << 32; // in the shim, one lock held
  SignalFence();
  uintptr_t Addr = reinterpret_cast<uintptr_t>(P);
  LookupEntry &E = T->Cache[CacheSlot(Addr)];
  if (LG_UNLIKELY(E.Addr != Addr ||
                  T->CacheEpoch != g_retire_epoch.load(std::memory_order_acquire)))
    return AcquireMiss(T, P, Type, Ops::Shared, Ops::M, Pc, Try, Lock);
  HeldLock &H = T->Held[0];
  H.Addr = Addr;
  H.Tag = HeldTag(E.Id, Ops::Shared);
  H.Pc = Pc;
  ++E.Count;
  if (LG_UNLIKELY(--T->SampleCountdown == 0))
    StartSample(T, &H);
  if (Ops::TailCall) {
    SignalFence();
    T->Gate = uint64_t(1) << 32; // out of the shim, one lock held (whole word, see above)
    return Ops::Lock(P);
  }
  int Rc = Ops::Try(P);
  if (LG_UNLIKELY(Rc != 0))
    return FastTryFailed<Ops>(Rc);
  T = tls_thr;
  SignalFence();
  T->Gate = uint64_t(1) << 32; // out of the shim, one lock held (a whole-word store, see above)
  return 0;
}

// The general release: the lock may be anywhere on the stack, held
// recursively, sampled, untracked, or the thread inside the shim.
static LG_NOINLINE void ReleaseSlow(const void *P) {
  ThreadState *T = Enter();
  if (!T)
    return;
  int I = FindHeldAddr(T, reinterpret_cast<uintptr_t>(P));
  if (LG_UNLIKELY(I < 0)) {
    if (T->Overflow)
      --T->Overflow;
    // else taken before tracking started, in a signal handler, or by another thread
  } else if (T->Held[I].Rec > 1) {
    T->Held[I].Tag = T->Held[I].Tag - kTagRecOne; // whole word: see SetFlags
  } else {
    PopAt(T, I);
  }
  Leave(T);
}

template <class RealF> static LG_NOINLINE int ReleaseSlowAndReal(const void *P, RealF Real) {
  ReleaseSlow(P);
  return Real();
}

// Every interposed release. Fast path, inline: the lock is the top of the
// held stack, held once, its hold not sampled, and no flag is set: a pop.
// No kInShim here: nothing is called before the real unlock, and a signal
// handler whose lock calls are balanced leaves the stack as it found it
// whenever it interrupts. The real unlock comes last, a tail call. FastReal
// calls through the resolved pointer (threads with a state); Real checks.
template <class FastRealF, class RealF>
LG_ALWAYS_INLINE int InterposeRelease(const void *P, FastRealF FastReal, RealF Real) {
  ThreadState *T = tls_thr;
  if (LG_LIKELY(T != nullptr)) {
    uint64_t G = T->Gate;
    uint32_t N = static_cast<uint32_t>(G >> 32);
    if (LG_LIKELY(static_cast<uint32_t>(G) == 0 && N != 0)) { // no flag, something held
      HeldLock &H = T->Held[N - 1];
      if (LG_LIKELY(H.Addr == reinterpret_cast<uintptr_t>(P) && (H.Tag >> 40) == kTagPlainOnce)) {
        T->Gate = uint64_t(N - 1) << 32; // whole word, see InterposeAcquire
        return FastReal();
      }
    }
  }
  return ReleaseSlowAndReal(P, Real);
}

//===-- Condition variables -------------------------------------------------===//

// The pair of condvar C (open addressing by C's address). Create: claim a
// slot if C has none (and record MutexId as its mutex); else return nullptr
// for a condvar never waited on. Lock-free; nullptr when the table is full.
static CondPair *FindCondPair(pthread_cond_t *C, uint32_t MutexId, bool Create) {
  State *S = g_state;
  uintptr_t Addr = reinterpret_cast<uintptr_t>(C);
  uint32_t Start = static_cast<uint32_t>(Mix64(Addr)) & (kMaxCondPairs - 1);
  for (uint32_t K = 0; K < kMaxCondPairs; ++K) {
    uint32_t Idx = (Start + K) & (kMaxCondPairs - 1);
    CondPair &P = S->CondPairs[Idx];
    uintptr_t A = P.Cond.load(std::memory_order_acquire);
    if (A == 0) {
      if (!Create)
        return nullptr;
      uintptr_t Z = 0;
      if (!P.Cond.compare_exchange_strong(Z, Addr)) {
        if (Z != Addr)
          continue;
      } else {
        uint32_t N = S->NCondPairs.fetch_add(1, std::memory_order_relaxed);
        __atomic_store_n(&S->CondPairList[N], Idx + 1, __ATOMIC_RELEASE);
      }
      A = Addr;
    }
    if (A == Addr) {
      if (Create)
        P.Mutex = MutexId;
      return &P;
    }
  }
  return nullptr;
}

// Counts one wait of D ns at its site: the call site Pc (the return address
// of the interposed wait) and its caller's return address, so that one
// waiting function reached from several places (a lock() helper) gives one
// site per caller. Costs a two-frame unwind per wait (small next to a wait
// that blocks); a site's full stack is captured once, at its first wait.
// Called with the pair's mutex re-acquired (see CondPair).
static void RecordCondSite(CondPair *P, uintptr_t Pc, uint64_t D, bool Timeout) {
  uintptr_t Pcs[2] = {Pc, 0};
  CaptureStack(Pcs, 2, Pc);
  uintptr_t Key = Mix64(Pc ^ Mix64(Pcs[1])) | 1;
  for (uint32_t K = 0; K < kMaxCondSites; ++K) {
    CondSite &St = P->Sites[K];
    uintptr_t A = St.Key.load(std::memory_order_acquire);
    if (A == 0) {
      uintptr_t Z = 0;
      if (St.Key.compare_exchange_strong(Z, Key)) {
        St.Pc = Pc;
        St.Caller = Pcs[1];
        St.Stack = CaptureFrames(Pc, g_state->Opts.StackDepth);
      } else if (Z != Key) {
        continue;
      }
      A = Key;
    }
    if (A == Key) {
      St.Waits++;
      St.WaitNs += D;
      St.Timeouts += Timeout;
      return;
    }
  }
  P->OtherWaits++;
  P->OtherNs += D;
}

// A wait is an unlock of M, a block on C, and a re-acquisition of M.
template <class WaitF>
static int CondWait(ThreadState *T, pthread_cond_t *C, pthread_mutex_t *M, uintptr_t Pc,
                    WaitF Wait) {
  int I = FindHeldAddr(T, reinterpret_cast<uintptr_t>(M));
  if (I < 0 || T->Held[I].Rec > 1)
    return Wait(); // not tracked as held (or recursively held): nothing to account
  HeldLock Saved = T->Held[I];
  PopAt(T, I);
  // Still holding M: the waiter count changes under it (entering here,
  // leaving after the real wait re-acquired it).
  CondPair *P = FindCondPair(C, Saved.Id, true);
  uint64_t T0 = NowNs();
  if (P && P->Waiters.fetch_add(1, std::memory_order_acq_rel) == 0)
    P->BusySince.store(T0, std::memory_order_release);
  int Rc = Wait();
  uint64_t T1 = NowNs();
  uint64_t D = T1 - T0;
  if (P && P->Waiters.fetch_sub(1, std::memory_order_acq_rel) == 1)
    P->BusyNs.fetch_add(T1 - P->BusySince.load(std::memory_order_acquire),
                        std::memory_order_relaxed);
  uint32_t Id = Saved.Id;
  // Re-check the mutex instance: it may have been re-initialised meanwhile.
  if (LookupLock(M, [&] { return g_state->Locks[Id].Type; }, Pc) != Id)
    return Rc;
  if (T->NHeld)
    AddEdges(T, Id, false, Pc);
  // A re-acquisition after a wait is not a new acquisition: not counted.
  Push(T, Saved.Addr, Id, false, Saved.Pc, false, 0, /*Count=*/false);
  LockInfo &L = g_state->Locks[Id];
  L.CondWaits++;
  L.CondWaitNs += D;
  if (D > L.CondWaitMax)
    L.CondWaitMax = D;
  if (Rc == ETIMEDOUT)
    L.CondTimeouts++;
  if (P) { // updated under M: serialized
    P->Waits++;
    P->WaitNs += D;
    if (D > P->WaitMax)
      P->WaitMax = D;
    if (Rc == ETIMEDOUT)
      P->Timeouts++;
    SetBit(P->ThreadBits, T->Slot, false);
    RecordCondSite(P, Pc, D, Rc == ETIMEDOUT);
  }
  return Rc;
}

// pthread_cond_signal/broadcast: who hands the condition to the waiters.
// Condvars never waited on are not recorded (one probe of the pair table).
static void NoteCondSignal(ThreadState *T, pthread_cond_t *C) {
  if (CondPair *P = FindCondPair(C, 0, false)) {
    __atomic_fetch_add(&P->Signals, 1, __ATOMIC_RELAXED);
    SetBit(P->SignalBits, T->Slot, true);
  }
}

//===-- fork, signals, exit -------------------------------------------------===//

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

static void ForkPrepare() {
  if (!g_state)
    return;
  ForkEnterQuiet();
  g_state->Mu.Lock();
}

static void ForkParent() {
  if (!g_state)
    return;
  g_state->Mu.Unlock();
  ForkLeaveQuiet();
}

static void ForkChild() {
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

static const int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGABRT, SIGTERM, SIGINT};

static void FatalSignal(int Sig) {
  int Saved = errno;
  ShimScope Scope;
  State *S = g_state;
  if (S && !S->Reported.exchange(true))
    WriteReport(true);
  // SA_RESETHAND restored the default action; re-raise so that the program
  // dies of the same signal once this handler returns.
  raise(Sig);
  errno = Saved;
}

static void InstallSignalHandlers() {
  for (int Sig : kFatalSignals) {
    struct sigaction Old;
    if (sigaction(Sig, nullptr, &Old) != 0 || Old.sa_handler != SIG_DFL ||
        (Old.sa_flags & SA_SIGINFO))
      continue; // the program (or another tool) owns this signal
    struct sigaction Act;
    memset(&Act, 0, sizeof(Act));
    Act.sa_handler = FatalSignal;
    Act.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&Act.sa_mask);
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

//===-- Watchdog -------------------------------------------------------------===//

// A thread other than Waiter that holds rwlock L in shared mode and has itself
// been blocked in a lock call for at least Bound: the one a writer blocked on
// L can be waiting for in a live cycle (readers that are not blocked will
// release L). Readers are found in the threads' held stacks, read racily (the
// chain must hold for Bound, and is only reported when it closes). Of several,
// Prefer (the chain's start: the cycle closes) if it is one, else the first.
static ThreadState *BlockedReader(uint32_t L, ThreadState *Waiter, ThreadState *Prefer,
                                  uint64_t Now, uint64_t Bound) {
  State *S = g_state;
  ThreadState *First = nullptr;
  uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
  for (uint32_t I = 0; I < High; ++I) {
    ThreadState *R = &S->Threads[I];
    if (R == Waiter || !R->InUse.load(std::memory_order_relaxed) ||
        R->WaitingLock.load(std::memory_order_acquire) == kNoLock ||
        Now - R->WaitStart.load(std::memory_order_relaxed) < Bound)
      continue;
    uint32_t N = static_cast<uint32_t>(__atomic_load_n(&R->Gate, __ATOMIC_RELAXED) >> 32);
    for (uint32_t K = 0; K < N && K < kMaxHeld; ++K) {
      HeldLock H;
      H.Tag = __atomic_load_n(&R->Held[K].Tag, __ATOMIC_RELAXED); // Id and Shared together
      if (H.Id == L && H.Shared) {
        if (R == Prefer)
          return R;
        if (!First)
          First = R;
        break;
      }
    }
  }
  return First;
}

static bool ReportLiveDeadlock(ThreadState *Start, uint64_t Now, uint64_t Bound) {
  State *S = g_state;
  ThreadState *Chain[8];
  uint32_t Locks[8];
  uint32_t N = 0;
  ThreadState *Cur = Start;
  bool Closed = false;
  while (N < 8) {
    uint32_t L = Cur->WaitingLock.load(std::memory_order_acquire);
    if (L == kNoLock || Now - Cur->WaitStart.load(std::memory_order_relaxed) < Bound)
      return false;
    // The exclusive holder; for a rwlock without one, a blocked reader (a
    // writer waits for every reader to leave).
    uint32_t Owner = S->Locks[L].Owner.load(std::memory_order_relaxed);
    ThreadState *Next = nullptr;
    if (Owner != 0 && Owner <= kMaxThreads)
      Next = &S->Threads[Owner - 1];
    else if (S->Locks[L].Type == kTypeRwlock)
      Next = BlockedReader(L, Cur, Start, Now, Bound);
    if (!Next)
      return false;
    Chain[N] = Cur;
    Locks[N] = L;
    ++N;
    if (!Next->InUse.load(std::memory_order_relaxed))
      return false;
    if (Next == Start) {
      Closed = true;
      break;
    }
    for (uint32_t K = 0; K < N; ++K)
      if (Chain[K] == Next)
        return false; // a cycle not through Start: found from its own members
    Cur = Next;
  }
  if (!Closed)
    return false; // longer than 8 threads: not reported
  // Report each cycle once: only from its member with the lowest slot.
  for (uint32_t K = 0; K < N; ++K)
    if (Chain[K]->Slot < Start->Slot)
      return false;
  uint32_t Idx;
  {
    RawLockGuard G(S->Mu);
    for (uint32_t F = S->InheritedFindings; F < S->NFindings; ++F) {
      const Finding &Old = S->Findings[F];
      if (Old.Kind == kLiveDeadlock && Old.NLocks == N && Old.Tids[0] == Start->Tid &&
          Old.Locks[0] == Locks[0])
        return false;
    }
    if (S->NFindings >= kMaxFindings) {
      ++S->FindingsDropped;
      return false;
    }
    Idx = S->NFindings++;
    Finding &F = S->Findings[Idx];
    F.Kind = kLiveDeadlock;
    F.NLocks = N;
    F.BlockedNs = Now - Start->WaitStart.load(std::memory_order_relaxed);
    for (uint32_t K = 0; K < N; ++K) {
      F.Locks[K] = Locks[K];
      F.Tids[K] = Chain[K]->Tid;
      F.Stacks[K] = 0;
    }
  }
  // Stacks: the blocked call site of each thread (one frame; the full stacks
  // are those of the order edges, printed with the finding).
  for (uint32_t K = 0; K < N; ++K) {
    Frame Fr = Symbolize(Chain[K]->WaitPc.load(std::memory_order_relaxed));
    S->Findings[Idx].Stacks[K] = PutStack(&Fr, 1);
  }
  PrintFindingNow(Idx);
  return true;
}

static void *WatchdogMain(void *) {
  tls_in_rt = 1; // never tracked
  State *S = g_state;
  uint64_t Bound = uint64_t(S->Opts.WatchdogMs) * 1000000ULL;
  uint64_t Tick = Bound / 4 < 10000000ULL ? 10000000ULL : Bound / 4;
  for (;;) {
    SleepNs(Tick);
    uint64_t Now = NowNs();
    bool Found = false;
    uint32_t High = S->ThreadSlotsHigh.load(std::memory_order_acquire);
    for (uint32_t I = 0; I < High; ++I) {
      ThreadState *T = &S->Threads[I];
      if (T->InUse.load(std::memory_order_relaxed) &&
          T->WaitingLock.load(std::memory_order_relaxed) != kNoLock)
        Found |= ReportLiveDeadlock(T, Now, Bound);
    }
    if (Found && S->Opts.AbortOnDeadlock) {
      if (!S->Reported.exchange(true))
        WriteReport(false);
      abort();
    }
  }
  return nullptr;
}

static void StartWatchdog() {
  State *S = g_state;
  if (S->WatchdogRunning.exchange(true))
    return;
  pthread_t Th;
  pthread_attr_t A;
  pthread_attr_init(&A);
  pthread_attr_setdetachstate(&A, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&A, 256 * 1024);
  if (pthread_create(&Th, &A, WatchdogMain, nullptr) != 0)
    Warn("cannot start the watchdog thread");
  pthread_attr_destroy(&A);
}

} // namespace rt
} // namespace lockgraph

//===-- Interposed functions ---------------------------------------------------===//

using namespace lockgraph::rt;

#define LG_PC reinterpret_cast<uintptr_t>(__builtin_return_address(0))

LG_INTERFACE int pthread_mutex_lock(pthread_mutex_t *M) {
  return InterposeAcquire<MutexLockOps>(M, LG_PC);
}

LG_INTERFACE int pthread_mutex_trylock(pthread_mutex_t *M) {
  return InterposeAcquire<MutexTryOps>(M, LG_PC);
}

// Timed acquisitions: always the general path (no inline fast path, which
// would have to keep the deadline across the real call).
LG_INTERFACE int pthread_mutex_timedlock(pthread_mutex_t *M, const struct timespec *Abs) {
  auto Real = LG_REAL(mutex_timedlock);
  if (!Real)
    return EINVAL;
  auto Timed = [=] { return Real(M, Abs); };
  return AcquireSlow(M, [M] { return MutexType(M); }, false, Mode::Block, LG_PC,
                     [M] { return R.mutex_trylock(M); }, Timed, Timed);
}

LG_INTERFACE int pthread_mutex_clocklock(pthread_mutex_t *M, clockid_t Clk,
                                         const struct timespec *Abs) {
  auto Real = LG_REAL(mutex_clocklock);
  if (!Real)
    return EINVAL;
  auto Timed = [=] { return Real(M, Clk, Abs); };
  return AcquireSlow(M, [M] { return MutexType(M); }, false, Mode::Block, LG_PC,
                     [M] { return R.mutex_trylock(M); }, Timed, Timed);
}

LG_INTERFACE int pthread_mutex_unlock(pthread_mutex_t *M) {
  return InterposeRelease(M, [M] { return R.mutex_unlock(M); }, [M] { return RealMutexUnlock(M); });
}

LG_INTERFACE int pthread_mutex_init(pthread_mutex_t *M, const pthread_mutexattr_t *A) {
  auto Real = LG_REAL(mutex_init);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(M);
    Leave(T);
  }
  return Real(M, A);
}

LG_INTERFACE int pthread_mutex_destroy(pthread_mutex_t *M) {
  auto Real = LG_REAL(mutex_destroy);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(M);
    Leave(T);
  }
  return Real(M);
}

// rwlocks

LG_INTERFACE int pthread_rwlock_rdlock(pthread_rwlock_t *L) {
  return InterposeAcquire<RdLockOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_wrlock(pthread_rwlock_t *L) {
  return InterposeAcquire<WrLockOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_tryrdlock(pthread_rwlock_t *L) {
  return InterposeAcquire<RdTryOps>(L, LG_PC);
}
LG_INTERFACE int pthread_rwlock_trywrlock(pthread_rwlock_t *L) {
  return InterposeAcquire<WrTryOps>(L, LG_PC);
}

#define LG_RW_TIMED(SHARED, TRYCALL, TIMEDCALL)                                              \
  auto Timed = [=] { return TIMEDCALL; };                                                  \
  return AcquireSlow(                                                                      \
      L, [] { return uint8_t(kTypeRwlock); }, SHARED, Mode::Block, LG_PC,                  \
      [L] { return TRYCALL; }, Timed, Timed);

LG_INTERFACE int pthread_rwlock_timedrdlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  auto Real = LG_REAL(rw_timedrdlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(true, R.rw_tryrdlock(L), Real(L, Abs))
}
LG_INTERFACE int pthread_rwlock_timedwrlock(pthread_rwlock_t *L, const struct timespec *Abs) {
  auto Real = LG_REAL(rw_timedwrlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(false, R.rw_trywrlock(L), Real(L, Abs))
}
LG_INTERFACE int pthread_rwlock_clockrdlock(pthread_rwlock_t *L, clockid_t C,
                                            const struct timespec *Abs) {
  auto Real = LG_REAL(rw_clockrdlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(true, R.rw_tryrdlock(L), Real(L, C, Abs))
}
LG_INTERFACE int pthread_rwlock_clockwrlock(pthread_rwlock_t *L, clockid_t C,
                                            const struct timespec *Abs) {
  auto Real = LG_REAL(rw_clockwrlock);
  if (!Real)
    return EINVAL;
  LG_RW_TIMED(false, R.rw_trywrlock(L), Real(L, C, Abs))
}

LG_INTERFACE int pthread_rwlock_unlock(pthread_rwlock_t *L) {
  return InterposeRelease(L, [L] { return R.rw_unlock(L); }, [L] { return RealRwUnlock(L); });
}

LG_INTERFACE int pthread_rwlock_init(pthread_rwlock_t *L, const pthread_rwlockattr_t *A) {
  auto Real = LG_REAL(rw_init);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(L);
    Leave(T);
  }
  return Real(L, A);
}

LG_INTERFACE int pthread_rwlock_destroy(pthread_rwlock_t *L) {
  auto Real = LG_REAL(rw_destroy);
  if (!Real)
    return EINVAL;
  if (ThreadState *T = Enter()) {
    RetireLock(L);
    Leave(T);
  }
  return Real(L);
}

// spinlocks

LG_INTERFACE int pthread_spin_lock(pthread_spinlock_t *L) {
  return InterposeAcquire<SpinLockOps>((void *)L, LG_PC);
}

LG_INTERFACE int pthread_spin_trylock(pthread_spinlock_t *L) {
  return InterposeAcquire<SpinTryOps>((void *)L, LG_PC);
}

LG_INTERFACE int pthread_spin_unlock(pthread_spinlock_t *L) {
  return InterposeRelease((void *)L, [L] { return R.spin_unlock(L); },
                          [L] { return RealSpinUnlock(L); });
}

LG_INTERFACE int pthread_spin_init(pthread_spinlock_t *L, int Shared) {
  auto Real = LG_REAL(spin_init);
  if (ThreadState *T = Enter()) {
    RetireLock((void *)L);
    Leave(T);
  }
  if (!Real) {
    *L = 0;
    return 0;
  }
  return Real(L, Shared);
}

LG_INTERFACE int pthread_spin_destroy(pthread_spinlock_t *L) {
  auto Real = LG_REAL(spin_destroy);
  if (ThreadState *T = Enter()) {
    RetireLock((void *)L);
    Leave(T);
  }
  return Real ? Real(L) : 0;
}

// condition variables

LG_INTERFACE int pthread_cond_wait(pthread_cond_t *C, pthread_mutex_t *M) {
  auto Real = LG_REAL(cond_wait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M); });
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_timedwait(pthread_cond_t *C, pthread_mutex_t *M,
                                        const struct timespec *Abs) {
  auto Real = LG_REAL(cond_timedwait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M, Abs);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M, Abs); });
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_clockwait(pthread_cond_t *C, pthread_mutex_t *M, clockid_t Clk,
                                        const struct timespec *Abs) {
  auto Real = LG_REAL(cond_clockwait);
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C, M, Clk, Abs);
  int Rc = CondWait(T, C, M, LG_PC, [=] { return Real(C, M, Clk, Abs); });
  Leave(T);
  return Rc;
}

// pthread_cond_signal and pthread_cond_broadcast: note which thread
// signals the pair, then wake through the real function.
template <class RealF> LG_ALWAYS_INLINE int NotifyCond(pthread_cond_t *C, RealF Real) {
  if (!Real)
    return EINVAL;
  ThreadState *T = Enter();
  if (!T)
    return Real(C);
  NoteCondSignal(T, C);
  int Rc = Real(C);
  Leave(T);
  return Rc;
}

LG_INTERFACE int pthread_cond_signal(pthread_cond_t *C) {
  return NotifyCond(C, LG_REAL(cond_signal));
}

LG_INTERFACE int pthread_cond_broadcast(pthread_cond_t *C) {
  return NotifyCond(C, LG_REAL(cond_broadcast));
}

// Every free but the inline fast path's: resolves the real free, sizes the
// block (any allocator), checks it exactly, retires what it holds, frees.
static LG_NOINLINE void FreeChecked(void *P) {
  FreeFn Real = g_real_free.load(std::memory_order_acquire);
  if (LG_UNLIKELY(Real == nullptr) && (Real = ResolveFree()) == nullptr)
    return; // freed by dlsym while it resolves free: leaked
  const uint64_t *Lines = __atomic_load_n(&g_lock_lines, __ATOMIC_ACQUIRE);
  if (P != nullptr && Lines != nullptr) {
    uintptr_t A = reinterpret_cast<uintptr_t>(P);
    size_t Size = BlockSize(P);
    if (Size != 0 && A + Size > A && MayHoldLock(Lines, A, A + Size))
      FreeRetire(A, A + Size);
  }
  Real(P);
}

// free (operator delete and delete[], sized or aligned, end here in
// libstdc++): a block that may hold a watched lock retires it first (see
// FreeRetire). Fast path, inline, glibc's heap only (g_fast_free_lines): a
// chunk under 4 KiB (so on at most two pages) on pages whose masks are both
// empty goes straight to the real free, a tail call; about 15 instructions,
// no call before it, no register saved. A set mask, a larger chunk, another
// allocator or a free before start-up take FreeChecked. realloc is not
// interposed: a block it moves is freed inside the allocator, unseen (see
// docs/runtime.md).
LG_INTERFACE void free(void *P) noexcept {
  const uint64_t *Lines = __atomic_load_n(&g_fast_free_lines, __ATOMIC_ACQUIRE);
  if (LG_LIKELY(Lines != nullptr && P != nullptr)) {
    size_t H = static_cast<size_t *>(P)[-1]; // chunk size | flags (see BlockSize)
    uintptr_t A = reinterpret_cast<uintptr_t>(P);
    uintptr_t Last = A + (H & ~size_t(7)) - 9; // the last usable byte (not mmapped: H < 4096)
    if (LG_LIKELY(H < 4096 && (Lines[(A >> 12) & (kLinePages - 1)] |
                               Lines[(Last >> 12) & (kLinePages - 1)]) == 0))
      return g_real_free.load(std::memory_order_relaxed)(P);
  }
  return FreeChecked(P);
}

// Public entry point: writes the report now (e.g. from a test harness).
LG_INTERFACE void __lockgraph_report() {
  if (!g_state || !g_ready.load())
    return;
  ShimScope Scope;
  WriteReport(false);
}
