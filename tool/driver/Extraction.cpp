//===- driver/Extraction.cpp ----------------------------------------------===//
#include "driver/Extraction.h"

#include "driver/CompilerDiagnostics.h"

#include "extract/ExtractFacts.h"
#include "facts/FactsJSON.h"
#include "facts/SlotTargets.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Serialization/PCHContainerOperations.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <mutex>
#include <optional>

using namespace clang;
using namespace clang::tooling;

namespace lockgraph {
namespace {

/// Collects the facts of one TU if it parsed without errors.
class FactsAction : public ASTFrontendAction {
public:
  FactsAction(std::optional<TUFacts> &Out, const ExtractOptions &Options)
      : Out(Out), Options(Options) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    // Bodies in system headers are never walked (extract/ skips them), and
    // parsing and instantiating them is most of a C++ TU's time: the parser
    // asks the consumer per body (constexpr ones and deduced return types
    // are always parsed, as the rest of the file may need them).
    CI.getFrontendOpts().SkipFunctionBodies = true;
    struct Consumer : ASTConsumer {
      Consumer(CompilerInstance &CI, std::optional<TUFacts> &Out, const ExtractOptions &O)
          : CI(CI), Out(Out), Options(O) {}
      void HandleTranslationUnit(ASTContext &Ctx) override {
        if (!CI.getDiagnostics().hasErrorOccurred())
          Out = extractFacts(Ctx, Options);
      }
      bool shouldSkipFunctionBody(Decl *D) override {
        const SourceManager &SM = CI.getSourceManager();
        SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
        return Loc.isValid() && SM.isInSystemHeader(Loc);
      }
      CompilerInstance &CI;
      std::optional<TUFacts> &Out;
      const ExtractOptions &Options;
    };
    return std::make_unique<Consumer>(CI, Out, Options);
  }

private:
  std::optional<TUFacts> &Out;
  const ExtractOptions &Options;
};

class FactsActionFactory : public FrontendActionFactory {
public:
  FactsActionFactory(std::optional<TUFacts> &Out, const ExtractOptions &Options)
      : Out(Out), Options(Options) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(Out, Options);
  }

private:
  std::optional<TUFacts> &Out;
  const ExtractOptions &Options;
};

/// One compile command of a file as a database of its own, so a ClangTool
/// parses exactly that command (a ClangTool given the whole database runs
/// every command of the file, and one action's facts would replace the
/// other's).
class OneCommandDatabase : public CompilationDatabase {
public:
  explicit OneCommandDatabase(CompileCommand Command) : Command(std::move(Command)) {}
  std::vector<CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override { return {Command.Filename}; }

private:
  CompileCommand Command;
};

/// One compile command of one file: what is parsed, cached and extracted
/// (design.md, "Programs, not files": facts are per compile command).
struct Unit {
  std::string File;
  std::optional<CompileCommand> Command; ///< None: the database has none.
  unsigned Index = 0, Of = 1;            ///< Which of the file's commands.
};

/// The object file a command writes: the database's "output" field, else
/// its -o argument (CMake 3.25, bear and others write only the latter).
std::string objectFile(const CompileCommand &C) {
  if (!C.Output.empty())
    return C.Output;
  for (size_t I = 0; I < C.CommandLine.size(); ++I) {
    llvm::StringRef Arg = C.CommandLine[I];
    if (Arg == "-o" && I + 1 < C.CommandLine.size())
      return C.CommandLine[I + 1];
    if (Arg.starts_with("-o"))
      return Arg.drop_front(2).str();
  }
  return "";
}

/// The distinct compile commands of each file, in database order (a
/// database may list one command twice).
std::vector<Unit> unitsOf(const CompilationDatabase &DB, const std::vector<std::string> &Files) {
  std::vector<Unit> Units;
  for (const std::string &File : Files) {
    std::vector<CompileCommand> Distinct;
    for (CompileCommand &C : DB.getCompileCommands(File))
      if (std::none_of(Distinct.begin(), Distinct.end(), [&](const CompileCommand &D) {
            return D.Directory == C.Directory && D.CommandLine == C.CommandLine;
          }))
        Distinct.push_back(std::move(C));
    if (Distinct.empty()) {
      Units.push_back({File, std::nullopt, 0, 1});
      continue;
    }
    for (unsigned I = 0; I < Distinct.size(); ++I)
      Units.push_back({File, std::move(Distinct[I]), I, unsigned(Distinct.size())});
  }
  return Units;
}

