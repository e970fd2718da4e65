//===- driver/LinkUnits.h - Which programs each compile command goes into -===//
//
// A compile database describes a build, and a build holds several programs:
// two may each define `do_flush`, and a call resolves to the one linked
// with its caller (design.md, "Programs, not files"). The build says which
// sources a target links: CMake through its File API reply
// (`.cmake/api/v1/reply`, the codemodel's targets with their sources and
// dependencies), any other build through a small JSON file the user writes
// (`--link-units=FILE`, docs/ci.md).
//
// A target's link unit is its own sources and those of the library targets
// it depends on, transitively. A compile command is in the link unit of
// every target that compiles its file; when several targets compile one
// file, CMake's object path (`CMakeFiles/<target>.dir/...`) says which
// command is whose.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_LINKUNITS_H
#define LOCKGRAPH_DRIVER_LINKUNITS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lockgraph {

class LinkUnits {
public:
  struct Target {
    std::string Name;
    std::vector<std::string> Sources; ///< Absolute, normalized paths.
    std::vector<std::string> Links;   ///< Names of the targets it links.
    bool IsLibrary = false;           ///< Linked into its dependents.
  };

  explicit LinkUnits(std::vector<Target> Targets);

  /// The link units (target names, sorted) a compile command of File goes
  /// into; Output is the command's object file as the database gives it
  /// (may be empty). Empty when no target compiles File.
  std::vector<std::string> programsOf(llvm::StringRef File, llvm::StringRef Output) const;

  size_t targets() const { return Targets.size(); }

private:
  std::vector<Target> Targets;
  /// Source -> indices of the targets that compile it themselves.
  std::map<std::string, std::vector<size_t>> CompiledBy;
  /// Per target, the targets whose link unit holds its sources (itself and
  /// every target that links it, transitively).
  std::vector<std::vector<std::string>> LinkedInto;
};

/// Reads BuildDir's CMake File API codemodel reply. None when the build has
/// no reply (not CMake, or no query was made); an error when it is there
/// but cannot be read.
llvm::Expected<std::optional<LinkUnits>> readCMakeLinkUnits(llvm::StringRef BuildDir);

/// Reads a `--link-units` file: a JSON object from target name to its
/// sources, or to `{"sources": [...], "links": [...]}`; relative source
/// paths are relative to the file's directory.
llvm::Expected<LinkUnits> readLinkUnitsFile(llvm::StringRef Path);

/// The file whose presence makes CMake write the reply at its next run.
std::string cmakeQueryFile(llvm::StringRef BuildDir);

} // namespace lockgraph

#endif
