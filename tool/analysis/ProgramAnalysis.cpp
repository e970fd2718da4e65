//===- analysis/ProgramAnalysis.cpp ---------------------------------------===//
#include "analysis/ProgramAnalysis.h"

#include "analysis/IndirectCalls.h"
#include "analysis/NonBlocking.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

namespace lockgraph {

std::string instanceDisplayName(const std::string &Instance) {
  for (const char *Prefix : {"local:", "global:"})
    if (Instance.rfind(Prefix, 0) == 0)
      return Instance.substr(std::char_traits<char>::length(Prefix));
  if (Instance.rfind("param:", 0) == 0) // param:N:name
    return Instance.substr(Instance.find(':', 6) + 1);
  return Instance;
}

namespace {

/// A lock a function may acquire, in that function's frame. The call chain
/// to the acquisition is stored as its first call plus a link to the
/// callee's summary entry, not copied whole into every caller: copying made
/// summaries quadratic in the depth of the call graph.
struct SummaryAcquisition {
  LockRef Lock;
  AcquireMode Mode = AcquireMode::Exclusive;
  SourceSite Site;
  std::vector<LockRef> Released; ///< Caller locks released by then.
  unsigned Depth = 0;            ///< Calls between the function and Site.
  ChainStep First;               ///< The first of them, when Depth > 0.
  const FunctionFacts *Next = nullptr; ///< Callee whose entry continues it.
  std::string NextKey;                 ///< That entry's key.
  /// Tests of the function's parameters on the way (facts/Facts.h): a call
  /// passing a constant that contradicts one does not take this lock.
  std::vector<ParamCondition> When;
};

/// Whether the call's constant arguments rule out a callee fact known only
/// under `When` (`Log(kLog, ...)` and the dump under `mode != kLog`).
bool ruledOut(const CallFact &C, const std::vector<ParamCondition> &When) {
  return !When.empty() && contradictsCall(When, C.Args);
}

/// A callee fact's conditions in the caller's frame: the call's own, then
/// those on parameters the caller passes on (facts/Facts.h), at most
/// MaxParamConditions.
std::vector<ParamCondition> whenInCaller(const CallFact &C,
                                         const std::vector<ParamCondition> &When) {
  std::vector<ParamCondition> Out = C.When;
  if (When.empty() || Out.size() >= MaxParamConditions)
    return Out;
  for (ParamCondition &P : conditionsInCaller(When, C.Args, MaxParamConditions - Out.size()))
    if (std::find(Out.begin(), Out.end(), P) == Out.end())
      Out.push_back(std::move(P));
  return Out;
}

/// A summary key for facts that hold only under `When`.
std::string whenKey(const std::vector<ParamCondition> &When) {
  std::string Key;
  for (const ParamCondition &P : When)
    Key += "|when:" + std::to_string(P.Param) + (P.Field.empty() ? "" : "->" + P.Field) +
           (P.Equal ? "==" : "!=") + std::to_string(P.Value);
  return Key;
}

/// Whether `Held` is one of the caller locks released before an acquisition.
bool releasedBefore(const LockRef &Held, const std::vector<LockRef> &Released) {
  for (const LockRef &R : Released)
    if (R.Name == Held.Name &&
        (R.Instance.empty() || Held.Instance.empty() || R.Instance == Held.Instance))
      return true;
  return false;
}

/// An edge whose ends a caller must name (one end is a parameter lock).
struct ParamEdge {
  HeldLock Held;
  LockRef To;
  AcquireMode ToMode = AcquireMode::Exclusive;
  EdgeWitness Witness;
};

/// The first blocking call a function may make, with the calls leading to it.
struct BlockWitness {
  std::string Callee;
  SourceSite Site;
  std::vector<ChainStep> Chain;
  std::vector<LockRef> Released; ///< Caller locks released by then.
  std::vector<ParamCondition> When;
  /// I/O on a descriptor not seen made non-blocking: it blocks only if
  /// the descriptor is blocking, which the finding says.
  bool OnDescriptor = false;
};

struct Summary {
  std::map<std::string, SummaryAcquisition> Acquires;
  std::map<std::string, ParamEdge> ParamEdges;
  /// The nearest blocking call under each set of parameter tests ("" for
  /// none), so a caller whose constants rule one out still sees the others.
  std::map<std::string, BlockWitness> Blocks;

