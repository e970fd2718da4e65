//===- report/TextReport.cpp ----------------------------------------------===//
#include "report/Report.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

namespace lockgraph {

static void writeLocation(llvm::raw_ostream &OS, const SourceSite &S) {
  if (!S.valid()) {
    OS << "<unknown>: ";
    return;
  }
  OS << S.File << ":" << S.Line << ":" << S.Column << ": ";
}

void writeTextReport(llvm::raw_ostream &OS, const std::vector<Finding> &Findings) {
  for (const Finding &F : Findings) {
    writeLocation(OS, F.Site);
    OS << "warning: " << F.Message << " [lockgraph-" << F.Check << "]\n";
    for (const Note &N : F.Notes) {
      writeLocation(OS, N.Site);
      OS << "note: " << N.Message << "\n";
    }
  }
}

static std::string milliseconds(uint64_t Ns) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%.3f ms", double(Ns) / 1e6);
  return Buf;
}

void writeTextContention(llvm::raw_ostream &OS, const RunEvidence &Runs) {
  size_t N = Runs.Programs.size();
  OS << "lockgraph: " << N << (N == 1 ? " run" : " runs") << "; lock-order cycles: "
     << Runs.Confirmed << " confirmed at run time, " << Runs.StaticOnly << " static only, "
     << Runs.RuntimeOnly << " runtime only\n";
  if (Runs.Contention.empty())
    return;
  constexpr size_t MaxRows = 10;
  OS << "lockgraph: most contended locks:\n";
  const char *Header[] = {"lock", "acquisitions", "contended", "wait total",
                          "wait max", "threads", "first taken at"};
  OS << llvm::format("  %-32s %12s %10s %14s %14s %7s  %s\n", Header[0], Header[1], Header[2],
                     Header[3], Header[4], Header[5], Header[6]);
  for (size_t I = 0; I < Runs.Contention.size() && I < MaxRows; ++I) {
    const ContentionRow &C = Runs.Contention[I];
    std::string Site = C.Site.valid() ? llvm::sys::path::filename(C.Site.File).str() + ":" +
                                            std::to_string(C.Site.Line)
                                      : "?";
    OS << llvm::format("  %-32s %12llu %10llu %14s %14s %7u  %s\n", C.Lock.c_str(),
                       (unsigned long long)C.Acquisitions, (unsigned long long)C.Contended,
                       milliseconds(C.WaitNsTotal).c_str(), milliseconds(C.WaitNsMax).c_str(),
                       C.Threads, Site.c_str());
  }
}

} // namespace lockgraph
