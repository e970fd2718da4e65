//===- driver/LockgraphMain.cpp - The `lockgraph` command -----------------===//
//
//   lockgraph [options] <source>... [-- <compiler args>]
//   lockgraph -p <build dir> [<source>...]
//
// Parses each translation unit, extracts its lock facts, merges them into
// one lock graph, and reports findings. Exit status: 0 no findings, 1
// findings, 2 could not run as asked (bad arguments, no compilation
// database, a missing file, or no translation unit could be parsed).
//
//===----------------------------------------------------------------------===//
#include "analysis/ProgramAnalysis.h"
#include "extract/ExtractFacts.h"
#include "findings/ComputeFindings.h"
#include "report/Report.h"
#include "report/Suppressions.h"
#include "driver/Driver.h"
#include "driver/Extraction.h"
#include "driver/LinkUnits.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace clang;
using namespace clang::tooling;
using namespace lockgraph;
namespace cl = llvm::cl;

cl::OptionCategory lockgraph::Category("lockgraph options");

namespace {

cl::list<std::string> Sources(cl::Positional, cl::desc("<source>..."),
                              cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("build dir"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Comma-separated globs of checks to run, '-' to "
                                     "remove (default: lockgraph-*)"),
                            cl::init("lockgraph-*"), cl::cat(Category),
                            cl::sub(cl::SubCommand::getAll()));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units parsed at once (default: one per core)"),
                       cl::init(0), cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Reuse facts of unchanged TUs from <dir> (default with "
                                       "-p: <build dir>/.lockgraph-cache)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Parse every TU, read and write no cache"),
                      cl::cat(Category));
cl::opt<std::string> EmitFacts("emit-facts",
                               cl::desc("Also write each TU's facts file into <dir>"),
                               cl::value_desc("dir"), cl::cat(Category));
cl::opt<unsigned> ProgressInterval(
    "progress-interval",
    cl::desc("When stderr is not a terminal (a CI log), print a progress line at most every "
             "<seconds> while parsing (default 5; 0: one per file)"),
    cl::value_desc("seconds"), cl::init(5), cl::cat(Category));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Also print the compiler's warnings on the sources (hidden by "
                               "default, and counted; errors are always printed)"),
                      cl::cat(Category));
