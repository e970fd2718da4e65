//===- driver/CompilerDiagnostics.cpp -------------------------------------===//
#include "driver/CompilerDiagnostics.h"

using namespace clang;

namespace lockgraph {

CompilerDiagnostics::CompilerDiagnostics(llvm::raw_ostream &OS, bool ShowWarnings)
    : Options(new DiagnosticOptions()), Printer(OS, Options.get()),
      ShowWarnings(ShowWarnings) {}

void CompilerDiagnostics::BeginSourceFile(const LangOptions &LangOpts, const Preprocessor *PP) {
  Printer.BeginSourceFile(LangOpts, PP);
}

void CompilerDiagnostics::EndSourceFile() { Printer.EndSourceFile(); }

void CompilerDiagnostics::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                           const Diagnostic &Info) {
  if (Level != DiagnosticsEngine::Note) {
    LastShown = ShowWarnings || Level >= DiagnosticsEngine::Error;
    Hidden += !LastShown;
  }
  // This consumer's own counts stay zero, so clang prints no closing "N
  // warnings generated.": it would go straight to stderr, outside the TU's
  // buffered output, and count hidden ones. Whether the TU parsed is the
  // engine's error count, not this one.
  if (LastShown)
    Printer.HandleDiagnostic(Level, Info);
}

} // namespace lockgraph