/// The cache key of a TU: its path and compile command (and this build of
/// lockgraph). Its contents are checked by modification time instead,
/// with its headers, so an edit replaces the entry rather than adding one.
/// Identifies this build of lockgraph: a rebuilt tool may extract other
/// facts from the same source, so its cache entries must not be reused.
const std::string &toolIdentity() {
  static const std::string Identity = [] {
    static int Anchor;
    std::string Exe = llvm::sys::fs::getMainExecutable("lockgraph", &Anchor);
    llvm::sys::fs::file_status S;
    std::string Id = LOCKGRAPH_VERSION " " + Exe;
    if (!llvm::sys::fs::status(Exe, S))
      Id += " " + std::to_string(S.getSize()) + " " +
            std::to_string(S.getLastModificationTime().time_since_epoch().count());
    return Id;
  }();
  return Identity;
}

/// The wrappers' effects as text: what the cache key and the rounds'
/// convergence test compare.
std::string wrapperMaterial(const std::map<std::string, WrapperEffects> &Wrappers) {
  std::string Material;
  for (const auto &[Key, W] : Wrappers) {
    Material += "wrapper:" + Key + (W.NeverReturns ? " noreturn" : "") +
                (W.AcquiresWhenReturnsTruthy
                     ? (*W.AcquiresWhenReturnsTruthy ? " if-nonzero" : " if-zero")
                     : "") +
                "\n";
    for (const HeldLock &H : W.Acquires)
      Material += "+" + H.Lock.key() + " " + modeName(H.Mode) + "\n";
    for (const UnheldRelease &R : W.Releases)
      Material += "-" + R.Lock.key() + " " + R.Site.File + ":" + std::to_string(R.Site.Line) +
                  "\n";
  }
  return Material;
}

std::string cacheKey(const Unit &U, const ExtractOptions &Extract) {
  std::string Material = toolIdentity() + "\n" + U.File + "\n";
  if (U.Command) {
    Material += U.Command->Directory + "\n";
    for (const std::string &Arg : U.Command->CommandLine)
      Material += Arg + "\n";
  }
  // Project lock and blocking functions change what extraction records
  // (and which list a name is in does too).
  const std::pair<const char *, const std::vector<std::string> *> Lists[] = {
      {"lock", &Extract.LockFunctions},
      {"unlock", &Extract.UnlockFunctions},
      {"blocking", &Extract.BlockingFunctions},
      {"nonblocking", &Extract.NonBlockingFunctions},
      {"ignored", &Extract.IgnoredFunctions}};
  for (const auto &[Kind, List] : Lists)
    for (const std::string &Name : *List)
      Material += std::string(Kind) + ":" + Name + "\n";
  // So do the wrappers other TUs define: their effects, in full.
  Material += wrapperMaterial(Extract.Wrappers);
  return llvm::formatv("{0:x-16}", llvm::xxh3_64bits(llvm::StringRef(Material))).str();
}

/// Cached facts, if no input is newer than them.
std::optional<TUFacts> loadCached(const std::string &Path) {
  llvm::sys::fs::file_status CacheStatus;
  if (llvm::sys::fs::status(Path, CacheStatus))
    return std::nullopt;
  llvm::Expected<TUFacts> Facts = readFactsFile(Path);
  if (!Facts) {
    llvm::consumeError(Facts.takeError()); // a bad cache entry is re-made
    return std::nullopt;
  }
  for (const std::string &Input : Facts->Inputs) {
    llvm::sys::fs::file_status S;
    if (llvm::sys::fs::status(Input, S) ||
        S.getLastModificationTime() > CacheStatus.getLastModificationTime())
      return std::nullopt;
  }
  return std::move(*Facts);
}

void storeFacts(const std::string &Path, const TUFacts &Facts) {
  std::string Temp = Path + ".tmp" + std::to_string(llvm::get_threadid());
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC);
    if (EC)
      return; // the cache is an optimisation: never fail the run for it
    writeFacts(OS, Facts);
  }
  llvm::sys::fs::rename(Temp, Path);
}

std::string factsFileName(const std::string &Source, const std::string &Key) {
  return (llvm::sys::path::filename(Source) + "." + Key + ".facts").str();
}

} // namespace

