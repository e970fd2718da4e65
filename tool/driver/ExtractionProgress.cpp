//===- driver/ExtractionProgress.cpp --------------------------------------===//
#include "driver/ExtractionProgress.h"

#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

namespace lockgraph {

ExtractionProgress::ExtractionProgress(ProgressStyle Style, std::chrono::seconds Interval)
    : Style(Style), Interval(Interval), Start(Clock::now()), LastLine(Start) {}

void ExtractionProgress::startRound(size_t Size) {
  Done = 0;
  RoundSize = Size;
}

void ExtractionProgress::fileDone(const std::string &File, bool Cached, bool Again) {
  ++Done;
  switch (Style) {
  case ProgressStyle::None:
    return;
  case ProgressStyle::PerFile:
    llvm::errs() << fmt::format("[{}/{}] {}{}{}\n", Done, RoundSize, File,
                                Cached ? " (cached)" : "",
                                Again ? " (again, for lock wrappers in other files)" : "");
    return;
  case ProgressStyle::Timed: {
    Clock::time_point Now = Clock::now();
    if (Now - LastLine < Interval)
      return;
    LastLine = Now;
    auto Elapsed = std::chrono::duration_cast<std::chrono::seconds>(Now - Start);
    llvm::errs() << fmt::format("lockgraph: [{}/{}] translation units read{} ({} s)\n", Done,
                                RoundSize, Again ? " again for lock wrappers in other files" : "",
                                Elapsed.count());
    return;
  }
  }
}

} // namespace lockgraph
