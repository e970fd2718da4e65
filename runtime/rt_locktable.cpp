//===- rt_locktable.cpp - lockgraph runtime: the lock table ---------------===//
//
// Creating and retiring lock instances (see rt_locktable.h).
//===----------------------------------------------------------------------===//
#include "rt_locktable.h"

#include "rt_init.h"
#include "rt_lockword.h"

namespace lockgraph {
namespace rt {

alignas(64) std::atomic<uint32_t> g_retire_epoch{0}; // bumped when a lock is retired

const char *LockTypeName(uint8_t T) {
  switch (T) {
  case kTypeRecursive:
    return "recursive";
  case kTypeRwlock:
    return "rwlock";
  case kTypeSpin:
    return "spin";
  case kTypeAnnotated:
    return "annotated";
  case kTypeAnnotatedRecursive:
    return "annotated-recursive";
  default:
    return "mutex";
  }
}

LG_NOINLINE uint32_t CreateLock(uintptr_t Addr, uint8_t Type, uintptr_t Pc) {
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
    HitLimit(kLimitLocks);
    return kNoLock;
  }
  uint32_t Id = S->NLocks.load(std::memory_order_relaxed);
  if (Id >= kMaxLocks) {
    HitLimit(kLimitLocks);
    return kNoLock;
  }
  LockInfo &L = S->Locks[Id];
  L.Addr = Addr;
  L.Gen = Fresh ? 1 : Sl.Gen + 1; // 24-bit slot generation (wraps after 16M re-inits)
  L.Type = Type;
  L.RwKind.store(Type == kTypeRwlock && RwlockPrefersWriters(reinterpret_cast<void *>(Addr))
                     ? kRwPrefersWriters
                     : 0,
                 std::memory_order_relaxed);
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

LG_NOINLINE void MarkWriter(LockInfo &L, int32_t Tid, uintptr_t Pc) {
  uint8_t K = L.RwKind.load(std::memory_order_relaxed);
  if (K & kRwWriterSeen)
    return;
  Frame Site = Symbolize(Pc); // outside Mu: may call into the loader
  RawLockGuard G(g_state->Mu);
  if (L.RwKind.load(std::memory_order_relaxed) & kRwWriterSeen)
    return; // another writer was first
  L.WriterTid = Tid;
  L.WriterSite = Site;
  L.RwKind.store(K | kRwWriterSeen, std::memory_order_release);
}

LockSlot *FindSlot(uintptr_t Addr) {
  LockSlot *Slots = g_state->Slots;
  for (uint32_t I = SlotIndex(Addr);; I = (I + 1) & (kLockSlots - 1)) {
    uintptr_t A = Slots[I].Addr.load(std::memory_order_acquire);
    if (A == Addr)
      return &Slots[I];
    if (A == 0)
      return nullptr;
  }
}

void RetireSlot(LockSlot *Sl) {
  uint32_t Id = Sl->Id.load(std::memory_order_relaxed);
  g_state->Locks[Id].Live.store(0, std::memory_order_relaxed);
  Sl->Id.store(kNoLock, std::memory_order_release);
}

void RetireLock(const void *P) {
  State *S = g_state;
  RawLockGuard G(S->Mu);
  LockSlot *Sl = FindSlot(reinterpret_cast<uintptr_t>(P));
  if (Sl && Sl->Id.load(std::memory_order_relaxed) != kNoLock) {
    RetireSlot(Sl);
    g_retire_epoch.fetch_add(1, std::memory_order_release); // flush the thread caches
  }
}

} // namespace rt
} // namespace lockgraph
