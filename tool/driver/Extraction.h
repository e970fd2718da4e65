//===- driver/Extraction.h - Facts for every TU: cached, in parallel ------===//
//
// Each TU is parsed on its own thread with its own ClangTool; its clang
// diagnostics are buffered and printed whole, so parallel TUs do not
// interleave their errors. clang's warnings are hidden unless asked for
// (driver/CompilerDiagnostics.h), and how many were is said at the end.
//
// Cache: a TU's facts are stored under a key hashed from its path and
// compile command, and reused while no file it read (the main file or a
// header) is newer than the stored facts. Writes go to a temporary file
// renamed into place, so concurrent runs never see half a file.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_EXTRACTION_H
#define LOCKGRAPH_DRIVER_EXTRACTION_H

#include "driver/ExtractionProgress.h"
#include "extract/ExtractFacts.h"
#include "facts/Facts.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace lockgraph {

struct ExtractionOptions {
  unsigned Jobs = 0;           ///< 0: one per core.
  std::string CacheDir;        ///< Empty: no cache.
  std::string EmitFactsDir;    ///< Also write each TU's facts here.
  /// Progress lines on stderr (driver/ExtractionProgress.h).
  ProgressStyle Progress = ProgressStyle::None;
  std::chrono::seconds ProgressInterval{5}; ///< Between lines of ProgressStyle::Timed.
  /// Print clang's warnings on the sources; else they are hidden and
  /// counted in one line at the end (errors are always printed).
  bool ShowCompilerWarnings = false;
  ExtractOptions Extract;             ///< Project lock and blocking functions.
  /// The link units a compile command goes into (driver/LinkUnits.h), from
  /// its file and object path; unset when the build does not say.
  std::function<std::vector<std::string>(const std::string &File, const std::string &Output)>
      ProgramsOf;
};

struct ExtractionResult {
  std::vector<TUFacts> Facts; ///< In the order of the input files and commands.
  unsigned Failed = 0;        ///< Compile commands that did not parse.
  unsigned Cached = 0;        ///< TUs whose facts came from the cache.
  /// Extractions repeated because a TU calls a lock wrapper defined in
  /// another TU (counted once per repeat).
  unsigned ReExtracted = 0;
  /// Every distinct compile command of every file is extracted on its own
  /// (a library and a server built from one source with different -Ds);
  /// commands of one file whose facts came out the same count once in
  /// Facts and are counted here.
  unsigned Files = 0, Commands = 0, SameFacts = 0;
};

ExtractionResult extractAll(const clang::tooling::CompilationDatabase &DB,
                            const std::vector<std::string> &Files,
                            const ExtractionOptions &Options);

/// Reads saved facts files (or every *.facts file of a folder). A file that
/// cannot be read is reported on stderr, naming it, and skipped.
ExtractionResult readAllFacts(const std::vector<std::string> &Paths);

} // namespace lockgraph

#endif
