//===- driver/ReportOutput.cpp - Findings -> the requested report ---------===//
#include "driver/Driver.h"

#include "report/Report.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <memory>

namespace cl = llvm::cl;

namespace lockgraph {
namespace {

enum class Format { Text, Json, Dot };
cl::opt<Format> OutputFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics (default)"),
               clEnumValN(Format::Json, "json", "versioned JSON report with the lock graph"),
               clEnumValN(Format::Dot, "dot", "the lock graph for Graphviz")),
    cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to <file> instead of stdout"),
                                cl::value_desc("file"), cl::cat(Category));

} // namespace

void fail(const llvm::Twine &Message) {
  llvm::errs() << "lockgraph: error: " << Message << "\n";
  std::exit(ExitUsage);
}

std::vector<Finding> filterFindings(std::vector<Finding> Findings) { return Findings; }

void writeReport(const ProgramAnalysis &Analysis, const std::vector<Finding> &Findings) {
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(OutputFile, EC);
    if (EC)
      fail("cannot write '" + OutputFile + "': " + EC.message());
  }
  llvm::raw_ostream &OS = File ? *File : llvm::outs();
  switch (OutputFormat) {
  case Format::Text:
    writeTextReport(OS, Findings);
    break;
  case Format::Json:
    writeJsonReport(OS, Analysis, Findings);
    break;
  case Format::Dot:
    writeDotReport(OS, Analysis, Findings);
    break;
  }
  OS.flush();
}

} // namespace lockgraph
