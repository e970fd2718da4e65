//===- report/Baseline.cpp ------------------------------------------------===//
#include "report/Baseline.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <tuple>

namespace lockgraph {

static llvm::Error invalid(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

llvm::Expected<Baseline> Baseline::parse(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse(Text);
  if (!Root)
    return invalid("invalid JSON: " + llvm::toString(Root.takeError()));
  const llvm::json::Object *Top = Root->getAsObject();
  if (!Top || Top->getString("format") != std::optional<llvm::StringRef>("lockgraph-baseline"))
    return invalid("not a lockgraph baseline (expected \"format\": \"lockgraph-baseline\")");
  std::optional<int64_t> Version = Top->getInteger("version");
  if (!Version)
    return invalid("no \"version\"");
  if (*Version != BaselineFormatVersion)
    return invalid("baseline version " + llvm::Twine(*Version) +
                   " is not supported (this lockgraph reads version " +
                   llvm::Twine(BaselineFormatVersion) + ")");
  const llvm::json::Array *List = Top->getArray("findings");
  if (!List)
    return invalid("no \"findings\" array");
  Baseline B;
  for (size_t I = 0; I < List->size(); ++I) {
    const llvm::json::Object *Entry = (*List)[I].getAsObject();
    std::optional<llvm::StringRef> Id = Entry ? Entry->getString("id") : std::nullopt;
    if (!Id || Id->empty())
      return invalid("findings[" + llvm::Twine(I) + "] has no \"id\" string");
    B.Ids.insert(Id->str());
  }
  return B;
}

llvm::Expected<Baseline> Baseline::read(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return invalid("cannot read baseline '" + Path + "': " + Buffer.getError().message());
  llvm::Expected<Baseline> B = parse((*Buffer)->getBuffer());
  if (!B)
    return invalid("bad baseline '" + Path + "': " + llvm::toString(B.takeError()));
  return B;
}

void writeBaseline(llvm::raw_ostream &OS, const std::vector<Finding> &Findings) {
  std::vector<const Finding *> Sorted;
  Sorted.reserve(Findings.size());
  for (const Finding &F : Findings)
    Sorted.push_back(&F);
  std::sort(Sorted.begin(), Sorted.end(), [](const Finding *X, const Finding *Y) {
    return std::tie(X->Check, X->Id) < std::tie(Y->Check, Y->Id);
  });
  // One id per entry: findings that share an id are one entry to review.
  Sorted.erase(std::unique(Sorted.begin(), Sorted.end(),
                           [](const Finding *X, const Finding *Y) { return X->Id == Y->Id; }),
               Sorted.end());
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("format", "lockgraph-baseline");
    J.attribute("version", BaselineFormatVersion);
    J.attributeArray("findings", [&] {
      for (const Finding *F : Sorted)
        J.object([&] {
          J.attribute("id", F->Id);
          J.attribute("check", F->Check);
          J.attribute("message", F->Message);
        });
    });
  });
  OS << "\n";
}

} // namespace lockgraph
