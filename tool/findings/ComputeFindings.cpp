//===- findings/ComputeFindings.cpp ---------------------------------------===//
#include "findings/ComputeFindings.h"

#include "graph/Cycles.h"

#include "llvm/ADT/StringRef.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace lockgraph {

const std::vector<std::string> &allCheckNames() {
  static const std::vector<std::string> Names = {
      "lock-order-inversion", "double-lock",     "instance-order", "blocking-under-lock",
      "lock-leak",            "unlock-not-held", "global-lock",    "declared-order"};
  return Names;
}

static std::string quoted(const std::string &S) { return "'" + S + "'"; }

std::string stableId(const std::vector<std::string> &Parts) {
  uint64_t H = 1469598103934665603ull;
  for (const std::string &P : Parts) {
    for (unsigned char C : P) {
      H ^= C;
      H *= 1099511628211ull;
    }
    H ^= 0xff;
    H *= 1099511628211ull;
  }
  char Buf[17];
  std::snprintf(Buf, sizeof(Buf), "%016llx", (unsigned long long)H);
  return Buf;
}

std::string cycleFindingId(const std::string &Check, std::vector<std::string> LockNames) {
  std::sort(LockNames.begin(), LockNames.end());
  LockNames.insert(LockNames.begin(), Check);
  return stableId(LockNames);
}

/// A call on a path, and which definition it is when the name has several.
static std::string calleeText(const ChainStep &S) {
  return S.Definition.empty() ? quoted(S.Callee)
                              : fmt::format("{} ({})", quoted(S.Callee), S.Definition);
}

SourceSite hazardSite(const EdgeWitness &W) {
  if (!W.Context.empty())
    return W.Context.front().Site;
  if (!W.Chain.empty())
    return W.Chain.front().Site;
  return W.AcquiredAt;
}

std::vector<Note> explainEdge(const std::string &Held, const std::string &Acquired,
                              const EdgeWitness &W) {
  std::vector<Note> Notes;
  for (const ChainStep &S : W.Context)
    Notes.push_back({S.Site, "in the call to " + calleeText(S) + " here"});
  if (W.HeldAt.valid()) // a run's witness may not know it
    Notes.push_back({W.HeldAt, Held + " acquired here"});
  for (size_t I = 0; I < W.Chain.size(); ++I) {
    const ChainStep &S = W.Chain[I];
    Notes.push_back({S.Site, I == 0 ? "calls " + calleeText(S) + " while holding " + Held
                                    : "calls " + calleeText(S)});
  }
  Notes.push_back({W.AcquiredAt, Acquired + " acquired here while holding " + Held});
  return Notes;
}

/// Says which threads can run the cycle's edges: a cycle needs two threads
/// at once, so one whose edges are reached from different thread entries
/// (or from one entry started in a loop) ranks above one no visible thread
/// start reaches twice. Without any thread start in the program (a
/// library), nothing is said.
static void rankByThreads(const ProgramAnalysis &A, const LockCycle &C, Finding &F) {
  if (A.ThreadsReaching.empty())
    return;
  // Distinct entries by linkage key (two lambdas in one function share a
  // printed name), shown with where each thread starts.
  std::map<std::string, std::string> Entries;
  bool Many = false;
  for (unsigned EI : C.Edges) {
    auto It = A.ThreadsReaching.find(A.Graph.edges()[EI].Witness.HeldAt.Function);
    if (It == A.ThreadsReaching.end())
      continue;
    for (const ThreadStart &TS : It->second) {
      Entries.try_emplace(TS.Entry, quoted(TS.EntryName) + " (line " +
                                        std::to_string(TS.Site.Line) + ")");
      Many |= TS.InLoop;
    }
  }
  if (Entries.size() >= 2 || Many) {
    std::string List;
    for (const auto &[Key, Shown] : Entries)
      List += (List.empty() ? "" : ", ") + Shown;
    F.Message += "; its edges run on threads " + List;
    F.Tags.push_back("multi-thread");
  } else {
    F.Message += Entries.empty() ? "; no thread start in the program reaches its edges"
                                 : "; only thread " + Entries.begin()->second +
                                       ", started once, reaches its edges";
    F.Tags.push_back("single-thread");
  }
}