  /// The nearest blocking call a call `C` can reach, if any.
  const BlockWitness *blocksFor(const CallFact &C) const {
    const BlockWitness *Best = nullptr;
    for (const auto &[Key, B] : Blocks)
      if (!ruledOut(C, B.When) && (!Best || B.Chain.size() < Best->Chain.size()))
        Best = &B;
    return Best;
  }
};

/// Names the callee's instance path in the caller's frame; "" when the
/// caller cannot name it (a callee local is a new object on every call).
std::string instanceInCaller(const std::string &Instance, const CallFact &C) {
  // Substitute the root of the path ("this", "param:N:name"); keep the rest
  // (".field.sub") as it names a sub-object of whatever the root becomes.
  std::string Root = Instance, Rest;
  if (auto Dot = Instance.find('.'); Dot != std::string::npos) {
    Root = Instance.substr(0, Dot);
    Rest = Instance.substr(Dot);
  }
  std::string Mapped;
  if (Root == "this") {
    Mapped = C.ObjectInstance;
  } else if (Root.rfind("param:", 0) == 0) {
    unsigned N = std::stoul(Root.substr(6));
    Mapped = N < C.Args.size() ? C.Args[N].Instance : "";
  } else if (Root.rfind("global:", 0) == 0) {
    Mapped = Root;
  }
  if (Mapped.empty())
    return "";
  std::string Path = Mapped + Rest;
  // A recursion over a linked structure (`walk(n->next)`) would grow the
  // path by one field per round of the fixed point (`n.next.next...`), each
  // a new lock to report, up to the pass bound: a field met twice makes
  // the instance unknown, so the recursion is one site and one finding.
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Path).split(Parts, '.');
  std::set<llvm::StringRef> Seen;
  for (size_t I = 1; I < Parts.size(); ++I)
    if (!Seen.insert(Parts[I]).second)
      return "";
  return Path;
}

std::optional<LockRef> lockInCaller(const LockRef &L, const CallFact &C) {
  if (L.Kind == LockKind::Param) {
    if (L.ParamIndex < C.Args.size() && C.Args[L.ParamIndex].IsLock)
      return C.Args[L.ParamIndex].Lock;
    return std::nullopt;
  }
  LockRef R = L;
  if (R.Kind == LockKind::Member)
    R.Instance = instanceInCaller(L.Instance, C);
  return R;
}

bool isBetter(AcquireMode NewMode, size_t NewChain, AcquireMode OldMode,
              size_t OldChain) {
  bool NewBlocks = NewMode != AcquireMode::Shared;
  bool OldBlocks = OldMode != AcquireMode::Shared;
  if (NewBlocks != OldBlocks)
    return NewBlocks;
  return NewChain < OldChain;
}

/// Callee locks released before an acquisition, named by the caller.
std::vector<LockRef> releasedInCaller(const std::vector<LockRef> &Released,
                                      const CallFact &C) {
  std::vector<LockRef> Out = C.Released; // what the caller had released itself
  for (const LockRef &R : Released)
    if (std::optional<LockRef> L = lockInCaller(R, C))
      Out.push_back(std::move(*L));
  return Out;
}

using EdgeCallback = std::function<void(const HeldLock &Held, const LockRef &To,
                                        AcquireMode ToMode, EdgeWitness W)>;

class Analyzer {
public:
  Analyzer(const std::vector<TUFacts> &TUs, const AnalysisOptions &Options)
      : Options(Options), TUs(TUs) {
    for (size_t T = 0; T < TUs.size(); ++T) {
      const TUFacts &TU = TUs[T];
      ++Result.Stats.TranslationUnits;
      Result.Stats.UnresolvedCalls += TU.UnresolvedCalls;
      Result.Stats.LinkUnitsKnown |= !TU.Programs.empty();
      for (const DeclaredOrder &D : TU.DeclaredOrders)
        DeclaredOrders.push_back(D);
      for (const OverrideFact &O : TU.Overrides)
        Overriders[O.Overridden].insert({O.Overrider, O.OverriderName});
      PointerTargets.add(TU.SlotStores);
      for (const FunctionFacts &F : TU.Functions) {
        // An inline function or template seen by several TUs is one
        // function; a name defined again with other facts (two programs
        // of one build, one file compiled with different -Ds) is another
        // definition, checked on its own and called where the caller's
        // link unit has it.
        std::vector<const FunctionFacts *> &Defs = Definitions[F.Key];
        if (std::any_of(Defs.begin(), Defs.end(),
                        [&](const FunctionFacts *D) { return sameDefinition(*D, F); }))
          continue;
        TUOf[&F] = T;
        ByKey.emplace(definitionKey(F.Key, Defs.size()), &F);
        if (!Defs.empty())
          ++Result.Stats.DuplicateDefinitions;
        Defs.push_back(&F);
        ++Result.Stats.Functions;
        Result.Stats.Acquisitions += F.Acquisitions.size();
        Result.Stats.Calls += F.Calls.size();
      }
    }
    resolveCalls();
    orderCalleesFirst();
  }

