//===- driver/FindingCounts.cpp - Findings per check, for the summary -----===//
//
// On a real project the summary line is what a CI log shows first: the
// count per check says at a glance whether the run is mostly one kind of
// finding (blocking calls under a lock) or has the cycles that deadlock.
//
//===----------------------------------------------------------------------===//
#include "driver/Driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace lockgraph {

std::string findingCountsByCheck(const std::vector<Finding> &Findings) {
  std::map<std::string, size_t> ByCheck; // by name: ties stay in name order
  for (const Finding &F : Findings)
    ++ByCheck[F.Check];
  std::vector<std::pair<std::string, size_t>> Counts(ByCheck.begin(), ByCheck.end());
  std::stable_sort(Counts.begin(), Counts.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  std::vector<std::string> Parts;
  for (const auto &[Check, Count] : Counts)
    Parts.push_back(fmt::format("{} {}", Count, Check));
  return fmt::format("{}", fmt::join(Parts, ", "));
}

} // namespace lockgraph
