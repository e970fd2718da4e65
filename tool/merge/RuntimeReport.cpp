//===- merge/RuntimeReport.cpp --------------------------------------------===//
#include "merge/RuntimeReport.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace lockgraph {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

/// Every error names the report file, the way FactsJSON's reader does.
class Reader {
public:
  explicit Reader(llvm::StringRef Path) : Path(Path) {}

  llvm::Error error(const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   Path.str().c_str(), What.str().c_str());
  }

  static uint64_t u64(const Object &O, llvm::StringRef Key) {
    if (auto I = O.getInteger(Key))
      return *I < 0 ? 0 : uint64_t(*I);
    return 0;
  }

  /// "0x1a2b" (the shim writes addresses and offsets as hex strings).
  static bool hex(const Value *V, uint64_t &Out) {
    auto S = V ? V->getAsString() : std::nullopt;
    if (!S)
      return false;
    llvm::StringRef T = *S;
    if (!T.consume_front("0x"))
      return false;
    return !T.getAsInteger(16, Out);
  }

  static bool mode(const Object &O, llvm::StringRef Key, AcquireMode &Out) {
    auto S = O.getString(Key);
    if (!S)
      return true; // optional: exclusive
    for (AcquireMode M : {AcquireMode::Exclusive, AcquireMode::Shared, AcquireMode::Try})
      if (*S == modeName(M)) {
        Out = M;
        return true;
      }
    return false;
  }

  static bool stack(const Value *V, RuntimeStack &Out) {
    const Array *A = V ? V->getAsArray() : nullptr;
    if (!A)
      return false;
    for (const Value &FV : *A) {
      const Object *F = FV.getAsObject();
      RuntimeFrame Frame;
      auto Module = F ? F->getString("module") : std::nullopt;
      if (!Module || !hex(F->get("offset"), Frame.Offset))
        return false;
      Frame.Module = Module->str();
      if (auto Sym = F->getString("symbol"))
        Frame.Symbol = Sym->str();
      Out.push_back(std::move(Frame));
    }
    return true;
  }

  static bool indices(const Value *V, size_t Limit, std::vector<unsigned> &Out) {
    const Array *A = V ? V->getAsArray() : nullptr;
    if (!A)
      return V == nullptr; // absent: none
    for (const Value &I : *A) {
      auto N = I.getAsInteger();
      if (!N || *N < 0 || size_t(*N) >= Limit)
        return false;
      Out.push_back(unsigned(*N));
    }
    return true;
  }

  llvm::Expected<RuntimeReport> read(const Value &Root);

private:
  llvm::StringRef Path;
};

