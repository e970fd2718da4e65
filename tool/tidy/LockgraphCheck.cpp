//===- tidy/LockgraphCheck.cpp --------------------------------------------===//
#include "tidy/LockgraphCheck.h"

#include "tidy/TUFindings.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace lockgraph {

void LockgraphCheck::registerMatchers(MatchFinder *Finder) {
  // The analysis is of the whole TU: match it once.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

static SourceLocation locationOf(const SourceSite &S, SourceManager &SM) {
  if (!S.valid())
    return {};
  auto File = SM.getFileManager().getOptionalFileRef(S.File);
  if (!File)
    return {};
  return SM.translateFileLineCol(*File, S.Line, S.Column);
}

void LockgraphCheck::check(const MatchFinder::MatchResult &Result) {
  SourceManager &SM = *Result.SourceManager;
  for (const Finding &F : findingsForTU(*Result.Context)) {
    if (F.Check != Kind)
      continue;
    diag(locationOf(F.Site, SM), "%0") << F.Message;
    for (const Note &N : F.Notes)
      diag(locationOf(N.Site, SM), "%0", DiagnosticIDs::Note) << N.Message;
  }
}

void LockgraphCheck::onEndOfTranslationUnit() { forgetTU(); }

} // namespace lockgraph
