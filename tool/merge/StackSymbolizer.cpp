//===- merge/StackSymbolizer.cpp ------------------------------------------===//
#include "merge/StackSymbolizer.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace lockgraph {

bool SymbolizedFrame::isSystem() const {
  llvm::StringRef M = Module, File = Site.File, Fn = Function;
  if (M.starts_with("/lib/") || M.starts_with("/lib64/") || M.starts_with("/usr/lib/"))
    return true; // the C and C++ libraries, and anything else the system ships
  if (File.starts_with("/usr/include/") || File.starts_with("/usr/local/include/"))
    return true; // inlined std::mutex::lock and friends, built with -g
  if (Fn.starts_with("std::") || Fn.starts_with("__gnu_cxx::") ||
      Fn.starts_with("__gthread") || Fn == "_start")
    return true; // the same without debug info, and the C start-up code
  return Fn.empty() && !Site.valid();
}

std::string functionNameWithoutParams(llvm::StringRef Demangled) {
  // The parameter list is the last top-level parenthesised group; template
  // arguments may contain parentheses too, so count nesting from the end.
  llvm::StringRef S = Demangled.trim();
  if (S.empty() || S == "<invalid>")
    return "";
  int Depth = 0;
  for (size_t I = S.size(); I-- > 0;) {
    char C = S[I];
    if (C == ')')
      ++Depth;
    else if (C == '(' && --Depth == 0) {
      // "(anonymous namespace)::f()" must keep its first group.
      if (I == 0)
        break;
      return S.take_front(I).rtrim().str();
    }
  }
  return S.str();
}

StackSymbolizer::StackSymbolizer() {
  llvm::symbolize::LLVMSymbolizer::Options Opts;
  Opts.Demangle = true;
  Opts.PathStyle = llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath;
  Symbolizer = std::make_unique<llvm::symbolize::LLVMSymbolizer>(Opts);
}

StackSymbolizer::~StackSymbolizer() = default;

uint64_t StackSymbolizer::imageBase(const std::string &Module) {
  auto [It, New] = ImageBases.try_emplace(Module, 0);
  if (!New)
    return It->second;
  auto Binary = llvm::object::createBinary(Module);
  if (!Binary) {
    llvm::consumeError(Binary.takeError());
    return 0;
  }
  auto *Elf = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(Binary->getBinary());
  if (!Elf || Elf->getELFFile().getHeader().e_type != llvm::ELF::ET_EXEC)
    return 0;
  auto Headers = Elf->getELFFile().program_headers();
  if (!Headers) {
    llvm::consumeError(Headers.takeError());
    return 0;
  }
  uint64_t Base = UINT64_MAX;
  for (const auto &Phdr : *Headers)
    if (Phdr.p_type == llvm::ELF::PT_LOAD)
      Base = std::min<uint64_t>(Base, Phdr.p_vaddr & ~uint64_t(Phdr.p_align - 1));
  It->second = Base == UINT64_MAX ? 0 : Base;
  return It->second;
}

const std::vector<SymbolizedFrame> &StackSymbolizer::frame(const RuntimeFrame &F) {
  auto [It, New] = Cache.try_emplace({F.Module, F.Offset});
  if (!New)
    return It->second;
  std::vector<SymbolizedFrame> &Out = It->second;
  auto Unknown = [&] {
    SymbolizedFrame S;
    S.Module = F.Module;
    S.Offset = F.Offset;
    S.Function = functionNameWithoutParams(F.Symbol);
    Out.push_back(std::move(S));
  };
  if (Unreadable.count(F.Module)) {
    Unknown();
    return Out;
  }
  auto Info = Symbolizer->symbolizeInlinedCode(
      F.Module, {F.Offset + imageBase(F.Module), llvm::object::SectionedAddress::UndefSection});
  if (!Info) {
    llvm::errs() << "lockgraph: warning: cannot symbolize frames in '" << F.Module
                 << "': " << llvm::toString(Info.takeError()) << "\n";
    Unreadable.insert(F.Module);
    Unknown();
    return Out;
  }
  for (uint32_t I = 0; I < Info->getNumberOfFrames(); ++I) {
    const llvm::DILineInfo &L = Info->getFrame(I);
    SymbolizedFrame S;
    S.Module = F.Module;
    S.Offset = F.Offset;
    if (L.FunctionName != llvm::DILineInfo::BadString)
      S.Function = functionNameWithoutParams(L.FunctionName);
    S.Site.Function = S.Function;
    if (L.FileName != llvm::DILineInfo::BadString && L.Line) {
      llvm::SmallString<256> File(L.FileName);
      llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
      S.Site = {File.str().str(), L.Line, L.Column, S.Function};
    }
    Out.push_back(std::move(S));
  }
  if (Out.empty())
    Unknown();
  return Out;
}

std::vector<SymbolizedFrame> StackSymbolizer::symbolize(const RuntimeStack &Stack) {
  std::vector<SymbolizedFrame> Out;
  for (const RuntimeFrame &F : Stack)
    for (const SymbolizedFrame &S : frame(F))
      Out.push_back(S);
  return Out;
}

} // namespace lockgraph