llvm::Expected<RuntimeReport> Reader::read(const Value &Root) {
  const Object *O = Root.getAsObject();
  if (!O || O->getString("format") != llvm::StringRef("lockgraph-report"))
    return error("not a lockgraph report");
  auto Version = O->getInteger("version");
  if (!Version || *Version != 1)
    return error("report format version " +
                 (Version ? std::to_string(*Version) : std::string("?")) +
                 ", this lockgraph reads version 1");
  const Object *Producer = O->getObject("producer");
  if (!Producer || Producer->getString("side") != llvm::StringRef("runtime"))
    return error("not a runtime report (the static side's reports are merged from "
                 "their facts: pass them with --static)");

  RuntimeReport R;
  R.Path = Path.str();
  if (auto P = Producer->getString("program"))
    R.Program = P->str();
  R.Pid = Producer->getInteger("pid").value_or(0);

  const Array *Locks = O->getArray("locks");
  const Array *Edges = O->getArray("edges");
  const Array *Findings = O->getArray("findings");
  if (!Locks || !Edges || !Findings)
    return error("malformed report: missing locks, edges or findings");
  for (const Value &LV : *Locks) {
    const Object *L = LV.getAsObject();
    auto Name = L ? L->getString("name") : std::nullopt;
    if (!Name)
      return error("malformed report: lock #" + std::to_string(R.Locks.size()));
    RuntimeLock Lock;
    Lock.Name = Name->str();
    Lock.Type = L->getString("type").value_or("").str();
    Lock.ClassKey = L->getString("class_key").value_or("").str();
    if (const Value *Site = L->get("site"); Site && !stack(Site, Lock.Site))
      return error("malformed report: site of lock #" + std::to_string(R.Locks.size()));
    if (const Value *Wait = L->get("wait_stack"); Wait && !stack(Wait, Lock.WaitStack))
      return error("malformed report: wait_stack of lock #" + std::to_string(R.Locks.size()));
    R.Locks.push_back(std::move(Lock));
  }
  for (const Value &EV : *Edges) {
    const Object *E = EV.getAsObject();
    auto From = E ? E->getInteger("from") : std::nullopt;
    auto To = E ? E->getInteger("to") : std::nullopt;
    const Object *W = E ? E->getObject("witness") : nullptr;
    std::string Which = "malformed report: edge #" + std::to_string(R.Edges.size());
    if (!From || !To || !W || *From < 0 || *To < 0 || size_t(*From) >= R.Locks.size() ||
        size_t(*To) >= R.Locks.size())
      return error(Which);
    RuntimeEdge Edge;
    Edge.From = unsigned(*From);
    Edge.To = unsigned(*To);
    Edge.Thread = W->getInteger("thread").value_or(0);
    if (!mode(*W, "mode", Edge.Mode) || !mode(*W, "held_mode", Edge.HeldMode) ||
        (W->get("held_stack") && !stack(W->get("held_stack"), Edge.HeldStack)) ||
        (W->get("acquired_stack") && !stack(W->get("acquired_stack"), Edge.AcquiredStack)))
      return error(Which);
    R.Edges.push_back(std::move(Edge));
  }
  for (const Value &FV : *Findings) {
    const Object *F = FV.getAsObject();
    auto Check = F ? F->getString("check") : std::nullopt;
    std::string Which = "malformed report: finding #" + std::to_string(R.Findings.size());
    if (!Check)
      return error(Which);
    RuntimeFinding Finding;
    Finding.Check = Check->str();
    Finding.Severity = F->getString("severity").value_or("warning").str();
    Finding.Message = F->getString("message").value_or("").str();
    if (!indices(F->get("locks"), R.Locks.size(), Finding.Locks) ||
        !indices(F->get("edges"), R.Edges.size(), Finding.Edges))
      return error(Which);
    if (const Array *Tags = F->getArray("tags"))
      for (const Value &T : *Tags)
        if (auto S = T.getAsString())
          Finding.Tags.push_back(S->str());
    if (const Array *Threads = F->getArray("threads"))
      for (const Value &T : *Threads)
        Finding.Threads.push_back(T.getAsInteger().value_or(0));
    if (const Array *Stacks = F->getArray("stacks"))
      for (const Value &S : *Stacks) {
        Finding.Stacks.emplace_back();
        if (!stack(&S, Finding.Stacks.back()))
          return error(Which);
      }
    R.Findings.push_back(std::move(Finding));
  }
  if (const Array *Rows = O->getArray("contention"))
    for (const Value &RV : *Rows) {
      const Object *Row = RV.getAsObject();
      auto Lock = Row ? Row->getInteger("lock") : std::nullopt;
      if (!Lock || *Lock < 0 || size_t(*Lock) >= R.Locks.size())
        return error("malformed report: contention row #" +
                     std::to_string(R.Contention.size()));
      RuntimeContention C;
      C.Lock = unsigned(*Lock);
      C.Acquisitions = u64(*Row, "acquisitions");
      C.Contended = u64(*Row, "contended");
      C.WaitNsTotal = u64(*Row, "wait_ns_total");
      C.WaitNsMax = u64(*Row, "wait_ns_max");
      C.HoldNsTotal = u64(*Row, "hold_ns_total");
      C.HoldSamples = u64(*Row, "hold_samples");
      C.Threads = unsigned(u64(*Row, "threads"));
      C.CondWaits = u64(*Row, "cond_waits");
      C.CondWaitNsTotal = u64(*Row, "cond_wait_ns_total");
      C.CondTimeouts = u64(*Row, "cond_timeouts");
      R.Contention.push_back(C);
    }
  if (const Object *G = O->getObject("global_lock")) {
    auto Lock = G->getInteger("lock");
    if (!Lock || *Lock < 0 || size_t(*Lock) >= R.Locks.size())
      return error("malformed report: global_lock");
    RuntimeGlobalLock GL;
    GL.Lock = unsigned(*Lock);
    GL.Kind = G->getString("kind").value_or("mutex").str();
    GL.Share = G->getNumber(GL.Kind == "condvar" ? "busy_share" : "held_share").value_or(0);
    GL.WaitShare = G->getNumber("wait_share").value_or(0);
    GL.ThreadsWaiting = unsigned(u64(*G, "threads_waiting"));
    GL.EffectiveParallelism = G->getNumber("effective_parallelism").value_or(0);
    R.GlobalLock = GL;
  }
  R.EdgesTruncated = O->getBoolean("edges_truncated").value_or(false);
  if (const Object *Stats = O->getObject("stats")) {
    R.WallNs = u64(*Stats, "wall_ns");
    R.CpuNs = u64(*Stats, "cpu_ns");
  }
  return R;
}

} // namespace

llvm::Expected<RuntimeReport> parseRuntimeReport(llvm::StringRef Text, llvm::StringRef Path) {
  Reader R(Path);
  llvm::Expected<Value> Root = llvm::json::parse(Text);
  if (!Root)
    return R.error("not a lockgraph report: " + llvm::toString(Root.takeError()));
  return R.read(*Root);
}

llvm::Expected<RuntimeReport> readRuntimeReport(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parseRuntimeReport((*Buf)->getBuffer(), Path);
}

} // namespace lockgraph
