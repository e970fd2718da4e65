//===- facts/FactsJSON.h - TUFacts <-> the per-TU facts file --------------===//
//
// One JSON object per translation unit, so extraction can run as separate
// processes (or build steps) and a merge reads them back:
//   {"format": "lockgraph-facts", "version": 1, "main_file": ...,
//    "inputs": [...], "unresolved_calls": N, "functions": [...]}
// Sites are compact arrays [file, line, column, function] because a large
// program has millions of them. A reader refuses another format or version
// with an error that names the file, so stale caches never mislead.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_FACTS_FACTSJSON_H
#define LOCKGRAPH_FACTS_FACTSJSON_H

#include "facts/Facts.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace lockgraph {

constexpr int FactsFormatVersion = 2;

void writeFacts(llvm::raw_ostream &OS, const TUFacts &Facts);

/// Parses a facts file's contents; `Name` is used in error messages.
llvm::Expected<TUFacts> parseFacts(llvm::StringRef Text, llvm::StringRef Name);

/// Reads and parses one facts file.
llvm::Expected<TUFacts> readFactsFile(llvm::StringRef Path);

} // namespace lockgraph

#endif