cl::opt<std::string> LinkUnitsFile(
    "link-units",
    cl::desc("JSON file from each target (program or library) of the build to its sources, "
             "so calls resolve within the program that links the caller (default with -p: "
             "the CMake File API reply, when the build has one)"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string> FromFacts("from-facts",
                                cl::desc("Analyse saved facts files (or folders of them) "
                                         "instead of parsing sources"),
                                cl::value_desc("file or dir"), cl::cat(Category));

bool checkEnabled(const std::string &Check) {
  bool Enabled = false;
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  llvm::StringRef(Checks).split(Globs, ',', -1, false);
  std::string Name = "lockgraph-" + Check;
  for (llvm::StringRef G : Globs) {
    G = G.trim();
    bool Negative = G.consume_front("-");
    // One '*' at most, as a prefix or suffix wildcard, is what users write.
    bool Match = G == "*" || G == Name ||
                 (G.ends_with("*") && llvm::StringRef(Name).starts_with(G.drop_back()));
    if (Match)
      Enabled = !Negative;
  }
  return Enabled;
}

/// Parses the command line; returns the compile command given after `--`,
/// if any.
std::unique_ptr<CompilationDatabase> parseCommandLine(int &Argc, const char **Argv) {
  std::string Error;
  // Arguments after `--` are the compile command for every source.
  std::unique_ptr<CompilationDatabase> Fixed =
      FixedCompilationDatabase::loadFromCommandLine(Argc, Argv, Error);
  cl::HideUnrelatedOptions(Category);
  cl::HideUnrelatedOptions(Category, ReportCommand);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "lockgraph " LOCKGRAPH_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  if (!cl::ParseCommandLineOptions(Argc, Argv,
                                   "lockgraph: finds lock-order cycles that can "
                                   "deadlock in C and C++ code\n\n"
                                   "  lockgraph [options] <source>... [-- <compiler args>]\n"
                                   "  lockgraph -p <build dir> [<source>...]\n"
                                   "  lockgraph report [--static <facts>...] "
                                   "[--runtime <report.json>...]\n"
                                   "  lockgraph run [--] <program> <args>...\n",
                                   &llvm::errs()))
    std::exit(ExitUsage);
  return Fixed;
}

std::unique_ptr<CompilationDatabase>
loadDatabase(std::unique_ptr<CompilationDatabase> Fixed) {
  std::string Error;
  if (!FromFacts.empty())
    return nullptr; // no parsing: nothing to compile
  if (Fixed && BuildPath.empty())
    return Fixed;
  if (!BuildPath.empty()) {
    if (!llvm::sys::fs::is_directory(BuildPath))
      fail("build directory '" + BuildPath + "' does not exist");
    auto DB = CompilationDatabase::loadFromDirectory(BuildPath, Error);
    if (!DB)
      fail("no compile_commands.json in '" + BuildPath + "'");
    return DB;
  }
  if (Sources.empty())
    fail("no input files; usage: lockgraph [options] <source>... [-- <compiler args>]");
  auto DB = CompilationDatabase::autoDetectFromSource(Sources.front(), Error);
  if (!DB)
    fail("no compilation database found for '" + Sources.front() +
         "'; pass -p <build dir> or compiler arguments after --");
  return DB;
}

/// Which programs of the build link each source: --link-units, else the
/// build directory's CMake File API reply. A CMake build without one gets a
/// note on how to ask for it, since calls to a name several programs define
/// then take every definition.
std::optional<LinkUnits> linkUnits() {
  if (!LinkUnitsFile.empty()) {
    llvm::Expected<LinkUnits> Units = readLinkUnitsFile(LinkUnitsFile);
    if (!Units)
      fail(llvm::toString(Units.takeError()));
    return std::move(*Units);
  }
  if (BuildPath.empty())
    return std::nullopt;
  llvm::Expected<std::optional<LinkUnits>> Units = readCMakeLinkUnits(BuildPath);
  if (!Units) {
    llvm::errs() << "lockgraph: warning: the CMake File API reply cannot be read ("
                 << llvm::toString(Units.takeError())
                 << "); calls to a name defined more than once take every definition\n";
    return std::nullopt;
  }
  llvm::SmallString<256> Cache(BuildPath);
  llvm::sys::path::append(Cache, "CMakeCache.txt");
  if (!*Units && llvm::sys::fs::exists(Cache) && !quiet())
    llvm::errs() << fmt::format(
        "lockgraph: note: no CMake File API reply in '{}', so the build's programs are not "
        "known; to let lockgraph read them, create '{}' (an empty file) and run cmake again\n",
        BuildPath.getValue(), cmakeQueryFile(BuildPath));
  return std::move(*Units);
}

/// Parses the sources (or reads saved facts) into per-TU facts.
ExtractionResult gatherFacts(std::unique_ptr<CompilationDatabase> Fixed) {
  std::unique_ptr<CompilationDatabase> DB = loadDatabase(std::move(Fixed));
  if (!DB) {
    ExtractionResult R = readAllFacts({FromFacts.begin(), FromFacts.end()});
    if (R.Facts.empty())
      fail("no facts file could be read");
    return R;
  }
  std::vector<std::string> Files(Sources.begin(), Sources.end());
  if (Files.empty())
    Files = DB->getAllFiles();
  if (Files.empty())
    fail("the compilation database lists no files");
  for (const std::string &F : Files)
    if (!llvm::sys::fs::exists(F))
      fail("no such file: '" + F + "'");

  // Found from the first source, and read before parsing, so that a bad
  // config, baseline or suppressions file stops the run at once.
  const Config &Project = setUpProject(Files.front());
  ExtractionOptions Options;
  Options.Extract = {Project.LockFunctions, Project.UnlockFunctions,
                     Project.BlockingFunctions};
  Options.Extract.NonBlockingFunctions = Project.NonBlockingFunctions;
  Options.Extract.IgnoredFunctions = Project.IgnoredFunctions;
  Options.Jobs = Jobs;
  if (!NoCache)
    Options.CacheDir = !CacheDir.empty() ? CacheDir
                       : !BuildPath.empty() ? BuildPath + "/.lockgraph-cache"
                                            : "";
  Options.EmitFactsDir = EmitFacts;
  // A terminal shows every file; a log a line every few seconds.
  if (!quiet() && Files.size() > 1)
    Options.Progress =
        llvm::errs().is_displayed() ? ProgressStyle::PerFile : ProgressStyle::Timed;
  Options.ProgressInterval = std::chrono::seconds(ProgressInterval);
  Options.ShowCompilerWarnings = Verbose;
  std::optional<LinkUnits> Units = linkUnits();
  if (Units)
    Options.ProgramsOf = [&Units](const std::string &File, const std::string &Output) {
      return Units->programsOf(File, Output);
    };
  ExtractionResult R = extractAll(*DB, Files, Options);
  if (R.Facts.empty())
    fail("no translation unit could be analysed");
  return R;
}

/// `lockgraph run [--] prog args`: the runtime side. The shim's wrapper
/// script sits next to this binary (build/bin/lockgraph-run) and knows
/// where the shim is; this only hands over to it.
[[noreturn]] void runUnderShim(int Argc, const char **Argv) {
  std::string Self = llvm::sys::fs::getMainExecutable(Argv[0], (void *)&runUnderShim);
  llvm::SmallString<256> Wrapper(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Wrapper, "lockgraph-run");
  if (!llvm::sys::fs::can_execute(Wrapper))
    fail("cannot run programs under the runtime shim: '" + Wrapper + "' is missing");
  std::vector<const char *> Args{Wrapper.c_str()};
  for (int I = 2; I < Argc; ++I)
    Args.push_back(Argv[I]);
  Args.push_back(nullptr);
  execv(Wrapper.c_str(), const_cast<char *const *>(Args.data()));
  fail("cannot execute '" + Wrapper + "': " + std::strerror(errno));
}

} // namespace

std::vector<Finding> lockgraph::selectFindings(std::vector<Finding> Findings) {
  // The config was read before the analysis; the command line wins over it.
  const Config &ProjectConfig = setUpProject("");
  if (!Checks.getNumOccurrences() && ProjectConfig.Checks)
    Checks = *ProjectConfig.Checks;
  std::vector<Finding> Kept;
  NolintFilter Nolint;
  for (Finding &F : Findings)
    if (checkEnabled(F.Check) && !Nolint.suppresses(F))
      Kept.push_back(std::move(F));
  return Kept;
}

/// The summary's word on files compiled by several commands: how many
/// commands were read, and how many gave the same facts as another.
static std::string commandsText(const ExtractionResult &E) {
  if (E.Commands <= E.Files)
    return "";
  std::string Text = fmt::format(" from {} compile commands of {} files", E.Commands, E.Files);
  if (E.SameFacts)
    Text += fmt::format(", {} with the same facts as another command of their file", E.SameFacts);
  return Text;
}

/// The summary's word on names defined more than once: how many, and how
/// many calls could not be told which definition runs.
static std::string definitionsText(const AnalysisStats &S) {
  if (!S.DuplicateDefinitions)
    return "";
  std::string Text = fmt::format(", {} further definitions of a function name", S.DuplicateDefinitions);
  if (!S.AmbiguousCalls)
    return Text + " (calls resolved within their link unit)";
  return Text + fmt::format(" ({} {} every definition: {})", S.AmbiguousCalls,
                            S.AmbiguousCalls == 1 ? "call takes" : "calls take",
                            S.LinkUnitsKnown ? "their link units hold several"
                                             : "the build's link units are not known");
}

int main(int Argc, const char **Argv) {
  if (Argc >= 2 && llvm::StringRef(Argv[1]) == "run")
    runUnderShim(Argc, Argv);
  llvm::InitLLVM X(Argc, Argv);
  std::unique_ptr<CompilationDatabase> Fixed = parseCommandLine(Argc, Argv);
  if (ReportCommand)
    return runReportCommand();
  ExtractionResult Extracted = gatherFacts(std::move(Fixed));
  const std::vector<TUFacts> &Facts = Extracted.Facts;
  size_t Total = Facts.size() + Extracted.Failed + Extracted.SameFacts;
  if (Extracted.Failed)
    llvm::errs() << "lockgraph: warning: " << Extracted.Failed << " of " << Total
                 << " translation units failed to parse; results are partial\n";

  // Already read from the first source when parsing; else from the current
  // directory.
  ProgramAnalysis Analysis = analyzeProgram(Facts, analysisOptions(setUpProject("")));
  std::vector<Finding> Findings = filterFindings(selectFindings(computeFindings(Analysis)));
  writeReport(Analysis, Findings);
  llvm::outs().flush(); // the report before the summary, when both go to one log
  if (!quiet())
    llvm::errs() << "lockgraph: " << Findings.size()
                 << (Findings.size() == 1 ? " finding" : " findings") << " ("
                 << (Findings.empty() ? "" : fmt::format("{}; ", findingCountsByCheck(Findings)))
                 << Analysis.Graph.nodes().size() << " locks, "
                 << Analysis.Graph.edges().size() << " edges, "
                 << Analysis.Stats.Functions << " functions in "
                 << Analysis.Stats.TranslationUnits << " translation units"
                 << commandsText(Extracted)
                 << (Extracted.Cached ? ", " + std::to_string(Extracted.Cached) + " cached" : "")
                 << (Extracted.ReExtracted
                         ? ", " + std::to_string(Extracted.ReExtracted) +
                               " read again for lock wrappers in other files"
                         : "")
                 << definitionsText(Analysis.Stats) << pointerCallCounts(Analysis.Stats)
                 << (Analysis.Stats.UncheckedReleases
                         ? fmt::format(", {} releases of locks it cannot name not checked",
                                       Analysis.Stats.UncheckedReleases)
                         : "")
                 << ")\n"
                 << unseenLockCallsNote(Analysis.Stats);
  return Findings.empty() ? ExitClean : ExitFindings;
}
