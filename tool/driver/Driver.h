//===- driver/Driver.h - Pieces of the `lockgraph` command ----------------===//
//
// The command is split by concern: LockgraphMain.cpp reads the compilation
// database and runs extraction and analysis; ReportOutput.cpp owns what
// happens to the findings after that (filters such as baselines, and the
// output formats), with its own command-line options.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_DRIVER_H
#define LOCKGRAPH_DRIVER_DRIVER_H

#include "analysis/ProgramAnalysis.h"
#include "findings/Finding.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"

#include <vector>

namespace lockgraph {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

/// Every option of the command lives in this category.
extern llvm::cl::OptionCategory Category;

/// Prints `lockgraph: error: <Message>` and exits with ExitUsage.
[[noreturn]] void fail(const llvm::Twine &Message);

/// Drops findings the user asked not to see (beyond NOLINT and --checks).
std::vector<Finding> filterFindings(std::vector<Finding> Findings);

/// Writes the report in the requested format to the requested place.
void writeReport(const ProgramAnalysis &Analysis, const std::vector<Finding> &Findings);

} // namespace lockgraph

#endif
