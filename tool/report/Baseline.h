//===- report/Baseline.h - Findings already known, so CI fails on new ones ===//
//
// A baseline is the list of findings a project has accepted for now:
//
//   {"format": "lockgraph-baseline", "version": 1,
//    "findings": [{"id": "5f0c...", "check": "double-lock", "message": "..."}]}
//
// Only `id` matters when filtering: it is the finding's stable id (a hash of
// the check and the lock names, never of line numbers; findings/Finding.h), so
// a baselined finding stays baselined when unrelated code moves it. `check`
// and `message` are there for the humans who review the file. Findings are
// written sorted by check and id, so regenerating an unchanged baseline
// gives the same bytes and a changed one a small diff.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_REPORT_BASELINE_H
#define LOCKGRAPH_REPORT_BASELINE_H

#include "findings/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <string>
#include <vector>

namespace lockgraph {

constexpr int BaselineFormatVersion = 1;

class Baseline {
public:
  /// Parses a baseline's text. Errors are one line, without the file name
  /// (the caller adds it): "invalid JSON at 3:1: ...", "not a
  /// lockgraph-baseline file", "version 2 is not supported", ...
  static llvm::Expected<Baseline> parse(llvm::StringRef Text);
  /// Reads and parses `Path`; errors name the file.
  static llvm::Expected<Baseline> read(llvm::StringRef Path);

  bool contains(const Finding &F) const { return Ids.count(F.Id) != 0; }
  size_t size() const { return Ids.size(); }

private:
  std::set<std::string> Ids;
};

/// Writes `Findings` as a baseline (see the file comment for the format).
void writeBaseline(llvm::raw_ostream &OS, const std::vector<Finding> &Findings);

} // namespace lockgraph

#endif
