//===- merge/MergeReports.cpp ---------------------------------------------===//
#include "merge/MergeReports.h"

#include "findings/ComputeFindings.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>

namespace lockgraph {
namespace {

std::string quoted(const std::string &S) { return "'" + S + "'"; }

std::string percent(double Share) {
  return std::to_string(int(Share * 100 + 0.5)) + "%";
}

std::string fixed2(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%.2f", V);
  return Buf;
}

/// "file.cpp:12", for lock names made from a site.
std::string shortSite(const SourceSite &S) {
  return llvm::sys::path::filename(S.File).str() + ":" + std::to_string(S.Line);
}

/// A runtime lock, named in static terms.
struct NamedLock {
  std::string Name;
  std::string Type;
  bool Matched = false;  ///< A static acquisition site named it.
  SourceSite UserSite;   ///< First frame in user code that took it.
  std::string UserFunction; ///< The same without debug info.
  std::string Module;       ///< The module of its innermost frame.
};

/// A cycle a run reported, in static names.
struct RunCycle {
  std::vector<std::string> Key;   ///< Sorted, unique lock names.
  std::vector<std::string> Names; ///< In cycle order.
  std::vector<int> Edges;         ///< Merged graph edges; -1 for instance pairs.
  std::vector<std::pair<std::string, std::string>> Pairs; ///< Each edge's names.
  std::vector<EdgeWitness> Witnesses;
  std::vector<std::string> Paths; ///< Each edge's run: `main -> f -> g`.
  std::vector<std::string> Tags;
  std::string Program;
  bool Used = false;
};

/// A double lock or live deadlock a run reported.
struct RunHazard {
  std::string Check, Message, Program;
  std::vector<std::string> Names;
  std::vector<SourceSite> Sites; ///< One per lock: where its thread took it.
  bool Used = false;
};

class Merger {
public:
  Merger(ProgramAnalysis Static, std::vector<Finding> Findings,
         const std::vector<TUFacts> &Facts, StackSymbolizer &Symbolizer)
      : Symbolizer(Symbolizer) {
    Out.Analysis = std::move(Static);
    StaticFindings = std::move(Findings);
    Out.Runs.HaveStatic = !Facts.empty();
    Out.Runs.EdgeOrigins.resize(Out.Analysis.Graph.edges().size());
    for (EdgeOrigin &O : Out.Runs.EdgeOrigins)
      O.Static = true;
    indexStaticSites(Facts);
  }

  void addRun(const RuntimeReport &R);
  MergedReport finish();

private:
  using SiteKey = std::pair<std::string, unsigned>;

  const std::string &canonical(const std::string &File);
  void indexStaticSites(const std::vector<TUFacts> &Facts);
  void addSiteLock(const SourceSite &Site, const std::string &Name,
                   std::set<std::string> Held);
  const std::string *lockAt(const SourceSite &Site, bool SecondOfEdge, bool &Ambiguous);
  std::vector<NamedLock> nameLocks(const RuntimeReport &R);
  EdgeWitness witness(const RuntimeEdge &E);
  std::string callPath(const RuntimeStack &Stack);
  std::string whyMissed(const RunCycle &C, size_t EdgeInCycle);
  void classifyStatic(Finding &F);
  void addRuntimeOnlyCycle(RunCycle &C);
  LockId nodeFor(const std::string &Name);

