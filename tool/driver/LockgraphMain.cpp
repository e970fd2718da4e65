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
                            cl::init("lockgraph-*"), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line on stderr"),
                    cl::cat(Category));


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

/// Collects the facts of every TU that parsed without errors.
class FactsCollector : public ASTConsumer {
public:
  FactsCollector(CompilerInstance &CI, std::vector<TUFacts> &Out) : CI(CI), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (CI.getDiagnostics().hasErrorOccurred())
      return; // clang printed why; the TU is reported as failed
    Out.push_back(extractFacts(Ctx));
  }

private:
  CompilerInstance &CI;
  std::vector<TUFacts> &Out;
};

class FactsAction : public ASTFrontendAction {
public:
  explicit FactsAction(std::vector<TUFacts> &Out) : Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    return std::make_unique<FactsCollector>(CI, Out);
  }

private:
  std::vector<TUFacts> &Out;
};

class FactsActionFactory : public FrontendActionFactory {
public:
  explicit FactsActionFactory(std::vector<TUFacts> &Out) : Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(Out);
  }

private:
  std::vector<TUFacts> &Out;
};

std::unique_ptr<CompilationDatabase> loadDatabase(int &Argc, const char **Argv) {
  std::string Error;
  // Arguments after `--` are the compile command for every source.
  std::unique_ptr<CompilationDatabase> Fixed =
      FixedCompilationDatabase::loadFromCommandLine(Argc, Argv, Error);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "lockgraph " LOCKGRAPH_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  if (!cl::ParseCommandLineOptions(Argc, Argv,
                                   "lockgraph: finds lock-order cycles that can "
                                   "deadlock in C and C++ code\n",
                                   &llvm::errs()))
    std::exit(ExitUsage);
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

} // namespace

int main(int Argc, const char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  std::unique_ptr<CompilationDatabase> DB = loadDatabase(Argc, Argv);

  std::vector<std::string> Files(Sources.begin(), Sources.end());
  if (Files.empty())
    Files = DB->getAllFiles();
  if (Files.empty())
    fail("the compilation database lists no files");
  for (const std::string &F : Files)
    if (!llvm::sys::fs::exists(F))
      fail("no such file: '" + F + "'");

  ClangTool Tool(*DB, Files);
  // The tool is not installed next to clang's headers: point at them.
  Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      {"-resource-dir=" LOCKGRAPH_CLANG_RESOURCE_DIR, "-Wno-unknown-warning-option"},
      ArgumentInsertPosition::BEGIN));
  std::vector<TUFacts> Facts;
  FactsActionFactory Factory(Facts);
  Tool.run(&Factory);
  size_t Failed = Files.size() - std::min(Files.size(), Facts.size());
  if (Facts.empty())
    fail("no translation unit could be analysed");
  if (Failed)
    llvm::errs() << "lockgraph: warning: " << Failed << " of " << Files.size()
                 << " translation units failed to parse; results are partial\n";

  ProgramAnalysis Analysis = analyzeProgram(Facts);
  std::vector<Finding> Findings;
  NolintFilter Nolint;
  for (Finding &F : computeFindings(Analysis))
    if (checkEnabled(F.Check) && !Nolint.suppresses(F))
      Findings.push_back(std::move(F));
  Findings = filterFindings(std::move(Findings));
  writeReport(Analysis, Findings);
  if (!Quiet)
    llvm::errs() << "lockgraph: " << Findings.size()
                 << (Findings.size() == 1 ? " finding" : " findings") << " ("
                 << Analysis.Graph.nodes().size() << " locks, "
                 << Analysis.Graph.edges().size() << " edges, "
                 << Analysis.Stats.Functions << " functions in "
                 << Analysis.Stats.TranslationUnits << " translation units)\n";
  return Findings.empty() ? ExitClean : ExitFindings;
}
