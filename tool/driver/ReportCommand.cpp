//===- driver/ReportCommand.cpp - `lockgraph report` ----------------------===//
//
//   lockgraph report [--static <facts file or dir>...]
//                    [--runtime <report.json or dir>...] [--format=...]
//
// Joins what the static pass saved (`--emit-facts`) with any number of
// runtime shim reports (several test binaries, several runs) into one lock
// graph and one list of findings, classified by which side saw them
// (merge/MergeReports.h). Filters and formats are the analysis's own
// (--checks, NOLINT, --suppressions, --baseline, --format, -o).
//
// Exit status: 1 when findings remain, else 0; 2 when an input could not be
// read. An unreadable runtime report (a run killed while writing it) is
// named on stderr and the others are still merged and reported, so one bad
// run loses nothing but itself; the exit status is then 2.
//
//===----------------------------------------------------------------------===//
#include "driver/Driver.h"
#include "driver/Extraction.h"
#include "findings/ComputeFindings.h"
#include "merge/MergeReports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <algorithm>

namespace cl = llvm::cl;

namespace lockgraph {

cl::SubCommand ReportCommand("report",
                             "Merge saved static facts and runtime reports into one report");

namespace {

cl::list<std::string> StaticInputs("static",
                                   cl::desc("Facts files of the static pass, or folders of "
                                            "them (lockgraph --emit-facts <dir>)"),
                                   cl::value_desc("file or dir"), cl::cat(Category),
                                   cl::sub(ReportCommand));
cl::list<std::string> RuntimeInputs("runtime",
                                    cl::desc("Runtime shim reports (LOCKGRAPH_OPTIONS="
                                             "report=...), or folders of *.json reports"),
                                    cl::value_desc("file or dir"), cl::cat(Category),
                                    cl::sub(ReportCommand));

/// Every report a --runtime argument names: the file, or a folder's *.json
/// files in name order (so the output does not depend on the file system).
std::vector<std::string> runtimeReportPaths() {
  std::vector<std::string> Paths;
  for (const std::string &Input : RuntimeInputs) {
    if (!llvm::sys::fs::is_directory(Input)) {
      if (!llvm::sys::fs::exists(Input))
        fail("no such runtime report: '" + Input + "'");
      Paths.push_back(Input);
      continue;
    }
    std::vector<std::string> InDir;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Input, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::sys::path::extension(It->path()) == ".json")
        InDir.push_back(It->path());
    if (EC)
      fail("cannot read folder '" + Input + "': " + EC.message());
    std::sort(InDir.begin(), InDir.end());
    Paths.insert(Paths.end(), InDir.begin(), InDir.end());
  }
  return Paths;
}

} // namespace

int runReportCommand() {
  if (StaticInputs.empty() && RuntimeInputs.empty())
    fail("nothing to report; usage: lockgraph report [--static <facts>...] "
         "[--runtime <report.json>...]");
  for (const std::string &Input : StaticInputs)
    if (!llvm::sys::fs::exists(Input))
      fail("no such facts file or folder: '" + Input + "'");

  bool Unreadable = false;
  std::vector<TUFacts> Facts;
  if (!StaticInputs.empty()) {
    ExtractionResult R = readAllFacts({StaticInputs.begin(), StaticInputs.end()});
    if (R.Facts.empty())
      fail("no facts file could be read from the --static inputs");
    Unreadable |= R.Failed != 0;
    Facts = std::move(R.Facts);
  }

  std::vector<RuntimeReport> Runs;
  for (const std::string &Path : runtimeReportPaths()) {
    llvm::Expected<RuntimeReport> R = readRuntimeReport(Path);
    if (!R) {
      llvm::errs() << "lockgraph: error: " << llvm::toString(R.takeError()) << "\n";
      Unreadable = true;
      continue;
    }
    Runs.push_back(std::move(*R));
  }
  if (!RuntimeInputs.empty() && Runs.empty() && StaticInputs.empty())
    fail("no runtime report could be read");

  ProgramAnalysis Static = analyzeProgram(Facts, analysisOptions(setUpProject("")));
  std::vector<Finding> StaticFindings =
      Facts.empty() ? std::vector<Finding>() : selectFindings(computeFindings(Static));

  StackSymbolizer Symbolizer;
  MergedReport Merged =
      mergeReports(std::move(Static), std::move(StaticFindings), Facts, Runs, Symbolizer);
  std::vector<Finding> Findings = filterFindings(selectFindings(std::move(Merged.Findings)));
  writeReport(Merged.Analysis, Findings, &Merged.Runs);

  llvm::outs().flush(); // the report before the summary, when both go to one log
  if (!quiet())
    llvm::errs() << "lockgraph: " << Findings.size()
                 << (Findings.size() == 1 ? " finding" : " findings")
                 << (Findings.empty() ? "" : fmt::format(" ({})", findingCountsByCheck(Findings)))
                 << " from "
                 << Facts.size() << " translation units and " << Runs.size()
                 << (Runs.size() == 1 ? " run" : " runs") << " (cycles: "
                 << Merged.Runs.Confirmed << " confirmed, " << Merged.Runs.StaticOnly
                 << " static only, " << Merged.Runs.RuntimeOnly << " runtime only)\n";
  if (Unreadable)
    return ExitUsage;
  return Findings.empty() ? ExitClean : ExitFindings;
}

} // namespace lockgraph