static void addCycleFindings(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  const LockGraph &G = A.Graph;
  for (const LockCycle &C : findCycles(G)) {
    if (!cycleCanBlock(G, C))
      continue;
    Finding F;
    F.Check = "lock-order-inversion";
    std::string Path;
    std::vector<std::string> Names;
    for (LockId L : C.Locks) {
      Path += quoted(G.node(L).Name) + " -> ";
      Names.push_back(G.node(L).Name);
    }
    Path += quoted(G.node(C.Locks.front()).Name);
    F.Message = "potential deadlock: lock-order cycle " + Path;
    // Warn where the cycle closes: the last edge, in the function holding.
    F.Site = hazardSite(G.edges()[C.Edges.back()].Witness);
    for (unsigned EI : C.Edges) {
      const LockEdge &E = G.edges()[EI];
      for (Note &N : explainEdge(quoted(G.node(E.From).Name),
                                 quoted(G.node(E.To).Name), E.Witness))
        F.Notes.push_back(std::move(N));
    }
    F.Locks = C.Locks;
    F.Edges = C.Edges;
    F.LockNames = Names;
    rankByThreads(A, C, F);
    F.Id = cycleFindingId(F.Check, Names);
    Out.push_back(std::move(F));
  }
}

static void addDoubleLocks(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  for (const DoubleLockFact &D : A.DoubleLocks) {
    Finding F;
    F.Check = "double-lock";
    std::string Name = D.Lock.display();
    F.Message = quoted(Name) + " acquired while already held; a non-recursive lock "
                               "taken twice by one thread deadlocks";
    F.Site = hazardSite(D.Witness);
    F.Notes = explainEdge(quoted(Name), quoted(Name), D.Witness);
    F.LockNames = {D.Lock.Name};
    F.Id = stableId({F.Check, Name, D.Function, D.Witness.AcquiredAt.Function});
    Out.push_back(std::move(F));
  }
}

static void addInstanceOrders(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  // Pairs taken in both orders by one function follow an explicit order.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> Seen;
  for (const InstanceOrderFact &I : A.InstanceOrders)
    Seen.insert({I.Function, I.Lock.Name, I.FirstInstance, I.SecondInstance});
  std::set<std::string> Reported;
  for (const InstanceOrderFact &I : A.InstanceOrders) {
    if (Seen.count({I.Function, I.Lock.Name, I.SecondInstance, I.FirstInstance}))
      continue;
    std::string Name = I.Lock.display();
    std::string First = instanceDisplayName(I.FirstInstance);
    std::string Second = instanceDisplayName(I.SecondInstance);
    std::string Id = stableId({"instance-order", Name, I.Function, First, Second});
    if (!Reported.insert(Id).second)
      continue;
    Finding F;
    F.Check = "instance-order";
    F.Id = Id;
    F.Message = "two instances of " + quoted(Name) + " locked nested (" +
                quoted(First) + " then " + quoted(Second) +
                ") with no fixed order; a concurrent call with the objects swapped "
                "deadlocks (take both at once with std::scoped_lock)";
    F.Site = hazardSite(I.Witness);
    F.Notes = explainEdge(quoted(Name) + " of " + quoted(First),
                          quoted(Name) + " of " + quoted(Second), I.Witness);
    F.LockNames = {I.Lock.Name};
    Out.push_back(std::move(F));
  }
}

