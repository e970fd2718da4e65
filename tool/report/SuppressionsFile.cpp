//===- report/SuppressionsFile.cpp ----------------------------------------===//
#include "report/SuppressionsFile.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"

namespace lockgraph {

static llvm::Error invalid(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::Expected<SuppressionsFile> SuppressionsFile::parse(llvm::StringRef Text) {
  SuppressionsFile S;
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I].split('#').first.trim();
    if (Line.empty())
      continue;
    auto [Prefix, Pattern] = Line.split(':');
    std::optional<Kind> What = llvm::StringSwitch<std::optional<Kind>>(Prefix.trim())
                                   .Case("check", Kind::Check)
                                   .Case("lock", Kind::Lock)
                                   .Case("file", Kind::File)
                                   .Default(std::nullopt);
    std::string Where = "line " + std::to_string(I + 1) + ": ";
    if (!What || Line.find(':') == llvm::StringRef::npos)
      return invalid(Where + "expected 'check:', 'lock:' or 'file:' before the pattern, got '" +
                     Line + "'");
    Pattern = Pattern.trim();
    if (Pattern.empty())
      return invalid(Where + "empty pattern");
    auto Text = std::make_unique<std::string>(Pattern.str());
    // Brace lists (`*.{h,hpp}`) are off unless given a bound on expansions.
    llvm::Expected<llvm::GlobPattern> Glob =
        llvm::GlobPattern::create(*Text, /*MaxSubPatterns=*/256);
    if (!Glob)
      return invalid(Where + "bad pattern '" + Pattern + "': " + llvm::toString(Glob.takeError()));
    S.Rules.push_back({*What, std::move(Text), std::move(*Glob)});
  }
  return S;
}

llvm::Expected<SuppressionsFile> SuppressionsFile::read(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return invalid("cannot read suppressions file '" + Path +
                   "': " + Buffer.getError().message());
  llvm::Expected<SuppressionsFile> S = parse((*Buffer)->getBuffer());
  if (!S)
    return invalid("bad suppressions file '" + Path + "': " + llvm::toString(S.takeError()));
  return S;
}

bool SuppressionsFile::suppresses(const Finding &F) const {
  const std::string CheckName = "lockgraph-" + F.Check;
  for (const Rule &R : Rules) {
    switch (R.What) {
    case Kind::Check:
      if (R.Pattern.match(CheckName))
        return true;
      break;
    case Kind::Lock:
      for (const std::string &Lock : F.LockNames)
        if (R.Pattern.match(Lock))
          return true;
      break;
    case Kind::File:
      if (R.Pattern.match(F.Site.File))
        return true;
      break;
    }
  }
  return false;
}

} // namespace lockgraph
