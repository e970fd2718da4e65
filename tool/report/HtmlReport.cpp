//===- report/HtmlReport.cpp ----------------------------------------------===//
#include "report/Report.h"

namespace lockgraph {

void writeHtmlReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings, const RunEvidence *Runs) {
  // Placeholder until the page lands (being written now): never shipped.
  OS << "<!doctype html><title>lockgraph</title>\n";
}

} // namespace lockgraph
