//===- rt_stack.cpp - lockgraph runtime: stacks and symbolization ---------===//
#include "rt_stack.h"

#include "rt_defs.h"
#include "rt_runtime.h"

#include <atomic>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <new>
#include <unistd.h>
#include <unwind.h>

namespace lockgraph {
namespace rt {
namespace {

constexpr size_t kDepotBytes = 64u << 20;
constexpr size_t kNameBytes = 8u << 20;
constexpr uint32_t kNameHashSlots = 1u << 16;
constexpr uint32_t kPcCacheSize = 1u << 14;

struct PcEntry {
  Frame F;
};

struct StackState {
  RawMutex DepotMu, SymMu;
  Frame *Depot = nullptr; // Depot[Id-1] is a header frame whose Pc is the count
  std::atomic<uint32_t> DepotUsed{0};
  char *Names = nullptr;
  std::atomic<uint32_t> NamesUsed{1}; // offset 0 = ""
  uint32_t *NameHash = nullptr;       // name offset, 0 = empty
  PcEntry *PcCache = nullptr;
  char ExePath[1024] = {0};
  const void *MainMap = nullptr; // the main program's link map
};

StackState *S = nullptr;
alignas(StackState) char SStorage[sizeof(StackState)];

struct UnwindArg {
  uintptr_t *Pcs;
  int Max;
  int N;
  uintptr_t StartPc;
  bool Started;
};

_Unwind_Reason_Code UnwindCb(struct _Unwind_Context *Ctx, void *P) {
  UnwindArg *A = static_cast<UnwindArg *>(P);
  uintptr_t Pc = _Unwind_GetIP(Ctx);
  if (!Pc)
    return _URC_END_OF_STACK;
  if (!A->Started) {
    if (Pc != A->StartPc)
      return _URC_NO_REASON;
    A->Started = true;
  }
  A->Pcs[A->N++] = Pc;
  return A->N >= A->Max ? _URC_END_OF_STACK : _URC_NO_REASON;
}

// Needs SymMu.
uint32_t InternLocked(const char *Str) {
  if (!Str || !*Str)
    return 0;
  size_t Len = strlen(Str);
  if (Len > 4000)
    Len = 4000;
  uint32_t H = static_cast<uint32_t>(HashBytes(Str, Len));
  for (uint32_t I = 0; I < kNameHashSlots; ++I) {
    uint32_t Slot = (H + I) & (kNameHashSlots - 1);
    uint32_t Off = S->NameHash[Slot];
    if (Off == 0) {
      uint32_t Used = S->NamesUsed.load(std::memory_order_relaxed);
      if (Used + Len + 1 > kNameBytes) {
        HitLimit(kLimitStacks);
        return 0;
      }
      memcpy(S->Names + Used, Str, Len);
      S->Names[Used + Len] = 0;
      S->NamesUsed.store(static_cast<uint32_t>(Used + Len + 1), std::memory_order_release);
      S->NameHash[Slot] = Used;
      return Used;
    }
    if (!strncmp(S->Names + Off, Str, Len) && S->Names[Off + Len] == 0)
      return Off;
  }
  return 0;
}

} // namespace

bool StackInit() {
  if (S)
    return true;
  StackState *St = new (SStorage) StackState();
  St->Depot = static_cast<Frame *>(MapNoReserve(kDepotBytes));
  St->Names = static_cast<char *>(MapNoReserve(kNameBytes));
  St->NameHash = static_cast<uint32_t *>(MapNoReserve(kNameHashSlots * 4));
  St->PcCache = static_cast<PcEntry *>(MapNoReserve(kPcCacheSize * sizeof(PcEntry)));
  if (!St->Depot || !St->Names || !St->NameHash || !St->PcCache)
    return false;
  ssize_t N = readlink("/proc/self/exe", St->ExePath, sizeof(St->ExePath) - 1);
  St->ExePath[N > 0 ? N : 0] = 0;
  St->MainMap = _r_debug.r_map; // the first link map is the program's
  S = St;
  return true;
}

void StackResetAfterFork() {
  if (!S)
    return;
  S->DepotMu.ResetAfterFork();
  S->SymMu.ResetAfterFork();
}

int CaptureStack(uintptr_t *Pcs, int Max, uintptr_t StartPc) {
  UnwindArg A{Pcs, Max, 0, StartPc, StartPc == 0};
  if (Max <= 0)
    return 0;
  _Unwind_Backtrace(UnwindCb, &A);
  if (!A.Started && StartPc) { // StartPc not found (tail call): keep just it
    Pcs[0] = StartPc;
    return 1;
  }
  return A.N;
}

Frame Symbolize(uintptr_t Pc) {
  Frame F;
  F.Pc = Pc;
  if (!S || !Pc)
    return F;
  uint32_t Idx = static_cast<uint32_t>(Mix64(Pc)) & (kPcCacheSize - 1);
  {
    RawLockGuard G(S->SymMu);
    if (S->PcCache[Idx].F.Pc == Pc)
      return S->PcCache[Idx].F;
  }
  // dladdr takes the loader's lock: never call it while holding SymMu (a
  // thread inside dlopen, running constructors with that lock held, may be
  // waiting for SymMu in its first lock call).
  Dl_info Info;
  memset(&Info, 0, sizeof(Info));
  void *Map = nullptr;
  bool Found = dladdr1(reinterpret_cast<void *>(Pc - 1), &Info, &Map, RTLD_DL_LINKMAP) &&
               Info.dli_fbase;
  RawLockGuard G(S->SymMu);
  if (Found) {
    const char *Mod = Info.dli_fname;
    // The main program's link map is named "" (dladdr then answers argv[0],
    // maybe relative): name it by its absolute path.
    if ((Map && Map == S->MainMap) || !Mod || !*Mod)
      Mod = S->ExePath[0] ? S->ExePath : Mod;
    F.Module = InternLocked(Mod);
    F.Offset = Pc - 1 - reinterpret_cast<uintptr_t>(Info.dli_fbase);
    F.Symbol = InternLocked(Info.dli_sname);
  } else {
    F.Offset = Pc - 1;
  }
  S->PcCache[Idx].F = F;
  return F;
}

uint32_t PutStack(const Frame *Frames, int N) {
  if (!S || N <= 0)
    return 0;
  RawLockGuard G(S->DepotMu);
  uint32_t Used = S->DepotUsed.load(std::memory_order_relaxed);
  if ((Used + N + 1) * sizeof(Frame) > kDepotBytes) {
    HitLimit(kLimitStacks);
    return 0;
  }
  S->Depot[Used].Pc = static_cast<uintptr_t>(N);
  memcpy(&S->Depot[Used + 1], Frames, sizeof(Frame) * static_cast<size_t>(N));
  S->DepotUsed.store(Used + static_cast<uint32_t>(N) + 1, std::memory_order_release);
  return Used + 1;
}

const Frame *GetStack(uint32_t Id, int *N) {
  *N = 0;
  if (!S || Id == 0 || Id > S->DepotUsed.load(std::memory_order_acquire))
    return nullptr;
  *N = static_cast<int>(S->Depot[Id - 1].Pc);
  return &S->Depot[Id];
}

const char *NameOf(uint32_t Id) {
  if (!S || Id == 0)
    return "";
  return S->Names + Id;
}

// See rt_stack.h.
uint32_t CaptureFrames(uintptr_t StartPc, int Depth) {
  uintptr_t Pcs[64];
  Frame F[64];
  if (Depth > 64)
    Depth = 64;
  int N = CaptureStack(Pcs, Depth, StartPc);
  for (int I = 0; I < N; ++I)
    F[I] = Symbolize(Pcs[I]);
  return PutStack(F, N);
}

} // namespace rt
} // namespace lockgraph