  ProgramAnalysis run() {
    const std::vector<const FunctionFacts *> &Checked = Order;
    NonBlocking.emplace(
        Checked, [this](const CallFact &C) { return callee(C); },
        [this](const FunctionFacts *F) -> const std::vector<CallFact> & { return callsOf(F); });
    computeSummaries();
    for (const FunctionFacts *F : Checked)
      forEachEdge(*F, [&](const HeldLock &H, const LockRef &To,
                          AcquireMode Mode, EdgeWitness W) {
        formEdge(H, To, Mode, std::move(W), *F);
      });
    for (const FunctionFacts *F : Checked)
      addDisciplineFacts(*F);
    addGlobalLocks();
    addDeclaredOrderViolations();
    addThreadReach();
    return std::move(Result);
  }

private:
  /// The key under which the analysis knows the N-th definition of a name:
  /// the first keeps it, so a name defined once is looked up as before.
  static std::string definitionKey(const std::string &Key, size_t N) {
    return N == 0 ? Key : fmt::format("{}\x1f{}", Key, N);
  }

  /// Whether a call from TU Caller may run a definition in TU Callee: the
  /// build links them into one program or library.
  bool shareLinkUnit(size_t Caller, size_t Callee) const {
    const std::vector<std::string> &A = TUs[Caller].Programs, &B = TUs[Callee].Programs;
    return std::any_of(A.begin(), A.end(), [&](const std::string &P) {
      return std::find(B.begin(), B.end(), P) != B.end();
    });
  }

  /// Whether a function stored into a slot can be what the caller's call
  /// through it runs: some definition of it is in the caller's TU or link
  /// units, or the build does not say (another program's callback stored
  /// into a field of the same struct type is not this program's).
  bool linkedWith(const FunctionFacts &Caller, const std::string &Key) const {
    auto It = Definitions.find(Key);
    if (It == Definitions.end() || TUs[TUOf.at(&Caller)].Programs.empty())
      return true;
    size_t From = TUOf.at(&Caller);
    return std::any_of(It->second.begin(), It->second.end(), [&](const FunctionFacts *D) {
      size_t To = TUOf.at(D);
      return To == From || TUs[To].Programs.empty() || shareLinkUnit(From, To);
    });
  }

  /// Appends C as the caller's call of each definition of its callee that
  /// it can reach: the one in its own TU, else those of its link units,
  /// else (the build does not say) every one, which the notes then say.
  void appendDefinitions(const FunctionFacts &Caller, const CallFact &C,
                         std::vector<CallFact> &Out) {
    auto It = Definitions.find(C.Callee);
    if (It == Definitions.end() || It->second.size() < 2) {
      Out.push_back(C);
      return;
    }
    const std::vector<const FunctionFacts *> &Defs = It->second;
    size_t From = TUOf.at(&Caller);
    std::vector<size_t> Chosen;
    for (size_t I = 0; I < Defs.size() && Chosen.empty(); ++I)
      if (TUOf.at(Defs[I]) == From)
        Chosen.push_back(I);
    if (Chosen.empty())
      for (size_t I = 0; I < Defs.size(); ++I)
        if (shareLinkUnit(From, TUOf.at(Defs[I])))
          Chosen.push_back(I);
    if (Chosen.size() != 1)
      ++Result.Stats.AmbiguousCalls;
    if (Chosen.empty())
      for (size_t I = 0; I < Defs.size(); ++I)
        Chosen.push_back(I);
    for (size_t I : Chosen) {
      CallFact Copy = C;
      Copy.Callee = definitionKey(C.Callee, I);
      if (Chosen.size() > 1)
        Copy.Definition = fmt::format(
            "the definition in {}, one of {}: {}",
            llvm::sys::path::filename(Defs[I]->Site.File).str(), Chosen.size(),
            Result.Stats.LinkUnitsKnown ? "the caller's link units hold several"
                                        : "the build's link units are not known");
      Out.push_back(std::move(Copy));
    }
  }

