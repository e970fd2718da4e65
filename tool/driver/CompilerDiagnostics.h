//===- driver/CompilerDiagnostics.h - What clang says while parsing -------===//
//
// clang's own warnings on a project's sources (unused variables, deprecated
// calls) are not lockgraph's findings, and on a real project they bury
// them: they are hidden unless --verbose, and counted, so that the run can
// say how many it dropped. Errors, which make a TU not parse, are always
// shown, with their notes: they explain why its findings are missing.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_COMPILERDIAGNOSTICS_H
#define LOCKGRAPH_DRIVER_COMPILERDIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/Support/raw_ostream.h"

namespace lockgraph {

/// Prints clang's diagnostics to a stream as clang does, leaving out
/// warnings and remarks (and the notes attached to them) unless
/// `ShowWarnings`. Not thread-safe: one per TU being parsed.
class CompilerDiagnostics : public clang::DiagnosticConsumer {
public:
  CompilerDiagnostics(llvm::raw_ostream &OS, bool ShowWarnings);

  void BeginSourceFile(const clang::LangOptions &LangOpts,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

  /// Warnings and remarks left out so far (their notes are not counted).
  unsigned hiddenWarnings() const { return Hidden; }

private:
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Options; ///< The printer keeps a pointer.
  clang::TextDiagnosticPrinter Printer;
  const bool ShowWarnings;
  bool LastShown = false; ///< A note follows the fate of the diagnostic it belongs to.
  unsigned Hidden = 0;
};

} // namespace lockgraph

#endif
