//===- report/DotReport.cpp -----------------------------------------------===//
#include "report/Report.h"

#include "llvm/Support/Path.h"

#include <set>

namespace lockgraph {

static std::string escape(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out;
}

void writeDotReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                    const std::vector<Finding> &Findings, const RunEvidence *Runs) {
  std::set<unsigned> CycleEdges;
  for (const Finding &F : Findings)
    CycleEdges.insert(F.Edges.begin(), F.Edges.end());
  const LockGraph &G = A.Graph;
  OS << "digraph lockgraph {\n  node [shape=box, fontname=\"monospace\"];\n";
  for (LockId I = 0; I < G.nodes().size(); ++I)
    OS << "  n" << I << " [label=\"" << escape(G.node(I).Name) << "\"];\n";
  for (unsigned I = 0; I < G.edges().size(); ++I) {
    const LockEdge &E = G.edges()[I];
    const SourceSite &S = E.Witness.AcquiredAt;
    OS << "  n" << E.From << " -> n" << E.To << " [label=\"";
    if (S.valid()) // a run's witness without debug info has no site
      OS << escape(llvm::sys::path::filename(S.File).str()) << ":" << S.Line;
    OS << "\"";
    if (CycleEdges.count(I))
      OS << ", color=red, penwidth=2";
    if (Runs && I < Runs->EdgeOrigins.size() && !Runs->EdgeOrigins[I].Static)
      OS << ", style=dashed"; // only a run saw it
    OS << "];\n";
  }
  OS << "}\n";
}

} // namespace lockgraph