  /// Each function's calls as the analysis follows them: to the callee's
  /// definitions the caller can reach; for a virtual call to every
  /// overrider the program defines, and for a call through a function
  /// pointer to every function stored into its slot, each a call of its
  /// own at the site.
  void resolveCalls() {
    for (auto &[Key, F] : ByKey) {
      std::vector<CallFact> &Calls = CallsOf[F];
      for (const CallFact &C : F->Calls) {
        appendDefinitions(*F, C, Calls);
        if (!C.Slot.empty()) {
          std::vector<CallFact> Targets;
          expandIndirectCall(C, PointerTargets, Targets, Result.Stats);
          for (const CallFact &T : Targets)
            if (linkedWith(*F, T.Callee))
              appendDefinitions(*F, T, Calls);
        }
        if (!C.Virtual)
          continue;
        auto It = Overriders.find(C.Callee);
        if (It == Overriders.end())
          continue;
        for (const auto &[OverriderKey, OverriderName] : It->second) {
          CallFact Copy = C;
          Copy.Callee = OverriderKey;
          Copy.CalleeName = OverriderName;
          appendDefinitions(*F, Copy, Calls);
        }
      }
    }
  }

  const std::vector<CallFact> &callsOf(const FunctionFacts *F) const {
    return CallsOf.at(F);
  }

  const FunctionFacts *callee(const CallFact &C) const {
    auto It = ByKey.find(C.Callee);
    return It == ByKey.end() ? nullptr : It->second;
  }

  /// Appends the calls from SA's function down to its acquisition. The
  /// bound only stops a walk through links a later improvement re-pointed.
  void appendChain(const SummaryAcquisition &SA, std::vector<ChainStep> &Chain) {
    const SummaryAcquisition *Cur = &SA;
    for (unsigned Steps = 0; Cur->Depth > 0 && Steps < 256; ++Steps) {
      Chain.push_back(Cur->First);
      auto &Entries = Summaries[Cur->Next].Acquires;
      auto It = Entries.find(Cur->NextKey);
      if (It == Entries.end())
        break;
      Cur = &It->second;
    }
  }

  void orderCalleesFirst() {
    std::set<const FunctionFacts *> Seen;
    // Iterative post-order DFS over the call graph.
    for (auto &[Key, Root] : ByKey) {
      if (!Seen.insert(Root).second)
        continue;
      std::vector<std::pair<const FunctionFacts *, size_t>> Stack{{Root, 0}};
      while (!Stack.empty()) {
        auto &[F, Next] = Stack.back();
        if (Next < callsOf(F).size()) {
          const FunctionFacts *G = callee(callsOf(F)[Next++]);
          if (G && Seen.insert(G).second)
            Stack.push_back({G, 0});
          continue;
        }
        Order.push_back(F);
        Stack.pop_back();
      }
    }
  }