static std::string siteKey(const SourceSite &S) {
  return S.File + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

/// One finding per blocking call and lock, however many callers holding the
/// lock reach it (a debug printer called from hundreds of places under one
/// lock is one hazard): the first caller's path is the finding, the others
/// are notes, the first few by name and the rest counted.
static void addBlocking(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  constexpr unsigned MaxCallerNotes = 8;
  std::set<std::string> Reported;
  std::map<std::string, size_t> ByOrigin; // blocking call + lock -> finding
  std::map<size_t, unsigned> CallerNotes, MoreCallers; // per finding
  for (const BlockingFact &B : A.Blocking) {
    std::string Name = B.Held.Lock.display();
    Finding F;
    F.Check = "blocking-under-lock";
    F.Site = B.Chain.empty() ? B.CallSite : B.Chain.front().Site;
    // One finding per place and lock, however many paths lead there.
    if (!Reported.insert(siteKey(F.Site) + ":" + Name).second)
      continue;
    // Named by where it blocks, so a new caller does not change the id.
    F.Id = stableId({F.Check, Name, B.CallSite.Function.empty() ? B.Function
                                                                 : B.CallSite.Function,
                     B.Callee});
    auto [Origin, New] = ByOrigin.try_emplace(siteKey(B.CallSite) + ":" + Name, Out.size());
    if (!New) {
      if (++CallerNotes[Origin->second] <= MaxCallerNotes)
        Out[Origin->second].Notes.push_back(
            {F.Site, fmt::format("also reached from {} while holding {}", quoted(B.Function),
                                 quoted(Name))});
      else
        ++MoreCallers[Origin->second];
      continue;
    }
    F.Message = "blocking call " + quoted(B.Callee) + " while holding " + quoted(Name) +
                "; every thread that needs " + quoted(Name) + " waits for it too";
    if (B.OnDescriptor)
      F.Message += " (if its descriptor is blocking: no code seen makes it non-blocking)";
    F.Notes.push_back({B.Held.AcquiredAt, quoted(Name) + " acquired here"});
    for (size_t I = 0; I < B.Chain.size(); ++I)
      F.Notes.push_back({B.Chain[I].Site, "calls " + calleeText(B.Chain[I])});
    if (!B.Chain.empty())
      F.Notes.push_back({B.CallSite, quoted(B.Callee) + " called here"});
    F.LockNames.push_back(Name);
    Out.push_back(std::move(F));
  }
  for (const auto &[Index, More] : MoreCallers)
    if (More)
      Out[Index].Notes.push_back(
          {Out[Index].Site,
           fmt::format("and {} more {} holding it", More, More == 1 ? "caller" : "callers")});
}

/// Whether the fix to suggest for `L` in the function at `In` is a
/// `.lockgraph.yaml` entry rather than ACQUIRE/RELEASE: clang rejects the
/// thread-safety attributes on C's pthread locks, and C code rarely has the
/// macros. Facts do not carry the TU's language, so a `.c` file stands for C.
static bool suggestsConfigEntry(const LockRef &L, const SourceSite &In) {
  for (const char *PthreadType : {"pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t"})
    if (L.Type.find(PthreadType) != std::string::npos)
      return true;
  const std::string &File = In.File;
  return File.size() > 2 && File.compare(File.size() - 2, 2, ".c") == 0;
}

/// The LockFunctions/UnlockFunctions entry saying that `Function` takes or
/// releases `L` for its caller (docs/checks.md: `name(N)`, `name(N->field)`,
/// N from 1); "" when none can: the lock must come in through an argument.
static std::string configEntry(const std::string &Function, const LockRef &L) {
  if (L.Kind == LockKind::Param)
    return fmt::format("{}({})", Function, L.ParamIndex + 1);
  // A field of a parameter: instance "param:N:name", no deeper path.
  llvm::StringRef Instance(L.Instance);
  unsigned Index = 0;
  size_t Field = L.Name.rfind("::");
  if (L.Kind == LockKind::Member && Field != std::string::npos &&
      Instance.consume_front("param:") && !Instance.consumeInteger(10, Index) &&
      Instance.consume_front(":") && !Instance.contains('.') && !Instance.contains('['))
    return fmt::format("{}({}->{})", Function, Index + 1, L.Name.substr(Field + 2));
  return "";
}

/// How ACQUIRE/RELEASE would name `L` inside its function: a parameter lock
/// is displayed `f(m)` and written `m`.
static std::string attributeArgument(const LockRef &L) {
  size_t Open = L.Name.rfind('(');
  if (L.Kind == LockKind::Param && Open != std::string::npos && L.Name.back() == ')')
    return L.Name.substr(Open + 1, L.Name.size() - Open - 2);
  return L.Name;
}

static void addLeaks(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  for (const LeakFact &L : A.Leaks) {
    std::string Name = L.Lock.Lock.display();
    Finding F;
    F.Check = "lock-leak";
    F.Site = L.ExitSite;
    F.Id = stableId({F.Check, Name, L.Function});
    std::string Declare;
    if (!suggestsConfigEntry(L.Lock.Lock, L.ExitSite))
      Declare = fmt::format(", or declare the function ACQUIRE({}) if its callers expect it held",
                            attributeArgument(L.Lock.Lock));
    else if (std::string Entry = configEntry(L.Function, L.Lock.Lock); !Entry.empty())
      Declare = fmt::format(", or, if its callers expect it held, add '{}' to LockFunctions in "
                            ".lockgraph.yaml",
                            Entry);
    F.Message = fmt::format("{} is still held on some path when {} returns; release it on "
                            "every path{}",
                            quoted(Name), quoted(L.Function), Declare);
    F.Notes.push_back({L.Lock.AcquiredAt, quoted(Name) + " acquired here"});
    F.LockNames.push_back(Name);
    Out.push_back(std::move(F));
  }
}

static void addUnheldReleases(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  for (const UnheldReleaseFact &R : A.UnheldReleases) {
    std::string Name = R.Lock.display();
    Finding F;
    F.Check = "unlock-not-held";
    F.Site = R.Site;
    F.Id = stableId({F.Check, Name, R.Function});
    std::string Declare;
    if (!suggestsConfigEntry(R.Lock, R.Site))
      Declare = fmt::format("; declare the function RELEASE({}) if its callers hold it",
                            attributeArgument(R.Lock));
    else if (std::string Entry = configEntry(R.Function, R.Lock); !Entry.empty())
      Declare = fmt::format("; if its callers hold it, add '{}' to UnlockFunctions in "
                            ".lockgraph.yaml",
                            Entry);
    F.Message = fmt::format("{} released here but no path through {} holds it{}", quoted(Name),
                            quoted(R.Function), Declare);
    if (!R.Via.empty()) {
      F.Message = quoted(Name) + " released by " + quoted(R.Via) +
                  " called here, but no path through " + quoted(R.Function) + " holds it";
      F.Notes.push_back({R.ReleasedAt, quoted(R.Via) + " releases " + quoted(Name) + " here"});
    }
    F.LockNames.push_back(Name);
    Out.push_back(std::move(F));
  }
}

static void addGlobalLocks(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  for (const GlobalLockFact &G : A.GlobalLocks) {
    std::string Name = G.Lock.display();
    Finding F;
    F.Check = "global-lock";
    F.Site = G.AcquiredAt;
    F.Id = stableId({F.Check, Name});
    std::string Entries;
    std::set<std::string> Seen;
    bool Many = false;
    for (const ThreadStart &TS : G.Starts) {
      Many |= TS.InLoop;
      if (Seen.insert(TS.EntryName).second)
        Entries += (Entries.empty() ? "" : ", ") + quoted(TS.EntryName);
    }
    F.Message = "global lock " + quoted(Name) + " is taken by the code of " +
                (Many ? "many threads" : std::to_string(G.Starts.size()) + " threads") +
                " (entry points " + Entries +
                "); they queue on it and run what it guards one at a time";
    for (const ThreadStart &TS : G.Starts)
      F.Notes.push_back({TS.Site, "thread started here with entry " + quoted(TS.EntryName) +
                                      (TS.InLoop ? ", in a loop" : "")});
    for (size_t I = 1; I < G.Chain.size(); ++I)
      F.Notes.push_back({G.Chain[I].Site, "calls " + calleeText(G.Chain[I])});
    F.Notes.push_back({G.AcquiredAt, quoted(Name) + " acquired here"});
    if (G.CallsUnderLock > 0)
      F.Notes.push_back({G.BusiestSite, quoted(G.BusiestFunction) + " makes " +
                                            std::to_string(G.CallsUnderLock) +
                                            " calls while holding " + quoted(Name) +
                                            " from here: the longest critical section seen"});
    F.LockNames.push_back(Name);
    Out.push_back(std::move(F));
  }
}

static void addDeclaredOrders(const ProgramAnalysis &A, std::vector<Finding> &Out) {
  for (const DeclaredOrderFact &D : A.DeclaredOrderViolations) {
    const LockEdge &E = A.Graph.edges()[D.Edge];
    Finding F;
    F.Check = "declared-order";
    F.Site = hazardSite(E.Witness);
    F.Id = stableId({F.Check, D.Order.Before, D.Order.After});
    F.Message = quoted(D.Order.Before) + " acquired while holding " + quoted(D.Order.After) +
                ", against the declared order: " + quoted(D.Order.Before) +
                " is acquired before " + quoted(D.Order.After);
    F.Notes = explainEdge(quoted(D.Order.After), quoted(D.Order.Before), E.Witness);
    F.Notes.push_back({D.Order.Site, "order declared here"});
    F.Locks = {E.From, E.To};
    F.Edges = {D.Edge};
    F.LockNames = {D.Order.After, D.Order.Before};
    Out.push_back(std::move(F));
  }
}

std::vector<Finding> computeFindings(const ProgramAnalysis &A) {
  std::vector<Finding> Out;
  addCycleFindings(A, Out);
  addDoubleLocks(A, Out);
  addInstanceOrders(A, Out);
  addBlocking(A, Out);
  addLeaks(A, Out);
  addUnheldReleases(A, Out);
  addGlobalLocks(A, Out);
  addDeclaredOrders(A, Out);
  std::stable_sort(Out.begin(), Out.end(), [](const Finding &X, const Finding &Y) {
    return std::tie(X.Site.File, X.Site.Line, X.Site.Column, X.Check) <
           std::tie(Y.Site.File, Y.Site.Line, Y.Site.Column, Y.Check);
  });
  return Out;
}

} // namespace lockgraph
