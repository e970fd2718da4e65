//===- analysis/NonBlocking.h - Descriptors that never block --------------===//
//
// Which file descriptors are non-blocking, program-wide (issue 12, item 4;
// the names are extract/Descriptors.h's): those a function makes so,
// followed through copies (`*pairW = sv[1];`), through calls (a callee's
// "param:N" is what the caller passed as argument N: `net__socket_nonblock(
// &sv[1])`), and into struct fields and globals, which then count in every
// function (`mosq->sockpairW` is written in one file and used in others).
//
// A fixed point over the functions: every set only grows and its names come
// from the facts, so it ends; the pass bound is a guard, not a limit.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_ANALYSIS_NONBLOCKING_H
#define LOCKGRAPH_ANALYSIS_NONBLOCKING_H

#include "facts/Facts.h"

#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace lockgraph {

class NonBlockingDescriptors {
public:
  using CalleeOf = std::function<const FunctionFacts *(const CallFact &)>;
  using CallsOf = std::function<const std::vector<CallFact> &(const FunctionFacts *)>;

  NonBlockingDescriptors(const std::vector<const FunctionFacts *> &Functions,
                         const CalleeOf &Callee, const CallsOf &Calls);

  /// Whether `Descriptor`, named in F's frame, is known non-blocking.
  bool isNonBlocking(const FunctionFacts &F, const std::string &Descriptor) const;

private:
  static bool isShared(const std::string &Descriptor);

  std::unordered_map<const FunctionFacts *, std::set<std::string>> InFrame;
  std::set<std::string> Shared; ///< Fields and globals.
};

} // namespace lockgraph

#endif