  /// Every "To taken while Held is held" in F's frame: direct acquisitions,
  /// acquisitions of callees made while holding, and callee parameter edges.
  void forEachEdge(const FunctionFacts &F, const EdgeCallback &Emit, bool ParamOnly = false) {
    // Summaries only need the edges that touch a parameter lock; building
    // every other witness (with its call chain) there would be wasted.
    auto Wanted = [&](const LockRef &A, const LockRef &B) {
      return !ParamOnly || A.Kind == LockKind::Param || B.Kind == LockKind::Param;
    };
    for (const Acquisition &A : F.Acquisitions) {
      if (A.Mode == AcquireMode::Try)
        continue;
      for (const HeldLock &H : A.Held)
        if (Wanted(H.Lock, A.Lock) && !releasedBefore(H.Lock, A.Released))
          Emit(H, A.Lock, A.Mode, {H.AcquiredAt, A.Site, {}, {}, H.Mode, A.Mode});
    }
    for (const CallFact &C : callsOf(&F)) {
      const FunctionFacts *G = callee(C);
      if (!G)
        continue;
      const Summary &S = Summaries[G];
      if (!C.Held.empty()) {
        for (auto &[Key, SA] : S.Acquires) {
          if (appliedByCaller(C, *G, SA) || ruledOut(C, SA.When))
            continue;
          std::optional<LockRef> L = lockInCaller(SA.Lock, C);
          if (!L)
            continue;
          if (ParamOnly && L->Kind != LockKind::Param &&
              std::none_of(C.Held.begin(), C.Held.end(), [](const HeldLock &H) {
                return H.Lock.Kind == LockKind::Param;
              }))
            continue;
          std::vector<LockRef> Released = releasedInCaller(SA.Released, C);
          std::vector<ChainStep> Chain{{C.CalleeName, C.Site, C.Definition}};
          appendChain(SA, Chain);
          for (const HeldLock &H : C.Held)
            if (Wanted(H.Lock, *L) && !releasedBefore(H.Lock, Released))
              Emit(H, *L, SA.Mode, {H.AcquiredAt, SA.Site, Chain, {}, H.Mode, SA.Mode});
        }
      }
      for (auto &[Key, PE] : S.ParamEdges) {
        std::optional<LockRef> From = lockInCaller(PE.Held.Lock, C);
        std::optional<LockRef> To = lockInCaller(PE.To, C);
        if (!From || !To || !Wanted(*From, *To))
          continue;
        HeldLock H = PE.Held;
        H.Lock = *From;
        EdgeWitness W = PE.Witness;
        W.Context.insert(W.Context.begin(), {C.CalleeName, C.Site, C.Definition});
        Emit(H, *To, PE.ToMode, std::move(W));
      }
    }
  }

  /// A lock a wrapper takes for its caller, which the caller's facts
  /// already record as its own acquisition at the call (named better
  /// there: by what the caller passed).
  static bool appliedByCaller(const CallFact &C, const FunctionFacts &G,
                              const SummaryAcquisition &SA) {
    if (!C.WrapperApplied)
      return false;
    std::string Key = SA.Lock.key();
    return std::any_of(G.AcquiresForCaller.begin(), G.AcquiresForCaller.end(),
                       [&](const HeldLock &H) { return H.Lock.key() == Key; });
  }

