//===- driver/ReportOutput.cpp - Findings -> the requested report ---------===//
//
// The CI side of the command: the project's config file, the suppressions
// file and baseline that decide which findings count, and the output format.
// Command-line flags win over the config file.
//
//===----------------------------------------------------------------------===//
#include "driver/Driver.h"

#include "report/Baseline.h"
#include "report/Report.h"
#include "report/SuppressionsFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

namespace cl = llvm::cl;

namespace lockgraph {
namespace {

// Shared by the analysis and `lockgraph report`.
enum class Format { Text, Json, Dot, Sarif, Html };
cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics (default)"),
               clEnumValN(Format::Json, "json", "versioned JSON report with the lock graph"),
               clEnumValN(Format::Dot, "dot", "the lock graph for Graphviz"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0, for GitHub code scanning"),
               clEnumValN(Format::Html, "html", "one self-contained page: graph, witnesses, "
                                                "contention")),
    cl::cat(Category), cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to <file> instead of stdout"),
                                cl::value_desc("file"), cl::cat(Category),
                                cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> ConfigFile("config-file",
                                cl::desc("Read this config file instead of the nearest "
                                         ".lockgraph.yaml above the first source"),
                                cl::value_desc("file"), cl::cat(Category),
                                cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Report only findings whose id is not in <file> "
                                           "(see --write-baseline)"),
                                  cl::value_desc("file"), cl::cat(Category),
                                  cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> WriteBaselineFile("write-baseline",
                                       cl::desc("Write the ids of the current findings to "
                                                "<file>, accepting them (exit 0)"),
                                       cl::value_desc("file"), cl::cat(Category),
                                       cl::sub(cl::SubCommand::getAll()));
cl::opt<std::string> SuppressionsPath("suppressions",
                                      cl::desc("Drop findings matched by a rule in <file> "
                                               "(check:, lock:, file: globs)"),
                                      cl::value_desc("file"), cl::cat(Category),
                                      cl::sub(cl::SubCommand::getAll()));
cl::opt<bool> Quiet("quiet",
                    cl::desc("Print neither progress nor the summary line on stderr"),
                    cl::cat(Category), cl::sub(cl::SubCommand::getAll()));

/// What setUpProject loaded, for filterFindings.
struct Project {
  Config Cfg;
  std::optional<Baseline> Base;
  std::optional<SuppressionsFile> Suppressions;
};
std::optional<Project> TheProject;

/// The command line's value when given, else the config's.
std::string chooseFile(const cl::opt<std::string> &Flag,
                       const std::optional<std::string> &FromConfig) {
  if (Flag.getNumOccurrences())
    return Flag;
  return FromConfig.value_or("");
}

} // namespace

void fail(const llvm::Twine &Message) {
  llvm::errs() << "lockgraph: error: " << Message << "\n";
  std::exit(ExitUsage);
}

const Config &setUpProject(llvm::StringRef FirstSource) {
  if (TheProject)
    return TheProject->Cfg;
  Project P;
  std::string Path = ConfigFile.empty() ? findConfigFile(FirstSource) : ConfigFile.getValue();
  if (!Path.empty()) {
    llvm::Expected<Config> Cfg = readConfigFile(Path);
    if (!Cfg)
      fail(llvm::toString(Cfg.takeError()));
    P.Cfg = std::move(*Cfg);
  }

  if (std::string File = chooseFile(SuppressionsPath, P.Cfg.Suppressions); !File.empty()) {
    llvm::Expected<SuppressionsFile> S = SuppressionsFile::read(File);
    if (!S)
      fail(llvm::toString(S.takeError()));
    P.Suppressions = std::move(*S);
  }
  // A run that writes the baseline accepts every finding, so the old one is
  // not needed (and need not exist yet, the first time).
  if (std::string File = chooseFile(BaselineFile, P.Cfg.Baseline);
      !File.empty() && WriteBaselineFile.empty()) {
    llvm::Expected<Baseline> B = Baseline::read(File);
    if (!B)
      fail(llvm::toString(B.takeError()));
    P.Base = std::move(*B);
  }
  TheProject = std::move(P);
  return TheProject->Cfg;
}

std::vector<Finding> filterFindings(std::vector<Finding> Findings) {
  setUpProject(""); // a no-op when the caller did it, as it should
  const Project &P = *TheProject;
  std::vector<Finding> Kept;
  for (Finding &F : Findings)
    if (!P.Suppressions || !P.Suppressions->suppresses(F))
      Kept.push_back(std::move(F));

  if (!WriteBaselineFile.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(WriteBaselineFile, EC, llvm::sys::fs::OF_Text);
    if (EC)
      fail("cannot write baseline '" + WriteBaselineFile + "': " + EC.message());
    writeBaseline(OS, Kept);
    // Said even with --quiet: the run reports no finding, and whoever wrote
    // the baseline needs to know what went into it.
    llvm::errs() << "lockgraph: wrote " << Kept.size()
                 << (Kept.size() == 1 ? " finding" : " findings") << " to baseline '"
                 << WriteBaselineFile << "'\n";
    return {};
  }

  if (P.Base)
    Kept.erase(std::remove_if(Kept.begin(), Kept.end(),
                              [&](const Finding &F) { return P.Base->contains(F); }),
               Kept.end());
  return Kept;
}

bool quiet() { return Quiet; }

void writeReport(const ProgramAnalysis &Analysis, const std::vector<Finding> &Findings,
                 const RunEvidence *Runs) {
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(OutputFile, EC);
    if (EC)
      fail("cannot write '" + OutputFile + "': " + EC.message());
  }
  llvm::raw_ostream &OS = File ? *File : llvm::outs();
  switch (OutputFormat) {
  case Format::Text:
    writeTextReport(OS, Findings);
    if (Runs)
      writeTextContention(OS, *Runs);
    break;
  case Format::Json:
    writeJsonReport(OS, Analysis, Findings, Runs);
    break;
  case Format::Dot:
    writeDotReport(OS, Analysis, Findings, Runs);
    break;
  case Format::Html:
    writeHtmlReport(OS, Analysis, Findings, Runs);
    break;
  case Format::Sarif: {
    // Paths under the current directory (a CI job's checkout) become
    // relative, which is what GitHub code scanning expects.
    llvm::SmallString<256> Root;
    if (llvm::sys::fs::current_path(Root))
      Root.clear();
    writeSarifReport(OS, Findings, Root);
    break;
  }
  }
  OS.flush();
}

} // namespace lockgraph