  StackSymbolizer &Symbolizer;
  MergedReport Out;
  std::vector<Finding> StaticFindings;
  /// A lock the static pass saw acquired at a site, and what was held then.
  struct SiteLock {
    std::string Name;
    std::set<std::string> Held;
  };
  /// Static acquisition sites; a line may take several locks.
  std::map<SiteKey, std::vector<SiteLock>> LockAt;
  /// The locks each function acquires itself, by qualified name: names a
  /// runtime lock from a stack without file:line (no -g).
  std::map<std::string, std::set<std::string>> LocksIn;
  /// The locks held at each static call or acquisition site: names the held
  /// lock of a runtime edge from the stack of the second acquisition.
  std::map<SiteKey, std::set<std::string>> HeldAt;
  std::set<std::string> StaticFiles;     ///< Every file the static pass read.
  std::map<std::string, std::string> Canonical;
  std::map<std::string, NamedLock> LocksByName; ///< Every runtime lock's naming.
  std::vector<RunCycle> Cycles;
  std::vector<RunHazard> Hazards;
  std::map<std::string, ContentionRow> Contention;
};

const std::string &Merger::canonical(const std::string &File) {
  auto [It, New] = Canonical.try_emplace(File);
  if (New) {
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(File, Real))
      Real = File;
    llvm::sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
    It->second = Real.str().str();
  }
  return It->second;
}

void Merger::addSiteLock(const SourceSite &Site, const std::string &Name,
                         std::set<std::string> Held) {
  std::vector<SiteLock> &At = LockAt[{canonical(Site.File), Site.Line}];
  for (SiteLock &L : At)
    if (L.Name == Name) {
      L.Held.insert(Held.begin(), Held.end());
      return;
    }
  At.push_back({Name, std::move(Held)});
}

/// The static lock taken at `Site`, if the site tells. A line that takes
/// several locks (`std::lock_guard a(A); std::lock_guard b(B);`) names the
/// second lock of an edge by the one taken while another of them is held;
/// otherwise it is ambiguous, and names nothing.
const std::string *Merger::lockAt(const SourceSite &Site, bool SecondOfEdge,
                                  bool &Ambiguous) {
  Ambiguous = false;
  auto It = LockAt.find({canonical(Site.File), Site.Line});
  if (It == LockAt.end())
    return nullptr;
  const std::vector<SiteLock> &At = It->second;
  if (At.size() == 1)
    return &At.front().Name;
  const std::string *Pick = nullptr;
  if (SecondOfEdge)
    for (const SiteLock &L : At)
      for (const SiteLock &Other : At)
        if (&Other != &L && L.Held.count(Other.Name)) {
          if (Pick && *Pick != L.Name) {
            Ambiguous = true;
            return nullptr;
          }
          Pick = &L.Name;
        }
  Ambiguous = !Pick;
  return Pick;
}

void Merger::indexStaticSites(const std::vector<TUFacts> &Facts) {
  // Edge witnesses name parameter locks in their callers' terms; take them
  // too, beside every acquisition whose lock has a name of its own.
  const LockGraph &G = Out.Analysis.Graph;
  for (const LockEdge &E : G.edges()) {
    addSiteLock(E.Witness.HeldAt, G.node(E.From).Name, {});
    addSiteLock(E.Witness.AcquiredAt, G.node(E.To).Name, {G.node(E.From).Name});
  }
  for (const TUFacts &TU : Facts) {
    StaticFiles.insert(canonical(TU.MainFile));
    for (const std::string &I : TU.Inputs)
      StaticFiles.insert(canonical(I));
    for (const FunctionFacts &F : TU.Functions) {
      auto NoteHeld = [&](const SourceSite &Site, const std::vector<HeldLock> &Held) {
        for (const HeldLock &H : Held)
          if (H.Lock.Kind != LockKind::Param)
            HeldAt[{canonical(Site.File), Site.Line}].insert(H.Lock.Name);
      };
      for (const Acquisition &A : F.Acquisitions) {
        NoteHeld(A.Site, A.Held);
        if (A.Lock.Kind != LockKind::Param) {
          std::set<std::string> Held;
          for (const HeldLock &H : A.Held)
            Held.insert(H.Lock.Name);
          addSiteLock(A.Site, A.Lock.Name, std::move(Held));
          LocksIn[F.Name].insert(A.Lock.Name);
        }
      }
      for (const CallFact &C : F.Calls)
        NoteHeld(C.Site, C.Held);
    }
  }
}

/// The shim saves one return address per held lock and rebuilds the held
/// stack from the current one. When both acquisitions went through the same
/// out-of-line wrapper (std::mutex::lock at -O0), the saved address is the
/// wrapper's and the rebuilt stack is simply the current one: no evidence
/// of where the held lock was taken.
bool heldStackReliable(const RuntimeEdge &E) {
  if (E.HeldStack.empty() || E.AcquiredStack.empty())
    return false;
  const RuntimeFrame &H = E.HeldStack.front(), &A = E.AcquiredStack.front();
  return H.Module != A.Module || H.Offset != A.Offset;
}

/// Frames in user code, innermost first.
std::vector<SymbolizedFrame> userFrames(std::vector<SymbolizedFrame> Frames) {
  Frames.erase(std::remove_if(Frames.begin(), Frames.end(),
                              [](const SymbolizedFrame &F) { return F.isSystem(); }),
               Frames.end());
  return Frames;
}

std::vector<NamedLock> Merger::nameLocks(const RuntimeReport &R) {
  // Every stack that shows where a lock was taken, the trustworthy first:
  // acquired stacks (of edges, then of the first contended acquisition) are
  // unwound whole at the acquisition; a held stack is
  // rebuilt from one saved return address, which without inlining (-O0)
  // points into std::mutex::lock and so names the wrong caller.
  struct Evidence {
    const RuntimeStack *Stack;
    bool SecondOfEdge; ///< Taken while another lock was held.
  };
  std::vector<std::vector<Evidence>> Stacks(R.Locks.size());
  for (const RuntimeEdge &E : R.Edges)
    Stacks[E.To].push_back({&E.AcquiredStack, true});
  // The first contended acquisition, unwound whole (a lock without edges has
  // only this and its one-frame site).
  for (size_t I = 0; I < R.Locks.size(); ++I)
    if (!R.Locks[I].WaitStack.empty())
      Stacks[I].push_back({&R.Locks[I].WaitStack, false});
  for (const RuntimeFinding &F : R.Findings)
    for (size_t K = 0; K < F.Locks.size() && K < F.Stacks.size(); ++K)
      Stacks[F.Locks[K]].push_back({&F.Stacks[K], false});
  for (size_t I = 0; I < R.Locks.size(); ++I)
    Stacks[I].push_back({&R.Locks[I].Site, false});
  for (const RuntimeEdge &E : R.Edges)
    if (heldStackReliable(E))
      Stacks[E.From].push_back({&E.HeldStack, false});

  std::vector<NamedLock> Names(R.Locks.size());
  for (size_t I = 0; I < R.Locks.size(); ++I) {
    NamedLock &N = Names[I];
    N.Type = R.Locks[I].Type;
    for (const Evidence &Ev : Stacks[I]) {
      if (N.Module.empty() && !Ev.Stack->empty())
        N.Module = Ev.Stack->front().Module;
      for (const SymbolizedFrame &F : Symbolizer.symbolize(*Ev.Stack)) {
        if (F.isSystem())
          continue;
        if (!F.Site.valid()) {
          // No debug info: the first function of the program on the stack
          // names the lock if it takes exactly one lock itself.
          auto It = LocksIn.find(F.Function);
          if (N.UserFunction.empty())
            N.UserFunction = F.Function;
          if (It != LocksIn.end() && It->second.size() == 1) {
            N.Name = *It->second.begin();
            N.Matched = true;
          }
          break;
        }
        if (!N.UserSite.valid())
          N.UserSite = F.Site;
        bool Ambiguous;
        if (const std::string *Name = lockAt(F.Site, Ev.SecondOfEdge, Ambiguous)) {
          N.Name = *Name;
          N.Matched = true;
          N.UserSite = F.Site;
          break;
        }
        if (Ambiguous)
          break; // the acquisition's own line, and it cannot tell

      }
      if (N.Matched)
        break;
    }
  }
  // A lock seen only as the held end of edges (its own stacks said nothing,
  // as at -O0): the static held sets along the stack of the second
  // acquisition name it, when they name exactly one other lock.
  for (const RuntimeEdge &E : R.Edges) {
    NamedLock &N = Names[E.From];
    if (N.Matched || !Names[E.To].Matched)
      continue;
    std::set<std::string> Candidates;
    for (const SymbolizedFrame &F : Symbolizer.symbolize(E.AcquiredStack))
      if (F.Site.valid()) {
        auto It = HeldAt.find({canonical(F.Site.File), F.Site.Line});
        if (It != HeldAt.end())
          Candidates.insert(It->second.begin(), It->second.end());
      }
    Candidates.erase(Names[E.To].Name);
    if (Candidates.size() == 1) {
      N.Name = *Candidates.begin();
      N.Matched = true;
    }
  }
  for (size_t I = 0; I < R.Locks.size(); ++I) {
    NamedLock &N = Names[I];
    if (!N.Matched)
      N.Name = N.UserSite.valid()        ? N.Type + "@" + shortSite(N.UserSite)
               : !N.UserFunction.empty() ? N.Type + "@" + N.UserFunction
                                         : R.Locks[I].Name;
    LocksByName.try_emplace(N.Name, N);
  }
  return Names;
}

/// The functions of user code on a run's stack, outermost first.
std::string Merger::callPath(const RuntimeStack &Stack) {
  std::vector<SymbolizedFrame> User = userFrames(Symbolizer.symbolize(Stack));
  std::string Path;
  for (size_t I = User.size(); I-- > 0;) {
    if (I + 1 < User.size() && User[I].Function == User[I + 1].Function)
      continue; // one function, several lines (inlined code)
    Path += (Path.empty() ? "" : " -> ") + User[I].Function;
  }
  return Path;
}

/// The run's witness in static vocabulary: where the held lock was taken,
/// the calls from the function holding it (the deepest frame both stacks
/// share) down to the second acquisition, and that acquisition.
EdgeWitness Merger::witness(const RuntimeEdge &E) {
  std::vector<SymbolizedFrame> Held;
  if (heldStackReliable(E))
    Held = userFrames(Symbolizer.symbolize(E.HeldStack));
  std::vector<SymbolizedFrame> Acq = userFrames(Symbolizer.symbolize(E.AcquiredStack));
  EdgeWitness W;
  W.HeldMode = E.HeldMode;
  W.AcquiredMode = E.Mode;
  if (Acq.empty())
    return W;
  W.AcquiredAt = Acq.front().Site;
  if (!Held.empty())
    W.HeldAt = Held.front().Site;
  size_t Common = 0;
  while (Common < Held.size() && Common < Acq.size() &&
         Held[Held.size() - 1 - Common].Function == Acq[Acq.size() - 1 - Common].Function)
    ++Common;
  if (Common == 0)
    return W;
  // Acq[Acq.size() - Common] is the holder; each deeper frame is one call.
  for (size_t K = Acq.size() - Common; K-- > 0;)
    W.Chain.push_back({Acq[K].Function, Acq[K + 1].Site});
  return W;
}

void Merger::addRun(const RuntimeReport &R) {
  std::string Program = R.Program.empty() ? R.Path : R.Program;
  Out.Runs.Programs.push_back(Program);
  std::vector<NamedLock> Names = nameLocks(R);
  LockGraph &G = Out.Analysis.Graph;

  std::set<unsigned> InRunCycle;
  for (const RuntimeFinding &F : R.Findings)
    InRunCycle.insert(F.Edges.begin(), F.Edges.end());
  std::vector<int> EdgeIndex(R.Edges.size(), -1);
  std::vector<EdgeWitness> Witnesses(R.Edges.size());
  for (size_t I = 0; I < R.Edges.size(); ++I) {
    const RuntimeEdge &E = R.Edges[I];
    const NamedLock &From = Names[E.From], &To = Names[E.To];
    // An order between two locks of code the static pass never saw (a
    // test framework's, a library's) is noise in the merged graph, unless
    // it is part of a cycle.
    if (!From.Matched && !To.Matched && !InRunCycle.count(unsigned(I)))
      continue;
    Witnesses[I] = witness(E);
    if (From.Name == To.Name)
      continue; // two instances of one lock class: no graph edge
    auto Add = [&](const NamedLock &N) {
      LockRef L;
      L.Name = N.Name;
      L.Type = N.Type;
      return G.addLock(L);
    };
    LockId F = Add(From), T = Add(To);
    int Existing = G.findEdge(F, T);
    if (Existing < 0) {
      G.addEdge(F, T, Witnesses[I]);
      Existing = G.findEdge(F, T);
      Out.Runs.EdgeOrigins.resize(G.edges().size());
    }
    EdgeIndex[I] = Existing;
    EdgeOrigin &O = Out.Runs.EdgeOrigins[Existing];
    if (!O.Runtime) {
      O.Runtime = true;
      O.Program = Program;
      O.Thread = E.Thread;
      O.RuntimeWitness = Witnesses[I];
    }
  }

  for (const RuntimeFinding &F : R.Findings) {
    if (F.Locks.empty())
      continue; // names nothing to merge (the shim never writes one)
    if (F.Check == "lock-order-inversion") {
      if (F.Edges.empty())
        continue;
      // A gated cycle cannot deadlock (docs/runtime.md): nothing to merge.
      if (std::count(F.Tags.begin(), F.Tags.end(), "gated"))
        continue;
      RunCycle C;
      C.Program = Program;
      for (unsigned L : F.Locks)
        C.Names.push_back(Names[L].Name);
      C.Key = C.Names;
      std::sort(C.Key.begin(), C.Key.end());
      C.Key.erase(std::unique(C.Key.begin(), C.Key.end()), C.Key.end());
      for (unsigned E : F.Edges) {
        C.Edges.push_back(EdgeIndex[E]);
        C.Pairs.push_back({Names[R.Edges[E].From].Name, Names[R.Edges[E].To].Name});
        C.Witnesses.push_back(Witnesses[E]);
        C.Paths.push_back(callPath(R.Edges[E].AcquiredStack));
      }
      C.Tags = F.Tags;
      bool Seen = std::any_of(Cycles.begin(), Cycles.end(),
                              [&](const RunCycle &O) { return O.Key == C.Key; });
      if (!Seen)
        Cycles.push_back(std::move(C));
    } else if (F.Check != "global-lock") {
      // double-lock, live-deadlock and every misuse check (unlock-not-held, ...).
      RunHazard H;
      H.Check = F.Check;
      H.Message = F.Message;
      H.Program = Program;
      for (size_t K = 0; K < F.Locks.size(); ++K) {
        H.Names.push_back(Names[F.Locks[K]].Name);
        std::vector<SymbolizedFrame> User =
            K < F.Stacks.size() ? userFrames(Symbolizer.symbolize(F.Stacks[K]))
                                : std::vector<SymbolizedFrame>();
        H.Sites.push_back(User.empty() ? Names[F.Locks[K]].UserSite : User.front().Site);
      }
      // Every run of one test binary reports the same hazard: keep the first.
      bool Seen = std::any_of(Hazards.begin(), Hazards.end(), [&](const RunHazard &O) {
        return O.Check == H.Check && O.Names == H.Names;
      });
      if (!Seen)
        Hazards.push_back(std::move(H));
    }
    // global-lock: from R.GlobalLock below, with its figures.
  }

  if (R.GlobalLock) {
    const RuntimeGlobalLock &GL = *R.GlobalLock;
    MeasuredGlobalLock M;
    M.Lock = Names[GL.Lock].Name;
    M.Program = Program;
    M.Kind = GL.Kind;
    M.Share = GL.Share;
    M.WaitShare = GL.WaitShare;
    M.ThreadsWaiting = GL.ThreadsWaiting;
    M.EffectiveParallelism = GL.EffectiveParallelism;
    Out.Runs.GlobalLocks.push_back(std::move(M));
  }

  for (const RuntimeContention &C : R.Contention) {
    const NamedLock &N = Names[C.Lock];
    ContentionRow &Row = Contention[N.Name];
    Row.Lock = N.Name;
    if (!Row.Site.valid())
      Row.Site = N.UserSite;
    Row.Acquisitions += C.Acquisitions;
    Row.Contended += C.Contended;
    Row.WaitNsTotal += C.WaitNsTotal;
    Row.WaitNsMax = std::max(Row.WaitNsMax, C.WaitNsMax);
    Row.HoldNsTotal += C.HoldNsTotal;
    Row.HoldSamples += C.HoldSamples;
    Row.CondWaits += C.CondWaits;
    Row.CondWaitNsTotal += C.CondWaitNsTotal;
    Row.Threads = std::max(Row.Threads, C.Threads);
    ++Row.Runs;
  }
}

/// One sentence on why the static pass has no edge `EdgeInCycle` of C.
std::string Merger::whyMissed(const RunCycle &C, size_t EdgeInCycle) {
  const auto &[From, To] = C.Pairs[EdgeInCycle];
  for (const std::string *Name : {&From, &To}) {
    auto It = LocksByName.find(*Name);
    if (It == LocksByName.end() || It->second.Matched)
      continue;
    const NamedLock &N = It->second;
    if (!N.UserSite.valid() && Symbolizer.unreadable(N.Module))
      return "the run's binary '" + N.Module + "' could not be read to symbolize the stacks of " +
             quoted(*Name);
    if (!N.UserSite.valid())
      return "the run's stacks for " + quoted(*Name) +
             " have no file:line (build the program with -g)";
    std::string Where = N.UserSite.File + ":" + std::to_string(N.UserSite.Line);
    if (!StaticFiles.count(canonical(N.UserSite.File)))
      return Where + " is not in the compilation database the static pass read";
    return "the static pass saw no lock taken at " + Where +
           ": the lock is reached through a pointer or reference it could not follow";
  }
  if (C.Edges[EdgeInCycle] >= 0 && Out.Runs.EdgeOrigins[C.Edges[EdgeInCycle]].Static)
    return ""; // the static pass has this edge
  if (From == To)
    return "the static pass did not see two instances of " + quoted(From) +
           " taken nested (their objects come through pointers it could not follow)";
  return "the static pass never saw " + quoted(To) + " taken while " + quoted(From) +
         " is held: the run's path " + C.Paths[EdgeInCycle] +
         " includes a call it could not follow (a function pointer, or a virtual call "
         "without a visible override)";
}

void Merger::classifyStatic(Finding &F) {
  bool HaveRuns = !Out.Runs.Programs.empty();
  if (F.Check == "lock-order-inversion" || F.Check == "instance-order") {
    std::vector<std::string> Key = F.LockNames;
    std::sort(Key.begin(), Key.end());
    Key.erase(std::unique(Key.begin(), Key.end()), Key.end());
    auto It = std::find_if(Cycles.begin(), Cycles.end(),
                           [&](const RunCycle &C) { return C.Key == Key && !C.Used; });
    if (It != Cycles.end()) {
      It->Used = true;
      ++Out.Runs.Confirmed;
      F.Tags.push_back(TagConfirmed);
      F.Message += " (confirmed at run time)";
      const EdgeWitness &W = It->Witnesses.back();
      F.Notes.push_back({W.AcquiredAt.valid() ? W.AcquiredAt : F.Site,
                         "a run formed this cycle: " + It->Program});
      return;
    }
    if (!HaveRuns)
      return;
    ++Out.Runs.StaticOnly;
    F.Tags.push_back(TagStaticOnly);
    F.Message += " (static only: no run formed it)";
    // Which edges no run formed, and the functions that form them.
    std::vector<std::string> Functions, Missing;
    for (unsigned E : F.Edges) {
      if (E < Out.Runs.EdgeOrigins.size() && Out.Runs.EdgeOrigins[E].Runtime)
        continue;
      const LockEdge &Edge = Out.Analysis.Graph.edges()[E];
      Missing.push_back(quoted(Out.Analysis.Graph.node(Edge.From).Name) + " -> " +
                        quoted(Out.Analysis.Graph.node(Edge.To).Name));
      std::string Fn = hazardSite(Edge.Witness).Function;
      if (!Fn.empty() && std::find(Functions.begin(), Functions.end(), Fn) == Functions.end())
        Functions.push_back(Fn);
    }
    std::string Text;
    if (Missing.empty()) {
      Text = "every edge of this cycle was seen at run time, but never on lock instances "
             "that close it";
    } else {
      Text = "no run took ";
      for (size_t I = 0; I < Missing.size(); ++I)
        Text += (I ? ", " : "") + Missing[I];
      Text += "; to exercise the cycle a test must call ";
      for (size_t I = 0; I < Functions.size(); ++I)
        Text += (I ? (I + 1 == Functions.size() ? " and " : ", ") : "") + quoted(Functions[I]);
      Text += Functions.size() > 1 ? " on different threads" : " from two threads";
    }
    F.Notes.push_back({F.Site, Text});
    return;
  }
  if (F.Check == "double-lock" && !F.LockNames.empty()) {
    for (RunHazard &H : Hazards)
      if (!H.Used && H.Check == "double-lock" && H.Names.front() == F.LockNames.front()) {
        H.Used = true;
        F.Tags.push_back(TagConfirmed);
        F.Message += " (confirmed at run time)";
        F.Notes.push_back({H.Sites.front().valid() ? H.Sites.front() : F.Site,
                           "a run re-acquired it: " + H.Program});
        return;
      }
    return;
  }
  if (F.Check == "global-lock" && !F.LockNames.empty()) {
    for (MeasuredGlobalLock &M : Out.Runs.GlobalLocks)
      if (M.Lock == F.LockNames.front()) {
        F.Tags.push_back(TagConfirmed);
        F.Message += " (measured: it serialized a run)";
        F.Notes.push_back({F.Site, "in " + M.Program + " it was " +
                                       (M.Kind == "condvar" ? "busy " : "held ") +
                                       percent(M.Share) + " of the wall time while " +
                                       std::to_string(M.ThreadsWaiting) +
                                       " threads waited; effective parallelism " +
                                       fixed2(M.EffectiveParallelism)});
        M.Static = true; // reported with this finding, not on its own
        return;
      }
    if (HaveRuns) {
      F.Tags.push_back(TagStaticOnly);
      F.Message += " (static hot spot; no run measured it serializing)";
    }
  }
}

void Merger::addRuntimeOnlyCycle(RunCycle &C) {
  ++Out.Runs.RuntimeOnly;
  const LockGraph &G = Out.Analysis.Graph;
  Finding F;
  F.Check = C.Key.size() == 1 ? "instance-order" : "lock-order-inversion";
  std::string Path;
  for (const std::string &N : C.Names)
    Path += quoted(N) + " -> ";
  Path += quoted(C.Names.front());
  F.Message = (C.Key.size() == 1
                   ? "potential deadlock: instances of " + quoted(C.Key.front()) +
                         " taken in both orders"
                   : "potential deadlock: lock-order cycle " + Path) +
              " (runtime only: seen in " + C.Program + ")";
  const EdgeWitness &Last = C.Witnesses.back();
  F.Site = hazardSite(Last);
  for (size_t I = 0; I < C.Pairs.size(); ++I) {
    for (Note &N : explainEdge(quoted(C.Pairs[I].first), quoted(C.Pairs[I].second),
                               C.Witnesses[I]))
      F.Notes.push_back(std::move(N));
    if (Out.Runs.HaveStatic)
      if (std::string Why = whyMissed(C, I); !Why.empty())
        F.Notes.push_back({C.Witnesses[I].AcquiredAt, "not found statically: " + Why});
  }
  for (const std::string &N : C.Key)
    if (int L = G.findLock(N); L >= 0)
      F.Locks.push_back(LockId(L));
  for (int E : C.Edges)
    if (E >= 0)
      F.Edges.push_back(unsigned(E));
  F.LockNames = C.Names;
  F.Tags = C.Tags;
  F.Tags.push_back(TagRuntimeOnly);
  F.Id = cycleFindingId(F.Check, C.Names);
  Out.Findings.push_back(std::move(F));
}

/// The graph node of a lock a finding names, added if no edge has it, so
/// every finding's `Locks` resolve in the report.
LockId Merger::nodeFor(const std::string &Name) {
  LockRef L;
  L.Name = Name;
  auto It = LocksByName.find(Name);
  if (It != LocksByName.end())
    L.Type = It->second.Type;
  return Out.Analysis.Graph.addLock(L);
}

MergedReport Merger::finish() {
  for (Finding &F : StaticFindings) {
    classifyStatic(F);
    Out.Findings.push_back(std::move(F));
  }
  for (RunCycle &C : Cycles)
    if (!C.Used)
      addRuntimeOnlyCycle(C);
  for (RunHazard &H : Hazards) {
    if (H.Used)
      continue;
    Finding F;
    F.Check = H.Check;
    F.Message = (H.Check == "double-lock"     ? "double lock: "
                 : H.Check == "live-deadlock" ? "deadlock: "
                                              : "lock misuse: ") +
                H.Message +
                " (" + quoted(H.Names.front()) + ", runtime only: seen in " + H.Program + ")";
    F.Site = H.Sites.front();
    for (size_t K = 0; K < H.Names.size(); ++K)
      F.Notes.push_back({H.Sites[K], quoted(H.Names[K]) + " taken here"});
    F.LockNames = H.Names;
    for (const std::string &N : H.Names)
      F.Locks.push_back(nodeFor(N));
    F.Tags.push_back(TagRuntimeOnly);
    std::vector<std::string> Parts = H.Names;
    Parts.insert(Parts.begin(), H.Check);
    F.Id = stableId(Parts);
    Out.Findings.push_back(std::move(F));
  }
  for (MeasuredGlobalLock &M : Out.Runs.GlobalLocks) {
    if (M.Static)
      continue;
    Finding F;
    F.Check = "global-lock";
    F.Message = "one lock serializes the program: " + quoted(M.Lock) + " was " +
                (M.Kind == "condvar" ? "busy " : "held ") + percent(M.Share) +
                " of the wall time while " + std::to_string(M.ThreadsWaiting) +
                " threads waited; effective parallelism " + fixed2(M.EffectiveParallelism) +
                " (measured in " + M.Program + ")";
    auto It = LocksByName.find(M.Lock);
    if (It != LocksByName.end())
      F.Site = It->second.UserSite;
    F.LockNames = {M.Lock};
    F.Locks.push_back(nodeFor(M.Lock));
    F.Tags.push_back(Out.Runs.HaveStatic ? TagRuntimeOnly : "measured");
    F.Id = stableId({F.Check, M.Lock});
    Out.Findings.push_back(std::move(F));
  }

  std::stable_sort(Out.Findings.begin(), Out.Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Site.File, A.Site.Line, A.Site.Column, A.Check) <
                            std::tie(B.Site.File, B.Site.Line, B.Site.Column, B.Check);
                   });
  for (auto &[Name, Row] : Contention)
    Out.Runs.Contention.push_back(Row);
  std::stable_sort(Out.Runs.Contention.begin(), Out.Runs.Contention.end(),
                   [](const ContentionRow &A, const ContentionRow &B) {
                     return std::tie(B.WaitNsTotal, B.Contended, B.Acquisitions) <
                            std::tie(A.WaitNsTotal, A.Contended, A.Acquisitions);
                   });
  return std::move(Out);
}

} // namespace

MergedReport mergeReports(ProgramAnalysis Static, std::vector<Finding> StaticFindings,
                          const std::vector<TUFacts> &Facts,
                          const std::vector<RuntimeReport> &Runs,
                          StackSymbolizer &Symbolizer) {
  Merger M(std::move(Static), std::move(StaticFindings), Facts, Symbolizer);
  for (const RuntimeReport &R : Runs)
    M.addRun(R);
  return M.finish();
}

} // namespace lockgraph
