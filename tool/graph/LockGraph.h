//===- graph/LockGraph.h - Locks as nodes, "taken while holding" as edges -===//
//
// An edge A -> B means some path acquires B while A is held. Each edge keeps
// one witness: the shortest call chain seen that forms it, preferring
// exclusive over shared acquisitions (a witness that can block beats one
// that cannot). Nodes are lock names (facts/Facts.h); two instances of one
// member lock are one node, so the graph has no self-edges: those are
// reported separately (double lock, instance order).
//
// Cost: adding a node or an edge is an amortised O(1) hash lookup; adding an
// edge that exists only compares witnesses. No internal locking: one thread
// builds the graph, then it is read-only.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_GRAPH_LOCKGRAPH_H
#define LOCKGRAPH_GRAPH_LOCKGRAPH_H

#include "facts/Facts.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace lockgraph {

using LockId = unsigned;

struct LockNode {
  std::string Name;
  LockKind Kind = LockKind::Unknown;
  std::string Type;
  bool Recursive = false;
};

/// One call on the way from the function that holds the first lock to the
/// acquisition of the second.
struct ChainStep {
  std::string Callee; ///< Qualified name of the function called.
  SourceSite Site;    ///< The call expression.
  /// Which definition, when the name has several the call may reach
  /// (CallFact::Definition); empty otherwise.
  std::string Definition = {};
};

/// Why an edge exists.
struct EdgeWitness {
  SourceSite HeldAt;     ///< Where the held lock was acquired.
  SourceSite AcquiredAt; ///< Where the second lock was acquired.
  std::vector<ChainStep> Chain;
  /// For an edge between locks a function received as parameters: the
  /// calls, outermost first, whose arguments name those locks.
  std::vector<ChainStep> Context;
  AcquireMode HeldMode = AcquireMode::Exclusive;
  AcquireMode AcquiredMode = AcquireMode::Exclusive;
};

struct LockEdge {
  LockId From = 0;
  LockId To = 0;
  EdgeWitness Witness;
  /// The link units (programs of the build) whose code forms the edge,
  /// sorted; empty: any program (the build does not say, or a run saw it).
  /// Locks of a library linked into two programs are two locks at run
  /// time, so a cycle needs all its edges in one program.
  std::vector<std::string> Programs;
};

class LockGraph {
public:
  /// Returns the node for `Lock`'s name, creating it on first use.
  LockId addLock(const LockRef &Lock);
  /// Adds From -> To (From != To) or improves the witness of an existing edge.
  /// `Programs` as in LockEdge: an edge formed in several places is in
  /// the union of theirs, or in any program if one of them does not say.
  void addEdge(LockId From, LockId To, EdgeWitness Witness,
               const std::vector<std::string> &Programs = {});

  const std::vector<LockNode> &nodes() const { return Nodes; }
  const std::vector<LockEdge> &edges() const { return Edges; }
  const LockNode &node(LockId Id) const { return Nodes[Id]; }
  /// The node named `Name`, or -1.
  int findLock(const std::string &Name) const;
  /// Index into edges() of From -> To, or -1.
  int findEdge(LockId From, LockId To) const;
  /// Outgoing edge indices per node.
  const std::vector<std::vector<unsigned>> &successors() const { return Out; }

private:
  std::vector<LockNode> Nodes;
  std::vector<LockEdge> Edges;
  std::vector<std::vector<unsigned>> Out;
  std::unordered_map<std::string, LockId> ByName;
  std::unordered_map<uint64_t, unsigned> EdgeIndex;
};

/// True when `A` is a better witness than `B`: it can block where B cannot,
/// or it has a shorter call chain.
bool betterWitness(const EdgeWitness &A, const EdgeWitness &B);

} // namespace lockgraph

#endif
