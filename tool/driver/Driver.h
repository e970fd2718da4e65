//===- driver/Driver.h - Pieces of the `lockgraph` command ----------------===//
//
// The command is split by concern: LockgraphMain.cpp reads the compilation
// database and runs extraction and analysis; ReportOutput.cpp owns what
// happens to the findings after that (the project's config file, filters
// such as suppressions files and baselines, and the output formats), with
// its own command-line options; ReportCommand.cpp is `lockgraph report`,
// which merges saved facts and runtime reports instead of parsing.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_DRIVER_H
#define LOCKGRAPH_DRIVER_DRIVER_H

#include "analysis/ProgramAnalysis.h"
#include "config/Config.h"
#include "findings/Finding.h"
#include "merge/RunEvidence.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"

#include <string>
#include <vector>

namespace lockgraph {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitUsage = 2 };

/// Every option of the command lives in this category.
extern llvm::cl::OptionCategory Category;

/// Prints `lockgraph: error: <Message>` and exits with ExitUsage.
[[noreturn]] void fail(const llvm::Twine &Message);

/// Reads the project's config: `--config-file`, else the nearest
/// `.lockgraph.yaml` in the directory of `FirstSource` or its parents (the
/// current directory when empty), as clang-tidy finds `.clang-tidy`. Also
/// loads the suppressions and baseline files it or the command line names.
/// Call it before the analysis, so that a bad file stops the run (exit 2)
/// before any parsing; the config's other settings are for the analysis.
/// The command line wins: a caller applies `Config::Checks` only when
/// `--checks` was not given.
const Config &setUpProject(llvm::StringRef FirstSource);

/// Drops findings the user asked not to see (beyond NOLINT and --checks):
/// those a suppressions file matches, then those in the baseline. With
/// `--write-baseline`, first writes what is left as the new baseline, which
/// accepts all of it (nothing is reported). Calls setUpProject("") if the
/// caller did not.
std::vector<Finding> filterFindings(std::vector<Finding> Findings);

/// Keeps the findings of the checks --checks (or the config) enables that
/// no NOLINT comment silences.
std::vector<Finding> selectFindings(std::vector<Finding> Findings);

/// Writes the report in the requested format to the requested place; `Runs`
/// for a merged report (`lockgraph report`).
void writeReport(const ProgramAnalysis &Analysis, const std::vector<Finding> &Findings,
                 const RunEvidence *Runs = nullptr);

/// `27 blocking-under-lock, 9 double-lock, ...` for the summary line: the
/// count of each check, the most frequent first, ties by name; "" when none.
std::string findingCountsByCheck(const std::vector<Finding> &Findings);

/// `, 5 calls through pointers resolved, 2 not followed` for the summary
/// line (driver/PointerCalls.cpp); "" when the program makes none.
std::string pointerCallCounts(const AnalysisStats &Stats);

/// A line saying how many calls through pointers named like lock functions
/// had no known target, and the first of them; "" when none did.
std::string unseenLockCallsNote(const AnalysisStats &Stats);

/// --quiet: no progress and no summary line on stderr.
bool quiet();

/// `lockgraph report ...` (driver/ReportCommand.cpp): set when the command
/// line named it; runReportCommand() then does the whole job.
extern llvm::cl::SubCommand ReportCommand;
int runReportCommand();

} // namespace lockgraph

#endif
