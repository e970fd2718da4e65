//===- report/TextReport.cpp ----------------------------------------------===//
#include "report/Report.h"

namespace lockgraph {

static void writeLocation(llvm::raw_ostream &OS, const SourceSite &S) {
  if (!S.valid()) {
    OS << "<unknown>: ";
    return;
  }
  OS << S.File << ":" << S.Line << ":" << S.Column << ": ";
}

void writeTextReport(llvm::raw_ostream &OS, const std::vector<Finding> &Findings) {
  for (const Finding &F : Findings) {
    writeLocation(OS, F.Site);
    OS << "warning: " << F.Message << " [lockgraph-" << F.Check << "]\n";
    for (const Note &N : F.Notes) {
      writeLocation(OS, N.Site);
      OS << "note: " << N.Message << "\n";
    }
  }
}

} // namespace lockgraph
