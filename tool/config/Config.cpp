//===- config/Config.cpp --------------------------------------------------===//
#include "config/Config.h"

#include "analysis/ProgramAnalysis.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

namespace llvm::yaml {
template <> struct MappingTraits<lockgraph::Config> {
  static void mapping(IO &IO, lockgraph::Config &C) {
    IO.mapOptional("Checks", C.Checks);
    IO.mapOptional("Baseline", C.Baseline);
    IO.mapOptional("Suppressions", C.Suppressions);
    IO.mapOptional("GlobalLockThreshold", C.GlobalLockThreshold);
    IO.mapOptional("BlockingFunctions", C.BlockingFunctions);
    IO.mapOptional("LockFunctions", C.LockFunctions);
    IO.mapOptional("UnlockFunctions", C.UnlockFunctions);
    IO.mapOptional("NonBlockingFunctions", C.NonBlockingFunctions);
    IO.mapOptional("IgnoredFunctions", C.IgnoredFunctions);
  }
  static std::string validate(IO &, lockgraph::Config &C) {
    if (C.GlobalLockThreshold && *C.GlobalLockThreshold < 1)
      return "GlobalLockThreshold must be at least 1";
    // name, name(N) or name(N->field), N counting arguments from 1.
    static const llvm::Regex Spec(
        "^[A-Za-z_][A-Za-z0-9_:]*[ ]*"                                     // name
        "(\\([ ]*[1-9][0-9]*[ ]*((->|\\.)[ ]*[A-Za-z_][A-Za-z0-9_]*)?[ ]*\\))?$"); // (N->field)
    for (const auto *List : {&C.LockFunctions, &C.UnlockFunctions})
      for (const std::string &Entry : *List)
        if (!Spec.match(Entry))
          return "'" + Entry +
                 "' is not a lock function: write name, name(N) or name(N->field), "
                 "N counting arguments from 1";
    return "";
  }
};
} // namespace llvm::yaml

namespace lockgraph {

namespace {
/// The first diagnostic the YAML parser reports, kept to make a one-line
/// error of it (SourceMgr's own print adds the offending line and a caret).
struct FirstDiagnostic {
  bool Seen = false;
  unsigned Line = 0, Column = 0;
  std::string Message;

  static void handle(const llvm::SMDiagnostic &D, void *Self) {
    auto *This = static_cast<FirstDiagnostic *>(Self);
    if (This->Seen)
      return;
    This->Seen = true;
    This->Line = D.getLineNo();
    This->Column = D.getColumnNo() + 1;
    This->Message = D.getMessage().str();
  }
};
} // namespace

/// `Path` made absolute and without `.`/`..`; as given if the current
/// directory cannot be read (the search then starts from the relative path).
static llvm::SmallString<256> absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> Out = Path;
  if (llvm::sys::fs::make_absolute(Out))
    Out = Path;
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return Out;
}

/// A path in the config names a file relative to the config's own folder.
static void anchor(std::optional<std::string> &File, llvm::StringRef ConfigPath) {
  if (!File || File->empty() || llvm::sys::path::is_absolute(*File))
    return;
  llvm::SmallString<256> Full = llvm::sys::path::parent_path(ConfigPath);
  llvm::sys::path::append(Full, *File);
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  *File = std::string(Full);
}

llvm::Expected<Config> parseConfig(llvm::StringRef Text, llvm::StringRef Path) {
  Config C;
  C.Path = Path.str();
  // A file with nothing but comments is an empty config, not an error.
  bool Empty = true;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (!L.empty() && !L.starts_with("#") && L != "---" && L != "...")
      Empty = false;
  }
  if (Empty)
    return C;

  FirstDiagnostic Diag;
  llvm::yaml::Input In(Text, /*Ctxt=*/nullptr, &FirstDiagnostic::handle, &Diag);
  In >> C;
  if (In.error()) {
    std::string Why = Diag.Seen ? Diag.Message : In.error().message();
    if (Diag.Seen && Diag.Line)
      Why = std::to_string(Diag.Line) + ":" + std::to_string(Diag.Column) + ": " + Why;
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "bad config file '%s': %s", Path.str().c_str(),
                                   Why.c_str());
  }
  anchor(C.Baseline, Path);
  anchor(C.Suppressions, Path);
  return C;
}

llvm::Expected<Config> readConfigFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read config file '%s': %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return parseConfig((*Buffer)->getBuffer(), absolutePath(Path));
}

std::string findConfigFile(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir = absolutePath(SourceFile);
  // A source file starts the search in its folder; a folder (or the
  // current directory, for an empty argument) in itself.
  if (!SourceFile.empty() && !llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate = D;
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return "";
}

AnalysisOptions analysisOptions(const Config &C) {
  AnalysisOptions Options;
  if (C.GlobalLockThreshold)
    Options.GlobalLockThreshold = unsigned(*C.GlobalLockThreshold);
  return Options;
}

} // namespace lockgraph
