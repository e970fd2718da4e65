//===- merge/RunEvidence.h - What runs add to the static lock graph -------===//
//
// The report writers' view of a merge (merge/MergeReports.h): which side saw
// each edge, the measured contention and global locks, and how many cycles
// each side confirmed. Plain data; a static-only report has none of it.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_MERGE_RUNEVIDENCE_H
#define LOCKGRAPH_MERGE_RUNEVIDENCE_H

#include "graph/LockGraph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lockgraph {

/// Classification tags on merged findings (Finding::Tags).
inline constexpr const char *TagConfirmed = "confirmed";
inline constexpr const char *TagStaticOnly = "static-only";
inline constexpr const char *TagRuntimeOnly = "runtime-only";

/// Which side saw an edge of the merged graph; for edges a run formed, the
/// run's witness in static vocabulary (sites from the symbolized stacks).
struct EdgeOrigin {
  bool Static = false;
  bool Runtime = false;
  std::string Program; ///< The first run that formed it.
  int64_t Thread = 0;
  EdgeWitness RuntimeWitness;
};

/// One lock's contention, summed over every run that measured it.
struct ContentionRow {
  std::string Lock;
  SourceSite Site; ///< Where a run first took it (first frame in user code).
  uint64_t Acquisitions = 0, Contended = 0, WaitNsTotal = 0, WaitNsMax = 0;
  uint64_t HoldNsTotal = 0, HoldSamples = 0, CondWaits = 0, CondWaitNsTotal = 0;
  unsigned Threads = 0; ///< The most distinct threads one run saw.
  unsigned Runs = 0;
};

/// A run's global-lock verdict, in static names.
struct MeasuredGlobalLock {
  std::string Lock;
  std::string Program;
  std::string Kind; ///< `mutex` or `condvar`.
  double Share = 0; ///< Of the run's wall time, held (or busy).
  double WaitShare = 0;
  unsigned ThreadsWaiting = 0;
  double EffectiveParallelism = 0;
  bool Static = false; ///< A static global-lock finding names the same lock.
};

struct RunEvidence {
  std::vector<std::string> Programs; ///< One per runtime report, in order.
  std::vector<EdgeOrigin> EdgeOrigins; ///< Parallel to the graph's edges.
  std::vector<ContentionRow> Contention; ///< Most waited-on first.
  std::vector<MeasuredGlobalLock> GlobalLocks;
  unsigned Confirmed = 0, StaticOnly = 0, RuntimeOnly = 0; ///< Cycles.
  bool HaveStatic = false; ///< Static facts were given.
};

} // namespace lockgraph

#endif