  /// One pass over F; returns true when its summary grew or improved.
  bool updateSummary(const FunctionFacts &F) {
    Summary &S = Summaries[&F];
    bool Changed = false;
    auto Offer = [&](const LockRef &L, AcquireMode Mode, const SourceSite &Site,
                     unsigned Depth, ChainStep First, const FunctionFacts *Next,
                     const std::string &NextKey, std::vector<LockRef> Released,
                     const std::vector<ParamCondition> &When) {
      // A re-take of a released caller lock is kept apart from a plain
      // acquisition of the same lock: only the latter is a double lock.
      // So is one reached only under tests of parameters.
      std::string Key = L.key() + whenKey(When);
      for (const LockRef &R : Released)
        Key += "|released:" + R.key();
      auto [It, Inserted] = S.Acquires.try_emplace(Key);
      SummaryAcquisition &SA = It->second;
      if (!Inserted && !isBetter(Mode, Depth, SA.Mode, SA.Depth))
        return;
      SA = {L, Mode, Site, std::move(Released), Depth, std::move(First), Next, NextKey, When};
      Changed = true;
    };
    for (const Acquisition &A : F.Acquisitions)
      if (A.Mode != AcquireMode::Try)
        Offer(A.Lock, A.Mode, A.Site, 0, {}, nullptr, "", A.Released, A.When);
    for (const BlockingCall &B : F.BlockingCalls)
      if (!B.ConditionWait && !F.NeverBlocks && !NonBlocking->isNonBlocking(F, B.Descriptor))
        if (S.Blocks
                .try_emplace(whenKey(B.When), BlockWitness{B.Callee, B.Site, {}, B.Released,
                                                           B.When, !B.Descriptor.empty()})
                .second)
          Changed = true;
    for (const CallFact &C : callsOf(&F)) {
      const FunctionFacts *G = callee(C);
      if (!G || G == &F)
        continue;
      const Summary &GS = Summaries[G];
      for (const auto &[BlockKey, GB] : GS.Blocks) {
        if (F.NeverBlocks || ruledOut(C, GB.When))
          continue;
        std::vector<ParamCondition> When = whenInCaller(C, GB.When);
        auto [It, New] = S.Blocks.try_emplace(whenKey(When));
        if (New || It->second.Chain.size() > GB.Chain.size() + 1) {
          std::vector<ChainStep> Chain{{C.CalleeName, C.Site, C.Definition}};
          Chain.insert(Chain.end(), GB.Chain.begin(), GB.Chain.end());
          It->second = BlockWitness{GB.Callee, GB.Site, std::move(Chain),
                                    releasedInCaller(GB.Released, C), std::move(When),
                                    GB.OnDescriptor};
          Changed = true;
        }
      }
      // G != &F, so S is not the map being read.
      for (const auto &[Key, SA] : GS.Acquires) {
        if (appliedByCaller(C, *G, SA) || ruledOut(C, SA.When))
          continue;
        std::optional<LockRef> L = lockInCaller(SA.Lock, C);
        if (!L)
          continue;
        Offer(*L, SA.Mode, SA.Site, SA.Depth + 1, {C.CalleeName, C.Site, C.Definition}, G, Key,
              releasedInCaller(SA.Released, C), whenInCaller(C, SA.When));
      }
    }
    std::vector<ParamEdge> NewParamEdges;
    forEachEdge(F, [&](const HeldLock &H, const LockRef &To, AcquireMode Mode,
                       EdgeWitness W) {
      NewParamEdges.push_back({H, To, Mode, std::move(W)});
    }, /*ParamOnly=*/true);
    for (ParamEdge &PE : NewParamEdges) {
      std::string Key = PE.Held.Lock.key() + ">" + PE.To.key();
      if (S.ParamEdges.emplace(Key, std::move(PE)).second)
        Changed = true;
    }
    return Changed;
  }

  void computeSummaries() {
    // Callees come first, so one pass suffices without recursion; each extra
    // pass settles one more round of a recursive cycle. Summaries only grow
    // or improve and their keys are finite, so this terminates; the bound is
    // a guard against a bug, not a limit a real program reaches.
    for (unsigned Pass = 0; Pass < 64; ++Pass) {
      bool Changed = false;
      for (const FunctionFacts *F : Order)
        Changed |= updateSummary(*F);
      if (!Changed)
        break;
    }
  }

  void formEdge(const HeldLock &H, const LockRef &To, AcquireMode Mode,
                EdgeWitness W, const FunctionFacts &Function) {
    if (H.Lock.Kind == LockKind::Param || To.Kind == LockKind::Param) {
      if (H.Lock.key() == To.key())
        reportSameLock(H, To, Mode, std::move(W), Function);
      return;
    }
    if (H.Lock.Name == To.Name) {
      reportSameLock(H, To, Mode, std::move(W), Function);
      return;
    }
    // A local lock no other thread can reach waits for no one.
    if (H.Lock.Instance == UnsharedInstance || To.Instance == UnsharedInstance)
      return;
    Result.Graph.addEdge(Result.Graph.addLock(H.Lock), Result.Graph.addLock(To),
                         std::move(W), TUs[TUOf.at(&Function)].Programs);
  }

