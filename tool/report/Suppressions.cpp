//===- report/Suppressions.cpp --------------------------------------------===//
#include "report/Suppressions.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cctype>

namespace lockgraph {

static bool globMatches(llvm::StringRef Glob, llvm::StringRef Name) {
  Glob = Glob.trim();
  if (Glob.empty())
    return false;
  size_t Star = Glob.find('*');
  if (Star == llvm::StringRef::npos)
    return Glob == Name;
  llvm::StringRef Prefix = Glob.substr(0, Star), Rest = Glob.substr(Star + 1);
  if (!Name.starts_with(Prefix))
    return false;
  Name = Name.drop_front(Prefix.size());
  if (Rest.empty())
    return true;
  for (size_t I = 0; I <= Name.size(); ++I)
    if (globMatches(Rest, Name.substr(I)))
      return true;
  return false;
}

bool nolintCovers(const std::string &LineText, const std::string &Directive,
                  const std::string &Check) {
  llvm::StringRef Line(LineText);
  size_t Pos = 0;
  while ((Pos = Line.find(Directive, Pos)) != llvm::StringRef::npos) {
    llvm::StringRef After = Line.substr(Pos + Directive.size());
    Pos += Directive.size();
    // "NOLINT" must not match the prefix of "NOLINTNEXTLINE".
    if (!After.empty() && (std::isalnum(static_cast<unsigned char>(After[0])) ||
                           After[0] == '_'))
      continue;
    if (!After.starts_with("("))
      return true; // no list: every check
    llvm::StringRef List = After.drop_front().split(')').first;
    llvm::SmallVector<llvm::StringRef, 4> Globs;
    List.split(Globs, ',');
    for (llvm::StringRef G : Globs)
      if (globMatches(G, Check))
        return true;
  }
  return false;
}

const std::vector<std::string> &NolintFilter::lines(const std::string &File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (Inserted) {
    if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
      llvm::SmallVector<llvm::StringRef, 0> Split;
      (*Buf)->getBuffer().split(Split, '\n');
      for (llvm::StringRef L : Split)
        It->second.push_back(L.str());
    }
  }
  return It->second;
}

bool NolintFilter::suppresses(const Finding &F) {
  if (!F.Site.valid())
    return false;
  const std::vector<std::string> &L = lines(F.Site.File);
  std::string Check = "lockgraph-" + F.Check;
  unsigned Index = F.Site.Line - 1;
  if (Index < L.size() && nolintCovers(L[Index], "NOLINT", Check))
    return true;
  if (Index >= 1 && Index - 1 < L.size() &&
      nolintCovers(L[Index - 1], "NOLINTNEXTLINE", Check))
    return true;
  // Inside a NOLINTBEGIN ... NOLINTEND block for this check.
  int Depth = 0;
  for (unsigned I = 0; I < Index && I < L.size(); ++I) {
    if (nolintCovers(L[I], "NOLINTBEGIN", Check))
      ++Depth;
    else if (nolintCovers(L[I], "NOLINTEND", Check) && Depth > 0)
      --Depth;
  }
  return Depth > 0;
}

} // namespace lockgraph
