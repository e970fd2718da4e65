//===- report/JsonReport.cpp ----------------------------------------------===//
#include "report/Report.h"

#include "llvm/Support/JSON.h"

namespace lockgraph {

/// A site, or null where a run's witness has none (no debug info, or the
/// held lock's stack not known).
static void writeSite(llvm::json::OStream &J, const SourceSite &S) {
  if (!S.valid() && S.File.empty()) {
    J.value(nullptr);
    return;
  }
  J.object([&] {
    J.attribute("file", S.File);
    J.attribute("line", S.Line);
    J.attribute("column", S.Column);
    if (!S.Function.empty())
      J.attribute("function", S.Function);
  });
}

static void writeWitness(llvm::json::OStream &J, const EdgeWitness &W) {
  J.object([&] {
    J.attributeBegin("held_at");
    writeSite(J, W.HeldAt);
    J.attributeEnd();
    J.attributeBegin("acquired_at");
    writeSite(J, W.AcquiredAt);
    J.attributeEnd();
    J.attribute("held_mode", modeName(W.HeldMode));
    J.attribute("mode", modeName(W.AcquiredMode));
    auto WriteSteps = [&](const char *Name, const std::vector<ChainStep> &Steps) {
      J.attributeArray(Name, [&] {
        for (const ChainStep &S : Steps)
          J.object([&] {
            J.attribute("callee", S.Callee);
            if (!S.Definition.empty())
              J.attribute("definition", S.Definition);
            J.attributeBegin("site");
            writeSite(J, S.Site);
            J.attributeEnd();
          });
      });
    };
    WriteSteps("chain", W.Chain);
    WriteSteps("context", W.Context);
  });
}

static const char *originName(const EdgeOrigin &O) {
  return O.Static && O.Runtime ? "both" : O.Runtime ? "runtime" : "static";
}

static void writeRunEvidence(llvm::json::OStream &J, const RunEvidence &R) {
  J.attributeObject("classification", [&] {
    J.attribute("confirmed", R.Confirmed);
    J.attribute("static_only", R.StaticOnly);
    J.attribute("runtime_only", R.RuntimeOnly);
  });
  J.attributeArray("contention", [&] {
    for (const ContentionRow &C : R.Contention)
      J.object([&] {
        J.attribute("lock", C.Lock);
        if (C.Site.valid()) {
          J.attributeBegin("site");
          writeSite(J, C.Site);
          J.attributeEnd();
        }
        J.attribute("acquisitions", int64_t(C.Acquisitions));
        J.attribute("contended", int64_t(C.Contended));
        J.attribute("wait_ns_total", int64_t(C.WaitNsTotal));
        J.attribute("wait_ns_max", int64_t(C.WaitNsMax));
        J.attribute("hold_ns_total", int64_t(C.HoldNsTotal));
        J.attribute("hold_samples", int64_t(C.HoldSamples));
        J.attribute("threads", C.Threads);
        J.attribute("cond_waits", int64_t(C.CondWaits));
        J.attribute("cond_wait_ns_total", int64_t(C.CondWaitNsTotal));
        J.attribute("runs", C.Runs);
      });
  });
  J.attributeArray("global_locks", [&] {
    for (const MeasuredGlobalLock &G : R.GlobalLocks)
      J.object([&] {
        J.attribute("lock", G.Lock);
        J.attribute("program", G.Program);
        J.attribute("kind", G.Kind);
        J.attribute("share", G.Share);
        J.attribute("wait_share", G.WaitShare);
        J.attribute("threads_waiting", G.ThreadsWaiting);
        J.attribute("effective_parallelism", G.EffectiveParallelism);
        J.attribute("static", G.Static);
      });
  });
}

void writeJsonReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings, const RunEvidence *Runs) {
  llvm::json::OStream J(OS, 2);
  const LockGraph &G = A.Graph;
  J.object([&] {
    J.attribute("format", "lockgraph-report");
    J.attribute("version", ReportFormatVersion);
    J.attributeObject("producer", [&] {
      J.attribute("side", Runs ? "merged" : "static");
      J.attribute("tool", "lockgraph " LOCKGRAPH_VERSION);
      if (Runs)
        J.attributeArray("runs", [&] {
          for (const std::string &P : Runs->Programs)
            J.value(P);
        });
    });
    J.attributeObject("stats", [&] {
      J.attribute("translation_units", A.Stats.TranslationUnits);
      J.attribute("functions", A.Stats.Functions);
      J.attribute("acquisitions", A.Stats.Acquisitions);
      J.attribute("calls", A.Stats.Calls);
      J.attribute("unresolved_calls", A.Stats.UnresolvedCalls);
      J.attribute("indirect_calls_resolved", A.Stats.IndirectCallsResolved);
      J.attribute("indirect_calls_unresolved", A.Stats.IndirectCallsUnresolved);
    });
    J.attributeArray("locks", [&] {
      for (LockId I = 0; I < G.nodes().size(); ++I)
        J.object([&] {
          const LockNode &N = G.node(I);
          J.attribute("id", I);
          J.attribute("name", N.Name);
          J.attribute("kind", kindName(N.Kind));
          J.attribute("type", N.Type);
          J.attribute("recursive", N.Recursive);
        });
    });
    J.attributeArray("edges", [&] {
      for (unsigned I = 0; I < G.edges().size(); ++I)
        J.object([&] {
          const LockEdge &E = G.edges()[I];
          J.attribute("from", E.From);
          J.attribute("to", E.To);
          J.attributeBegin("witness");
          writeWitness(J, E.Witness);
          J.attributeEnd();
          if (!Runs || I >= Runs->EdgeOrigins.size())
            return;
          const EdgeOrigin &O = Runs->EdgeOrigins[I];
          J.attribute("origin", originName(O));
          if (O.Runtime && O.Static) {
            J.attributeBegin("runtime_witness");
            writeWitness(J, O.RuntimeWitness);
            J.attributeEnd();
          }
          if (O.Runtime) {
            J.attribute("program", O.Program);
            J.attribute("thread", O.Thread);
          }
        });
    });
    J.attributeArray("findings", [&] {
      for (const Finding &F : Findings)
        J.object([&] {
          J.attribute("check", F.Check);
          J.attribute("id", F.Id);
          J.attribute("severity", "warning");
          J.attribute("message", F.Message);
          J.attributeBegin("location");
          writeSite(J, F.Site);
          J.attributeEnd();
          J.attributeArray("locks", [&] {
            for (LockId L : F.Locks)
              J.value(L);
          });
          J.attributeArray("edges", [&] {
            for (unsigned E : F.Edges)
              J.value(E);
          });
          J.attributeArray("notes", [&] {
            for (const Note &N : F.Notes)
              J.object([&] {
                J.attribute("message", N.Message);
                J.attributeBegin("location");
                writeSite(J, N.Site);
                J.attributeEnd();
              });
          });
          J.attributeArray("tags", [&] {
            for (const std::string &T : F.Tags)
              J.value(T);
          });
        });
    });
    if (Runs)
      writeRunEvidence(J, *Runs);
  });
  OS << "\n";
}

} // namespace lockgraph