ExtractionResult extractAll(const CompilationDatabase &DB,
                            const std::vector<std::string> &Files,
                            const ExtractionOptions &O) {
  ExtractionResult Result;
  const std::vector<Unit> Units = unitsOf(DB, Files);
  std::vector<std::optional<TUFacts>> PerFile(Units.size());
  std::vector<bool> FromCache(Units.size(), false);
  // Per compile command, the compiler warnings its latest parse hid.
  std::vector<unsigned> HiddenWarnings(Units.size(), 0);
  auto Absolute = [](const std::string &Dir) {
    llvm::SmallString<256> P(Dir);
    if (!Dir.empty())
      llvm::sys::fs::make_absolute(P);
    return std::string(P);
  };
  const std::string CacheDir = Absolute(O.CacheDir), EmitDir = Absolute(O.EmitFactsDir);
  for (const std::string &Dir : {CacheDir, EmitDir})
    if (!Dir.empty())
      llvm::sys::fs::create_directories(Dir);

  std::mutex OutputMutex;
  ExtractionProgress Progress(O.Progress, O.ProgressInterval);
  // Per compile command, the options of its latest extraction (the second
  // round adds wrappers from other TUs).
  std::vector<ExtractOptions> PerFileOptions(Units.size(), O.Extract);
  auto ExtractOne = [&](size_t I) {
    const Unit &U = Units[I];
    const std::string &File = U.File;
    const ExtractOptions &Extract = PerFileOptions[I];
    PerFile[I].reset();
    FromCache[I] = false;
    std::optional<std::string> Key;
    if (!CacheDir.empty() || !EmitDir.empty())
      Key = cacheKey(U, Extract);
    std::string CachePath;
    if (Key && !CacheDir.empty()) {
      CachePath = CacheDir + "/" + factsFileName(File, *Key);
      if ((PerFile[I] = loadCached(CachePath)))
        FromCache[I] = true;
    }
    std::string Diagnostics;
    if (!PerFile[I]) {
      // Its own file system: the real one's working directory is the
      // process's, which a ClangTool changes to the compile directory, and
      // TUs on other threads would then resolve relative paths wrongly.
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
          llvm::vfs::createPhysicalFileSystem().release());
      std::optional<OneCommandDatabase> Own;
      if (U.Command)
        Own.emplace(*U.Command);
      ClangTool Tool(Own ? static_cast<const CompilationDatabase &>(*Own) : DB, {File},
                     std::make_shared<PCHContainerOperations>(), FS);
      // The tool is not installed next to clang's headers: point at them.
      std::vector<std::string> Front = {"-resource-dir=" LOCKGRAPH_CLANG_RESOURCE_DIR,
                                        "-Wno-unknown-warning-option"};
      Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(Front, ArgumentInsertPosition::BEGIN));
      llvm::raw_string_ostream DiagOS(Diagnostics);
      CompilerDiagnostics Printer(DiagOS, O.ShowCompilerWarnings);
      Tool.setDiagnosticConsumer(&Printer);
      Tool.setPrintErrorMessage(false);
      FactsActionFactory Factory(PerFile[I], Extract);
      Tool.run(&Factory);
      DiagOS.flush();
      HiddenWarnings[I] = Printer.hiddenWarnings();
      if (PerFile[I] && !CachePath.empty())
        storeFacts(CachePath, *PerFile[I]);
    }
    // What the build links the command into is not the source's content,
    // so it is never cached, but emitted facts keep it.
    if (PerFile[I] && O.ProgramsOf)
      PerFile[I]->Programs = O.ProgramsOf(File, U.Command ? objectFile(*U.Command) : "");
    // One emitted file per TU, named by its first-round key: a second
    // round replaces it instead of adding a second copy of its functions.
    if (PerFile[I] && Key && !EmitDir.empty())
      storeFacts(EmitDir + "/" + factsFileName(File, cacheKey(U, O.Extract)), *PerFile[I]);
    // `a.c (command 2 of 3)` when a file is compiled several ways.
    std::string Label =
        U.Of > 1 ? fmt::format("{} (command {} of {})", File, U.Index + 1, U.Of) : File;
    std::lock_guard<std::mutex> Lock(OutputMutex);
    llvm::errs() << Diagnostics;
    if (!PerFile[I])
      llvm::errs() << "lockgraph: error: " << Label << ": does not parse; skipped\n";
    Progress.fileDone(Label, FromCache[I], !Extract.Wrappers.empty());
  };

  unsigned Jobs = O.Jobs ? O.Jobs : llvm::hardware_concurrency().compute_thread_count();
  auto RunAll = [&](const std::vector<size_t> &Which) {
    Progress.startRound(Which.size());
    if (Jobs <= 1 || Which.size() <= 1) {
      for (size_t I : Which)
        ExtractOne(I);
      return;
    }
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I : Which)
      Pool.async([&ExtractOne, I] { ExtractOne(I); });
    Pool.wait();
  };
  std::vector<size_t> All(Units.size());
  for (size_t I = 0; I < Units.size(); ++I)
    All[I] = I;
  RunAll(All);

  // Lock wrappers across TUs: a TU that calls a wrapper another TU defines
  // is extracted again knowing the wrapper's effects, until no TU's
  // knowledge changes (a wrapper over a wrapper in a third file needs a
  // third round). Rounds are bounded; hitting the bound is said.
  constexpr unsigned MaxRounds = 8;
  for (unsigned Round = 2;; ++Round) {
    std::map<std::string, WrapperEffects> Wrappers;
    for (const std::optional<TUFacts> &TU : PerFile)
      if (TU)
        for (const FunctionFacts &F : TU->Functions)
          if (!F.AcquiresForCaller.empty() || !F.ReleasesForCaller.empty() || F.NeverReturns)
            Wrappers.try_emplace(F.Key, WrapperEffects{F.AcquiresForCaller, F.ReleasesForCaller,
                                                       F.NeverReturns,
                                                       F.AcquiresWhenReturnsTruthy});
    SlotWrappers PointerWrappers(PerFile, Wrappers); // lock tables of function pointers
    std::vector<size_t> Again;
    for (size_t I = 0; I < Units.size(); ++I) {
      if (!PerFile[I])
        continue;
      std::set<std::string> Defined;
      for (const FunctionFacts &F : PerFile[I]->Functions)
        Defined.insert(F.Key);
      std::map<std::string, WrapperEffects> Needed;
      for (const FunctionFacts &F : PerFile[I]->Functions)
        for (const CallFact &C : F.Calls)
          if (!Defined.count(C.Callee))
            if (auto It = Wrappers.find(C.Callee); It != Wrappers.end())
              Needed.insert(*It);
      PointerWrappers.addNeeded(*PerFile[I], Needed);
      if (wrapperMaterial(Needed) == wrapperMaterial(PerFileOptions[I].Wrappers))
        continue;
      PerFileOptions[I].Wrappers = std::move(Needed);
      Again.push_back(I);
    }
    if (Again.empty())
      break;
    if (Round > MaxRounds) {
      llvm::errs() << "lockgraph: warning: lock wrappers still changing after " << MaxRounds
                   << " rounds of extraction; " << Again.size()
                   << " translation units may miss a wrapper defined in another file\n";
      break;
    }
    Result.ReExtracted += Again.size();
    RunAll(Again);
  }
  unsigned Hidden = 0;
  for (unsigned N : HiddenWarnings)
    Hidden += N;
  if (Hidden)
    llvm::errs() << fmt::format("lockgraph: {} compiler {} hidden (--verbose shows them)\n",
                                Hidden, Hidden == 1 ? "warning" : "warnings");
  // Commands of one file that gave the same facts (flags that change
  // nothing the pass sees) are one TU; the summary says how many.
  // File -> each distinct facts text and where it is in Result.Facts.
  std::map<std::string, std::vector<std::pair<std::string, size_t>>> SeenFacts;
  Result.Files = Files.size();
  Result.Commands = Units.size();
  for (size_t I = 0; I < Units.size(); ++I) {
    if (!PerFile[I]) {
      ++Result.Failed;
      continue;
    }
    Result.Cached += FromCache[I];
    if (Units[I].Of > 1) {
      // Compared without the link units: one object built into two
      // programs is one TU in both.
      std::vector<std::string> Programs = std::move(PerFile[I]->Programs);
      PerFile[I]->Programs.clear();
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      writeFacts(OS, *PerFile[I]);
      OS.flush();
      PerFile[I]->Programs = std::move(Programs);
      auto &Seen = SeenFacts[Units[I].File];
      auto Same = std::find_if(Seen.begin(), Seen.end(),
                               [&](const auto &S) { return S.first == Text; });
      if (Same != Seen.end()) {
        std::vector<std::string> &Into = Result.Facts[Same->second].Programs;
        for (std::string &P : PerFile[I]->Programs)
          if (std::find(Into.begin(), Into.end(), P) == Into.end())
            Into.push_back(std::move(P));
        std::sort(Into.begin(), Into.end());
        ++Result.SameFacts;
        continue;
      }
      Seen.emplace_back(std::move(Text), Result.Facts.size());
    }
    Result.Facts.push_back(std::move(*PerFile[I]));
  }
  return Result;
}

ExtractionResult readAllFacts(const std::vector<std::string> &Paths) {
  ExtractionResult Result;
  std::vector<std::string> Files;
  for (const std::string &P : Paths) {
    if (!llvm::sys::fs::is_directory(P)) {
      Files.push_back(P);
      continue;
    }
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(P, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::StringRef(It->path()).ends_with(".facts"))
        Files.push_back(It->path());
  }
  std::sort(Files.begin(), Files.end());
  for (const std::string &F : Files) {
    llvm::Expected<TUFacts> Facts = readFactsFile(F);
    if (!Facts) {
      llvm::errs() << "lockgraph: error: " << llvm::toString(Facts.takeError()) << "\n";
      ++Result.Failed;
      continue;
    }
    Result.Facts.push_back(std::move(*Facts));
  }
  return Result;
}

} // namespace lockgraph
