//===- report/Suppressions.h - NOLINT comments, as clang-tidy reads them --===//
//
// `// NOLINT`, `// NOLINT(lockgraph-double-lock)`, `// NOLINTNEXTLINE(...)`
// and NOLINTBEGIN/NOLINTEND blocks, with `*` globs in the check list, on the
// line of the warning. The standalone tool needs this itself; inside
// clang-tidy the plugin gets it from clang-tidy.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_REPORT_SUPPRESSIONS_H
#define LOCKGRAPH_REPORT_SUPPRESSIONS_H

#include "findings/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace lockgraph {

class NolintFilter {
public:
  /// Whether a NOLINT comment in the source silences `F`.
  bool suppresses(const Finding &F);

private:
  const std::vector<std::string> &lines(const std::string &File);
  std::map<std::string, std::vector<std::string>> Files;
};

/// Whether a NOLINT-style comment `Line` covers check `Check` (with prefix).
/// `Directive` is "NOLINT", "NOLINTNEXTLINE", "NOLINTBEGIN" or "NOLINTEND".
bool nolintCovers(const std::string &Line, const std::string &Directive,
                  const std::string &Check);

} // namespace lockgraph

#endif
