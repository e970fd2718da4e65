//===- merge/StackSymbolizer.h - Runtime stacks -> function, file:line ----===//
//
// The shim records each frame as module + offset and leaves symbolization to
// this side (design.md, "Runtime shim"). LLVM's symbolizer reads the
// modules' DWARF (built with -g), expands inlined calls into frames of their
// own (at -O2, std::mutex::lock and the lock_guard constructor are inlined
// into the user's function) and demangles.
//
// Offsets are from where the module was loaded (dladdr's base). For a
// position-independent module that is its link-time address; a fixed-address
// executable (-no-pie) is loaded at its first segment's address, which is
// added back before symbolizing.
//
// A module that cannot be read (deleted, moved, or stripped) is named once on
// stderr; its frames keep only module + offset. Results are cached per
// module and offset: reports of several runs share most of their frames.
//
// Not thread-safe: one symbolizer per thread.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_MERGE_STACKSYMBOLIZER_H
#define LOCKGRAPH_MERGE_STACKSYMBOLIZER_H

#include "merge/RuntimeReport.h"

#include "llvm/DebugInfo/Symbolize/Symbolize.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace lockgraph {

struct SymbolizedFrame {
  std::string Function; ///< Demangled, without its parameter list; "" if unknown.
  SourceSite Site;      ///< File and line from the debug info; invalid without it.
  std::string Module;
  uint64_t Offset = 0;

  /// Frames in system libraries or the standard library's headers, and
  /// frames nothing is known about: those a user does not want to read and
  /// static sites never point at. A frame of the program with a function
  /// name but no debug info is not a system frame.
  bool isSystem() const;
};

class StackSymbolizer {
public:
  StackSymbolizer();
  ~StackSymbolizer();

  /// Innermost frame first; a frame with inlined calls becomes several.
  std::vector<SymbolizedFrame> symbolize(const RuntimeStack &Stack);
  /// Whether `Module` could not be read (so its frames have no names).
  bool unreadable(const std::string &Module) const { return Unreadable.count(Module) != 0; }

private:
  const std::vector<SymbolizedFrame> &frame(const RuntimeFrame &F);
  uint64_t imageBase(const std::string &Module);

  std::unique_ptr<llvm::symbolize::LLVMSymbolizer> Symbolizer;
  std::map<std::pair<std::string, uint64_t>, std::vector<SymbolizedFrame>> Cache;
  std::set<std::string> Unreadable; ///< Modules already warned about.
  std::map<std::string, uint64_t> ImageBases;
};

/// "ns::f(int) const" -> "ns::f": the qualified name the static side uses.
std::string functionNameWithoutParams(llvm::StringRef Demangled);

} // namespace lockgraph

#endif
