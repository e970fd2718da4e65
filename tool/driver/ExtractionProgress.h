//===- driver/ExtractionProgress.h - `[37/412]` lines while parsing -------===//
//
// A run over a real project parses for minutes; its progress must show in a
// terminal and in a CI log alike, without burying the findings. On a
// terminal every TU gets a line with its name, `[37/412] src/foo.cc`. In a
// log (stderr is not a terminal) a line comes at most every few seconds and
// never more than one per TU: `lockgraph: [37/412] translation units read
// (12 s)`, so a long run shows it is alive and how far it got, and a short
// one prints nothing.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_DRIVER_EXTRACTIONPROGRESS_H
#define LOCKGRAPH_DRIVER_EXTRACTIONPROGRESS_H

#include <chrono>
#include <cstddef>
#include <string>

namespace lockgraph {

enum class ProgressStyle {
  None,    ///< --quiet, or a single TU.
  PerFile, ///< A terminal: one line per TU, with its name.
  Timed,   ///< A log: a count at most every interval.
};

/// Not thread-safe: the caller serializes calls (extraction holds its output
/// lock around them, so lines never interleave with a TU's diagnostics).
class ExtractionProgress {
public:
  ExtractionProgress(ProgressStyle Style, std::chrono::seconds Interval);

  /// A round of `Size` TUs starts (the first, or one reading TUs again for
  /// lock wrappers in other files).
  void startRound(size_t Size);
  /// One TU of the round is done. `Cached`: its facts came from the cache;
  /// `Again`: it was read again for lock wrappers in other files.
  void fileDone(const std::string &File, bool Cached, bool Again);

private:
  using Clock = std::chrono::steady_clock;
  const ProgressStyle Style;
  const std::chrono::seconds Interval;
  const Clock::time_point Start;
  Clock::time_point LastLine; ///< Of a timed line; the start before the first.
  size_t Done = 0, RoundSize = 0;
};

} // namespace lockgraph

#endif
