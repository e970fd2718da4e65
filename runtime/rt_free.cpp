//===- rt_free.cpp - lockgraph runtime: the freed-memory watch ------------===//
//
// The interposed free, the page and line masks it reads, and the retirement of
// the watched locks in a freed block (see rt_free.h and the section comment
// below). Separate from the lock table because it is its own hot path: every
// free of the program runs the inline check here, lock-free.
//===----------------------------------------------------------------------===//
#include "rt_free.h"

#include "rt_locktable.h"
#include "rt_thread.h"

#include <dlfcn.h>

namespace lockgraph {
namespace rt {

// The freed-memory watch (see FreeRetire): kLinePages line masks and page
// tags; null before start-up and with detect=0 (free passes straight through).
static uint64_t *g_lock_lines;
static uintptr_t *g_lock_pages;
// g_lock_lines once free is resolved and is glibc's: free's inline fast path.
static uint64_t *g_fast_free_lines;

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

void InitFreeWatch() {
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

void WatchLockLine(uintptr_t Addr) {
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

} // namespace rt
} // namespace lockgraph

using namespace lockgraph::rt;

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

