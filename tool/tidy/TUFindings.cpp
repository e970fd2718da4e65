//===- tidy/TUFindings.cpp ------------------------------------------------===//
#include "tidy/TUFindings.h"

#include "analysis/ProgramAnalysis.h"
#include "extract/ExtractFacts.h"
#include "findings/ComputeFindings.h"

namespace lockgraph {

namespace {
struct Cache {
  const clang::ASTContext *Ctx = nullptr;
  std::vector<Finding> Findings;
};
Cache &cache() {
  static Cache C;
  return C;
}
} // namespace

const std::vector<Finding> &findingsForTU(clang::ASTContext &Ctx) {
  Cache &C = cache();
  if (C.Ctx != &Ctx) {
    C.Ctx = &Ctx;
    C.Findings = computeFindings(analyzeProgram({extractFacts(Ctx)}));
  }
  return C.Findings;
}

void forgetTU() { cache() = Cache{}; }

} // namespace lockgraph
