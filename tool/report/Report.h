//===- report/Report.h - Findings and the lock graph, as text/JSON/DOT ----===//
//
// Text: clang's diagnostic form, `file:line:col: warning: ... [lockgraph-x]`
//       with `note:` lines, so editors and CI log parsers read it as is.
// JSON: the versioned report schema shared with the runtime shim
//       (docs/report-format.md): locks, edges with witnesses, findings.
// DOT:  the lock graph for Graphviz, edges of reported cycles in red;
//       in a merged report, edges only a run saw are dashed.
// HTML: one page with the graph, the witnesses, contention and findings.
// SARIF: 2.1.0 for GitHub code scanning and other viewers: a rule per
//       check, a result per finding, notes as related locations and, for
//       cycles, a code flow.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_REPORT_REPORT_H
#define LOCKGRAPH_REPORT_REPORT_H

#include "analysis/ProgramAnalysis.h"
#include "findings/Finding.h"
#include "merge/RunEvidence.h"

#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace lockgraph {

/// The schema version written in every JSON report.
constexpr int ReportFormatVersion = 1;

void writeTextReport(llvm::raw_ostream &OS, const std::vector<Finding> &Findings);
/// After a merged report's diagnostics: the cycle classification and the
/// runs' most contended locks, mutrace style.
void writeTextContention(llvm::raw_ostream &OS, const RunEvidence &Runs);
/// `Runs`, when given (a merged report, merge/MergeReports.h), adds each
/// edge's origin and run witness, the contention and the global locks.
void writeJsonReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings, const RunEvidence *Runs = nullptr);
void writeDotReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                    const std::vector<Finding> &Findings, const RunEvidence *Runs = nullptr);
/// One self-contained page (no network): the lock graph drawn with cycles
/// highlighted and edges that open their witnesses with source excerpts,
/// the contention chart and the findings.
void writeHtmlReport(llvm::raw_ostream &OS, const ProgramAnalysis &A,
                     const std::vector<Finding> &Findings, const RunEvidence *Runs = nullptr);
/// Paths under `SourceRoot` (absolute; normally the current directory) are
/// written relative to it, against the uriBaseId %SRCROOT%.
void writeSarifReport(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                      llvm::StringRef SourceRoot);

} // namespace lockgraph

#endif
