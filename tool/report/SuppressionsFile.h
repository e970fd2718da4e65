//===- report/SuppressionsFile.h - Findings silenced by a project's file --===//
//
// Where a NOLINT comment cannot go (third-party code, generated files, a lock
// the project knows about), a suppressions file names what to drop, one rule
// a line, in the spirit of the sanitizers' suppression files:
//
//   # comments and blank lines are ignored
//   check:lockgraph-instance-order     # a check, by its full name
//   lock:bank::*                       # any finding involving a matching lock
//   file:*/third_party/*               # any finding warned in a matching file
//
// Patterns are globs (llvm/Support/GlobPattern.h: `*`, `?`, `[...]`,
// `{a,b}`; `*` also matches `/`) and match the whole name. A finding is
// dropped when any rule matches it. File patterns see the path as the report
// prints it (absolute), so start them with `*/`.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_REPORT_SUPPRESSIONSFILE_H
#define LOCKGRAPH_REPORT_SUPPRESSIONSFILE_H

#include "findings/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <string>
#include <vector>

namespace lockgraph {

class SuppressionsFile {
public:
  /// Parses a suppressions file's text. Errors are one line, without the file
  /// name: "line 3: expected 'check:', 'lock:' or 'file:' before the pattern".
  static llvm::Expected<SuppressionsFile> parse(llvm::StringRef Text);
  /// Reads and parses `Path`; errors name the file.
  static llvm::Expected<SuppressionsFile> read(llvm::StringRef Path);

  /// Whether any rule matches the finding's check, one of its locks, or the
  /// file of its warning.
  bool suppresses(const Finding &F) const;
  size_t size() const { return Rules.size(); }

private:
  enum class Kind { Check, Lock, File };
  struct Rule {
    Kind What;
    /// GlobPattern keeps a StringRef into its text: the text lives on the
    /// heap here, so it outlives the file's buffer and moves of the rule.
    std::unique_ptr<std::string> Text;
    llvm::GlobPattern Pattern;
  };
  std::vector<Rule> Rules;
};

} // namespace lockgraph

#endif
