//===- report/JsonReport.cpp ----------------------------------------------===//
#include "report/Report.h"

#include "llvm/Support/JSON.h"

namespace lockgraph {

static void writeSite(llvm::json::OStream &J, const SourceSite &S) {
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

void writeJsonReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings) {
  llvm::json::OStream J(OS, 2);
  const LockGraph &G = A.Graph;
  J.object([&] {
    J.attribute("format", "lockgraph-report");
    J.attribute("version", ReportFormatVersion);
    J.attributeObject("producer", [&] {
      J.attribute("side", "static");
      J.attribute("tool", "lockgraph " LOCKGRAPH_VERSION);
    });
    J.attributeObject("stats", [&] {
      J.attribute("translation_units", A.Stats.TranslationUnits);
      J.attribute("functions", A.Stats.Functions);
      J.attribute("acquisitions", A.Stats.Acquisitions);
      J.attribute("calls", A.Stats.Calls);
      J.attribute("unresolved_calls", A.Stats.UnresolvedCalls);
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
      for (const LockEdge &E : G.edges())
        J.object([&] {
          J.attribute("from", E.From);
          J.attribute("to", E.To);
          J.attributeBegin("witness");
          writeWitness(J, E.Witness);
          J.attributeEnd();
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
  });
  OS << "\n";
}

} // namespace lockgraph
