//===- tidy/TUFindings.cpp ------------------------------------------------===//
#include "tidy/TUFindings.h"

#include "analysis/ProgramAnalysis.h"
#include "config/Config.h"
#include "extract/ExtractFacts.h"
#include "findings/ComputeFindings.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

namespace lockgraph {

namespace {
struct Cache {
  const clang::ASTContext *Ctx = nullptr;
  std::vector<Finding> Findings;
};
Cache &cache() {
  static Cache C;
  return C;
}

/// The project's `.lockgraph.yaml` for a main file, as the standalone tool
/// finds it (the nearest one above the file), read once per config file.
/// Its lock, unlock and blocking functions and the global-lock threshold
/// apply here too; checks, baselines and suppressions are clang-tidy's own
/// business (`--checks`, NOLINT). A bad file is said once on stderr and
/// ignored, so one typo does not stop every other check of the run.
const Config &projectConfig(llvm::StringRef MainFile) {
  static std::map<std::string, Config> ByPath;
  static const Config None;
  std::string Path = findConfigFile(MainFile);
  if (Path.empty())
    return None;
  auto [It, New] = ByPath.try_emplace(Path);
  if (New) {
    llvm::Expected<Config> C = readConfigFile(Path);
    if (C)
      It->second = std::move(*C);
    else
      llvm::errs() << "lockgraph: warning: " << llvm::toString(C.takeError())
                   << "; using the defaults\n";
  }
  return It->second;
}
} // namespace

const std::vector<Finding> &findingsForTU(clang::ASTContext &Ctx) {
  Cache &C = cache();
  if (C.Ctx != &Ctx) {
    C.Ctx = &Ctx;
    const clang::SourceManager &SM = Ctx.getSourceManager();
    llvm::StringRef MainFile;
    if (auto Entry = SM.getFileEntryRefForID(SM.getMainFileID()))
      MainFile = Entry->getName();
    const Config &Project = projectConfig(MainFile);
    ExtractOptions Extract{Project.LockFunctions, Project.UnlockFunctions,
                           Project.BlockingFunctions};
    Extract.NonBlockingFunctions = Project.NonBlockingFunctions;
    Extract.IgnoredFunctions = Project.IgnoredFunctions;
    C.Findings = computeFindings(
        analyzeProgram({extractFacts(Ctx, Extract)}, analysisOptions(Project)));
  }
  return C.Findings;
}

void forgetTU() { cache() = Cache{}; }

} // namespace lockgraph