  void reportSameLock(const HeldLock &H, const LockRef &To, AcquireMode Mode,
                      EdgeWitness W, const FunctionFacts &Function) {
    if (To.Recursive || H.Lock.Recursive)
      return;
    if (H.Mode == AcquireMode::Shared && Mode == AcquireMode::Shared)
      return;
    const std::string &I1 = H.Lock.Instance, &I2 = To.Instance;
    // A lock named only by type and site may be a different object each
    // time (a call result): say nothing. Two elements of one array taken
    // nested under different index expressions are an order between
    // instances (the dining philosophers' forks[i], forks[(i + 1) % N]);
    // the same index, or an unknown one, is one ordered set.
    if (To.Kind == LockKind::Unknown) {
      bool Element = llvm::StringRef(To.Name).ends_with("[]");
      if (Element && !I1.empty() && !I2.empty() && I1 != I2)
        Result.InstanceOrders.push_back({To, I1, I2, std::move(W), Function.Name});
      return;
    }
    bool IsMember = To.Kind == LockKind::Member;
    if (!IsMember || (!I1.empty() && I1 == I2)) {
      // An opted-out body (no_thread_safety_analysis) is not checked for
      // discipline; its order hazards between instances still count.
      if (Function.NoThreadSafetyAnalysis)
        return;
      std::string Key = W.HeldAt.File + ":" + std::to_string(W.HeldAt.Line) +
                        ":" + W.AcquiredAt.File + ":" +
                        std::to_string(W.AcquiredAt.Line) + ":" +
                        std::to_string(W.AcquiredAt.Column);
      if (SeenDoubleLocks.insert(Key).second)
        Result.DoubleLocks.push_back({To, std::move(W), Function.Name});
      return;
    }
    if (!I1.empty() && !I2.empty())
      Result.InstanceOrders.push_back({To, I1, I2, std::move(W), Function.Name});
  }

  /// Blocking calls, leaks and releases of unheld locks in F.
  void addDisciplineFacts(const FunctionFacts &F) {
    for (const BlockingCall &B : F.BlockingCalls) {
      if (NonBlocking->isNonBlocking(F, B.Descriptor))
        continue;
      for (const HeldLock &H : B.Held)
        if (H.Lock.Kind != LockKind::Param)
          Result.Blocking.push_back({B.Callee, H, B.Site, {}, F.Name, !B.Descriptor.empty()});
    }
    for (const CallFact &C : callsOf(&F)) {
      const FunctionFacts *G = callee(C);
      if (!G || C.Held.empty())
        continue;
      const BlockWitness *B = Summaries[G].blocksFor(C);
      if (!B)
        continue;
      std::vector<ChainStep> Chain{{C.CalleeName, C.Site, C.Definition}};
      Chain.insert(Chain.end(), B->Chain.begin(), B->Chain.end());
      std::vector<LockRef> Released = releasedInCaller(B->Released, C);
      for (const HeldLock &H : C.Held)
        if (H.Lock.Kind != LockKind::Param && !releasedBefore(H.Lock, Released))
          Result.Blocking.push_back({B->Callee, H, B->Site, Chain, F.Name, B->OnDescriptor});
    }
    if (F.NoThreadSafetyAnalysis)
      return;
    for (const HeldLock &H : F.HeldAtExit)
      Result.Leaks.push_back({H, F.ExitSite, F.Name});
    for (const UnheldRelease &R : F.UnheldReleases) {
      // Which lock an unnamed one is (`(pthread_mutex_t *)lock` from a
      // try function's result) the pass cannot tell, so it cannot say it
      // is not held either; the summary line counts these.
      if (R.Lock.unnamed()) {
        ++Result.Stats.UncheckedReleases;
        continue;
      }
      Result.UnheldReleases.push_back({R.Lock, R.Site, F.Name, R.Via, R.ReleasedAt});
    }
  }

