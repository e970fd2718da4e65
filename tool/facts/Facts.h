//===- facts/Facts.h - What one translation unit says about locks ---------===//
//
// The vocabulary shared by every stage of the static pass (and, through the
// JSON report, by the runtime shim): a lock, an acquisition with the locks held
// at that moment, and a call made while holding locks. Extraction (extract/)
// turns a Clang AST into these facts; everything after it (analysis/, graph/,
// findings/, report/) works on facts only and never sees Clang, so it can be
// tested without parsing C++ and can merge facts from many TUs.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_FACTS_FACTS_H
#define LOCKGRAPH_FACTS_FACTS_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lockgraph {

/// A place in the source, as clang prints it.
struct SourceSite {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Function; ///< Qualified name of the enclosing function.

  bool valid() const { return Line != 0; }
  bool operator==(const SourceSite &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

/// How a lock is taken. A try-acquisition cannot block, so it adds no order
/// edge into the lock it takes (locks taken while it is held still do).
enum class AcquireMode { Exclusive, Shared, Try };

/// How a lock got its name (design.md, "Lock identity").
enum class LockKind {
  Global,  ///< Namespace-scope or static: its qualified name, `bank::g_mu`.
  Member,  ///< A data member: one lock class per field, `Account::mu_`.
  Param,   ///< A lock the function received by reference or pointer; named
           ///< at each call site by the argument (see analysis/).
  Local,   ///< A function-local lock object: `f()::mu`.
  Unknown, ///< Anything else (a call result, an array element): type@site.
};

/// One lock as named at one place in the program.
struct LockRef {
  LockKind Kind = LockKind::Unknown;
  /// The identity used as the lock graph's node name.
  std::string Name;
  /// For members: which object holds it, as a path the analysis can compare
  /// and substitute: "this", "param:N", "local:name", "global:name";
  /// empty when unknown. Two members of one class with different known
  /// instances are distinct locks of one class (the bank-transfer hazard).
  std::string Instance;
  /// For Param: the index of the parameter that carries the lock.
  unsigned ParamIndex = 0;
  /// Spelled type of the lock object, e.g. "std::mutex".
  std::string Type;
  bool Recursive = false;

  /// Key that says "the same lock in the same frame".
  std::string key() const;
  /// What to print for a human: the name, plus the instance for members.
  std::string display() const;
  /// Named by its type and site (`pthread_mutex_t@thread.c:134`): the pass
  /// could not tell which lock the expression denotes.
  bool unnamed() const { return Kind == LockKind::Unknown && Name.find('@') != std::string::npos; }
};

/// A lock held at some moment, with where it was taken.
struct HeldLock {
  LockRef Lock;
  AcquireMode Mode = AcquireMode::Exclusive;
  SourceSite AcquiredAt;
};

/// A test of one of the function's own parameters that holds on every path
/// to a fact: `param Param == Value`, or `!=` when !Equal (`if (mode ==
/// kLog) return;` leaves `mode != kLog` known after it). A caller that
/// passes a constant contradicting it cannot reach that fact (issue 12,
/// item 3: `Log(kLog, ...)` never gets to the stats dump that locks).
struct ParamCondition {
  unsigned Param = 0;
  int64_t Value = 0;
  bool Equal = true;
  /// A test of a field of what the parameter points to, `p->in_callback
  /// == 0`: the field's name; "" for a test of the parameter itself.
  std::string Field = {};
  bool operator==(const ParamCondition &O) const {
    return Param == O.Param && Value == O.Value && Equal == O.Equal && Field == O.Field;
  }
};

/// Whether a call whose arguments are `Constants` (per argument, when the
/// caller passes a constant) cannot reach a fact known only under `When`.
bool contradicts(const std::vector<ParamCondition> &When,
                 const std::vector<std::optional<int64_t>> &Constants);

/// How many parameter tests a fact carries at most: the walker's set of
/// tests known on a path, and the tests a caller's summary keeps of its
/// callee's (more are dropped: the fact then holds on more paths).
constexpr size_t MaxParamConditions = 4;

struct CallArg;
/// The same for a call's arguments, also by the fields of what an argument
/// points to that the caller knows at the call (`mosq->in_callback =
/// true;` before `mosq->on_connect(mosq)`: the callee's path under
/// `mosq->in_callback == 0` cannot run).
bool contradictsCall(const std::vector<ParamCondition> &When, const std::vector<CallArg> &Args);

/// What of a callee's `When` still holds in its caller's terms: a test of
/// a parameter the caller passes on unchanged (CallArg::ForwardsParam) is
/// a test of the caller's own parameter, unless the call decides it (its
/// known fields agree); the rest is dropped (the fact then holds on every
/// path, the safe side). At most `Max` conditions.
std::vector<ParamCondition> conditionsInCaller(const std::vector<ParamCondition> &When,
                                               const std::vector<CallArg> &Args, size_t Max);

/// The function took `Lock` at `Site` while holding `Held`.
struct Acquisition {
  LockRef Lock;
  AcquireMode Mode = AcquireMode::Exclusive;
  SourceSite Site;
  std::vector<HeldLock> Held;
  /// Locks the caller holds that this function had released (on some path)
  /// when it took `Lock`: the "drop the mutex around slow work" idiom. A
  /// caller holding one of them gets no edge to `Lock` from it, and taking
  /// one of them again is the caller's lock coming back, not a double lock.
  std::vector<LockRef> Released;
  std::vector<ParamCondition> When; ///< Tests of parameters on every path here.
};

/// What an argument of a call denotes, for naming the callee's parameter
/// locks and member instances in the caller's terms.
struct CallArg {
  bool IsLock = false; ///< The argument is (the address of) a lock object.
  LockRef Lock;        ///< Valid when IsLock.
  std::string Instance; ///< The object the argument names ("" if unknown).
  /// The argument's value when it is an integer constant (an enumerator,
  /// a literal, a null pointer), for the callee's ParamConditions.
  std::optional<int64_t> Constant;
  /// The file descriptor it denotes (extract/Descriptors.h), "" if none.
  std::string Descriptor;
  /// The caller's own parameter, passed on as it came (the caller never
  /// writes it): what the callee tests of it, the caller's callers decide.
  std::optional<unsigned> ForwardsParam;
  /// Fields of what the argument points to whose truth the caller knows at
  /// the call, from an assignment or a test on every path there.
  std::vector<std::pair<std::string, bool>> KnownFields;
};

/// The function called `Callee` at `Site` while holding `Held`.
struct CallFact {
  std::string Callee;      ///< Linkage key (mangled name or USR).
  std::string CalleeName;  ///< Qualified name for messages.
  SourceSite Site;
  std::vector<HeldLock> Held;
  std::vector<CallArg> Args;
  /// For method calls: the instance path of the object (`this` in the callee).
  std::string ObjectInstance;
  /// A virtual call: every overrider the program defines may run.
  bool Virtual = false;
  /// A call through a function pointer read from this slot
  /// (extract/FunctionPointers.h): every function the program stores into
  /// the slot may run. Callee is then empty and CalleeName the callee as
  /// written (`ops->lock`).
  std::string Slot;
  /// Caller's-caller locks this function had released when it made the
  /// call (see Acquisition::Released): they pass on to what the callee takes.
  std::vector<LockRef> Released;
  /// The callee is a lock wrapper whose effects the caller's own facts
  /// already hold (its AcquiresForCaller are Acquisitions of the caller):
  /// the analysis must not count them a second time through the callee.
  bool WrapperApplied = false;
  std::vector<ParamCondition> When; ///< Tests of parameters on every path here.
  /// Set by the analysis (never in facts files) when the callee's name has
  /// several definitions and this call is one of those it follows: which.
  std::string Definition;

};

/// A call that can block for long (sleep, I/O, join, a condition wait),
/// with the locks that stay held across it (a condition wait releases its
/// own mutex, so that one is not among them).
struct BlockingCall {
  std::string Callee; ///< Qualified name for messages.
  SourceSite Site;
  std::vector<HeldLock> Held;
  /// A condition wait releases a lock the caller may hold too, so it is not
  /// passed on to callers as "this function blocks".
  bool ConditionWait = false;
  /// Caller locks the function had released by then (Acquisition::Released):
  /// a caller holding one of them does not block others on it here.
  std::vector<LockRef> Released;
  std::vector<ParamCondition> When; ///< Tests of parameters on every path here.
  /// For I/O on a file descriptor (`write(fd, ...)`): which one
  /// (extract/Descriptors.h); a non-blocking one does not block.
  std::string Descriptor;
};

/// A thread started with `Entry` as its first function.
struct ThreadStart {
  std::string Entry;     ///< Linkage key of the entry function.
  std::string EntryName; ///< Qualified name for messages.
  SourceSite Site;       ///< The std::thread / pthread_create call.
  bool InLoop = false;   ///< Started from a loop: more than one thread.
};

/// A release of a lock that no path holds.
struct UnheldRelease {
  LockRef Lock;
  SourceSite Site;
  /// Released inside a callee (a release wrapper) rather than here: the
  /// callee's name, and where it really unlocks.
  std::string Via;
  SourceSite ReleasedAt;
};

struct FunctionFacts {
  std::string Key;  ///< Linkage key, equal across TUs for one function.
  std::string Name; ///< Qualified name.
  SourceSite Site;
  std::vector<Acquisition> Acquisitions;
  std::vector<CallFact> Calls;
  /// Locks still held when the function returns through a returned guard
  /// (`std::unique_lock<std::mutex> take() { ...; return lk; }`).
  std::vector<HeldLock> ReturnsHeld;
  std::vector<BlockingCall> BlockingCalls;
  std::vector<ThreadStart> ThreadStarts;
  std::vector<UnheldRelease> UnheldReleases;
  /// Locks taken by hand (not by a guard) that some path still holds at
  /// the function's exit; `ExitSite` is the end of the body.
  std::vector<HeldLock> HeldAtExit;
  SourceSite ExitSite;
  /// Inferred lock wrappers (design.md, "What counts as acquiring"): locks
  /// the function returns holding and never releases itself, named in its
  /// own frame (a parameter, `this`'s member, a global): it is an acquire
  /// function of them, as if declared ACQUIRE. Its callers hold them after
  /// the call; it is not a leak here.
  std::vector<HeldLock> AcquiresForCaller;
  /// Locks it releases without ever taking them: a release function. The
  /// callers are checked instead (Site is the unlock).
  std::vector<UnheldRelease> ReleasesForCaller;
  /// When set, AcquiresForCaller are held only on the returns whose value
  /// is non-zero (true) or zero (false): a conditional acquire function
  /// (`if (lock_if_enabled()) { ...; unlock(); }`), like a try-lock.
  std::optional<bool> AcquiresWhenReturnsTruthy;
  /// No path returns (every one calls abort(), exit() or another function
  /// that never returns: a `fatal(...)` helper): a call to it ends the
  /// caller's path too.
  bool NeverReturns = false;
  /// Marked no_thread_safety_analysis (extract/OptOuts.h): its own body is
  /// not checked for lock-leak, unlock-not-held or double-lock; its
  /// acquisitions still form lock-order edges.
  bool NoThreadSafetyAnalysis = false;
  /// File descriptors the function makes non-blocking, and copies of one
  /// descriptor into another (to, from), in its own frame
  /// (extract/Descriptors.h).
  std::vector<std::string> NonBlockingDescriptors;
  std::vector<std::pair<std::string, std::string>> DescriptorCopies;
  /// Declared non-blocking in .lockgraph.yaml: neither it nor what it
  /// calls counts as blocking for its callers.
  bool NeverBlocks = false;
};

/// What calling a function of another TU does to its caller's path: the
/// locks an inferred wrapper takes or drops for it, in the wrapper's frame
/// (FunctionFacts::AcquiresForCaller / ReleasesForCaller), or that the call
/// never returns (a `fatal(...)` helper defined in another file).
struct WrapperEffects {
  std::vector<HeldLock> Acquires;
  std::vector<UnheldRelease> Releases;
  bool NeverReturns = false;
  std::optional<bool> AcquiresWhenReturnsTruthy; ///< FunctionFacts' field.
};

/// `Overrider` overrides `Overridden` (directly or further down).
struct OverrideFact {
  std::string Overridden;   ///< Linkage key of the base method.
  std::string Overrider;    ///< Linkage key of the overriding method.
  std::string OverriderName;
};

/// The address of function `Function` stored into `Slot` (`ops->lock =
/// my_lock;`, `{ .lock = my_lock }`, `register_cb(my_lock)`), or, when
/// Function is empty, the value of slot `FromSlot` copied into it
/// (`g_lock = cb->lock;`). Flow-insensitive: where in the program the store
/// happens does not matter (extract/FunctionPointers.h names the slots).
struct SlotStore {
  std::string Slot;
  std::string Function;     ///< Linkage key of the stored function.
  std::string FunctionName; ///< Its qualified name, for messages.
  std::string FromSlot;
  SourceSite Site;
};

/// `Before` is declared acquired_before `After` (or `After` acquired_after
/// `Before`) by Clang's thread-safety attributes.
struct DeclaredOrder {
  std::string Before, After;
  SourceSite Site;
};

struct TUFacts {
  std::string MainFile;
  std::vector<FunctionFacts> Functions;
  /// Calls through pointers that name no slot (a `std::function`, a
  /// member-function pointer, a pointer returned by a call): not followed.
  unsigned UnresolvedCalls = 0;
  /// Every file the TU read (main file and headers), for cache validation.
  std::vector<std::string> Inputs;
  std::vector<DeclaredOrder> DeclaredOrders;
  std::vector<OverrideFact> Overrides;
  /// The link units (programs and libraries of the build) this compile
  /// command goes into; empty when the build does not say. A call resolves
  /// to a definition that shares one with the caller.
  std::vector<std::string> Programs;
  std::vector<SlotStore> SlotStores;
};

/// Whether two definitions of one key came out with the same facts (an
/// inline function seen by several TUs): then they are one function.
bool sameDefinition(const FunctionFacts &A, const FunctionFacts &B);

/// The instance of a local lock whose address never leaves its function:
/// no other thread can wait for it, so it forms no order edge.
constexpr const char *UnsharedInstance = "unshared";

const char *modeName(AcquireMode M);
const char *kindName(LockKind K);

} // namespace lockgraph

#endif