  /// Global locks reached from the entries of many threads.
  void addGlobalLocks() {
    // Lock name -> the thread starts whose entry reaches it.
    std::map<std::string, std::vector<const ThreadStart *>> Reached;
    std::map<std::string, std::pair<const SummaryAcquisition *, const ThreadStart *>> First;
    for (const FunctionFacts *F : Order)
      for (const ThreadStart &TS : F->ThreadStarts) {
        auto It = ByKey.find(TS.Entry);
        if (It == ByKey.end())
          continue;
        for (const auto &[Key, SA] : Summaries[It->second].Acquires) {
          if (SA.Lock.Kind != LockKind::Global)
            continue;
          // One lock may sit under several summary keys (re-takes apart).
          auto &Starts = Reached[SA.Lock.Name];
          if (std::find(Starts.begin(), Starts.end(), &TS) == Starts.end())
            Starts.push_back(&TS);
          First.try_emplace(SA.Lock.Name, &SA, &TS);
        }
      }
    for (auto &[Name, Starts] : Reached) {
      unsigned Threads = 0;
      for (const ThreadStart *TS : Starts)
        Threads += TS->InLoop ? Options.GlobalLockThreshold : 1;
      if (Threads < Options.GlobalLockThreshold)
        continue;
      GlobalLockFact G;
      auto [SA, Start] = First[Name];
      G.Lock = SA->Lock;
      for (const ThreadStart *TS : Starts)
        G.Starts.push_back(*TS);
      G.AcquiredAt = SA->Site;
      G.Chain.push_back({Start->EntryName, Start->Site});
      appendChain(*SA, G.Chain);
      // The longest critical section we can see: most calls under the lock.
      for (const FunctionFacts *F : Order) {
        unsigned Calls = 0;
        const SourceSite *Site = nullptr;
        for (const CallFact &C : callsOf(F))
          for (const HeldLock &H : C.Held)
            if (H.Lock.Name == Name) {
              ++Calls;
              Site = &H.AcquiredAt;
              break;
            }
        if (Calls > G.CallsUnderLock) {
          G.CallsUnderLock = Calls;
          G.BusiestFunction = F->Name;
          G.BusiestSite = *Site;
        }
      }
      Result.GlobalLocks.push_back(std::move(G));
    }
  }

  /// Which thread starts reach which functions (breadth-first from each
  /// entry over the resolved calls).
  void addThreadReach() {
    for (const FunctionFacts *F : Order)
      for (const ThreadStart &TS : F->ThreadStarts) {
        auto It = ByKey.find(TS.Entry);
        if (It == ByKey.end())
          continue;
        std::set<const FunctionFacts *> Seen{It->second};
        std::vector<const FunctionFacts *> Work{It->second};
        while (!Work.empty()) {
          const FunctionFacts *G = Work.back();
          Work.pop_back();
          Result.ThreadsReaching[G->Name].push_back(TS);
          for (const CallFact &C : callsOf(G))
            if (const FunctionFacts *H = callee(C); H && Seen.insert(H).second)
              Work.push_back(H);
        }
      }
  }

  void addDeclaredOrderViolations() {
    const LockGraph &G = Result.Graph;
    for (const DeclaredOrder &D : DeclaredOrders) {
      int Before = G.findLock(D.Before), After = G.findLock(D.After);
      if (Before < 0 || After < 0)
        continue;
      int Edge = G.findEdge(After, Before);
      if (Edge >= 0)
        Result.DeclaredOrderViolations.push_back({D, unsigned(Edge)});
    }
  }

  const AnalysisOptions Options;
  std::vector<DeclaredOrder> DeclaredOrders;
  /// Base method key -> (overrider key, name).
  std::unordered_map<std::string, std::set<std::pair<std::string, std::string>>> Overriders;
  SlotTargets PointerTargets; ///< Function pointers: what each slot may hold.
  std::unordered_map<const FunctionFacts *, std::vector<CallFact>> CallsOf;
  const std::vector<TUFacts> &TUs;
  /// Every definition, under definitionKey(); Definitions groups them by
  /// linkage key, in the order of the TUs (never of -j's timing).
  std::unordered_map<std::string, const FunctionFacts *> ByKey;
  std::unordered_map<std::string, std::vector<const FunctionFacts *>> Definitions;
  std::unordered_map<const FunctionFacts *, size_t> TUOf;
  std::vector<const FunctionFacts *> Order;
  std::unordered_map<const FunctionFacts *, Summary> Summaries;
  std::set<std::string> SeenDoubleLocks;
  std::optional<NonBlockingDescriptors> NonBlocking;
  ProgramAnalysis Result;
};

} // namespace

ProgramAnalysis analyzeProgram(const std::vector<TUFacts> &TUs,
                               const AnalysisOptions &Options) {
  return Analyzer(TUs, Options).run();
}

} // namespace lockgraph
