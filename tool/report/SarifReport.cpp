//===- report/SarifReport.cpp - Findings as SARIF 2.1.0 -------------------===//
//
// For GitHub code scanning and other SARIF viewers. One run; one rule per
// check (`lockgraph-<check>`, descriptions from docs/checks.md); one result
// per finding with:
//  - its warning as the primary location, the function as a logical one;
//  - its notes as relatedLocations, and, for a lock-order cycle, as one
//    threadFlow so viewers can step through the cycle's edges;
//  - its stable id in partialFingerprints, so a viewer tracks one finding
//    across commits even when lines move (GitHub adds its own line hash).
// Paths under the source root are written relative to it with uriBaseId
// %SRCROOT%, which GitHub maps to the checkout; others as absolute file URIs.
// tests/lit/static/sarif.test validates the output against the schema.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>

namespace lockgraph {
namespace {

struct RuleText {
  const char *Short;
  const char *Full;
};

/// What each check finds and how to fix it, condensed from docs/checks.md
/// (keep the two in step). A check missing here still gets a rule.
const std::map<std::string, RuleText> &ruleTexts() {
  static const std::map<std::string, RuleText> Texts = {
      {"lock-order-inversion",
       {"Lock-order cycle that can deadlock",
        "A cycle in the lock graph: an edge A -> B means some path takes B while holding A. "
        "Threads that follow different edges of the cycle at once can each hold one lock and "
        "wait forever for the next. The steps list, for every edge, where the held lock was "
        "taken, each call on the way, and where the next lock was taken. Fix: take the locks "
        "in one global order, or together with std::scoped_lock."}},
      {"double-lock",
       {"Non-recursive lock taken twice by one thread",
        "A non-recursive lock taken again by the thread that holds it, directly or through "
        "calls (a method calling another method of the same object that takes the same "
        "member lock): the thread waits for itself forever. Recursive mutexes, and a shared "
        "lock taken shared twice, are not reported."}},
      {"instance-order",
       {"Two instances of one member lock taken nested",
        "Two instances of one member lock taken nested, from.mu_ then to.mu_: the "
        "bank-transfer hazard. transfer(a, b) and transfer(b, a) running at once deadlock. "
        "Silent when the function also takes the pair in the other order, or takes both at "
        "once with std::scoped_lock or std::lock. Fix: take both at once with "
        "std::scoped_lock."}},
      {"blocking-under-lock",
       {"Blocking call while holding a lock",
        "A call that can block for a long time (sleep, file or socket I/O, thread join, "
        "future wait, a condition-variable wait that keeps a second lock) made while "
        "holding a lock, directly or through calls: every thread that needs the lock "
        "waits for it too. Fix: release the lock before the call, or move the call out "
        "of the critical section."}},
      {"lock-leak",
       {"Lock still held when the function returns",
        "A lock that is still held on some path when the function returns, in a "
        "function not declared to acquire it: callers do not expect it held, and the "
        "next acquisition blocks forever. Fix: release it on every path (a scoped guard "
        "does), or declare the function ACQUIRE(lock) if its callers expect it held."}},
      {"unlock-not-held",
       {"Lock released where it is not held",
        "A lock released on a path where the function does not hold it, or (seen at run "
        "time) by a thread that does not hold it: never locked, already unlocked, or held "
        "by another thread. Undefined behaviour for std::mutex and pthread mutexes. Fix: "
        "release only what was taken, on the thread that took it (a semaphore, not a "
        "mutex, hands a permit between threads), or declare the function RELEASE(lock) "
        "if its callers hold it."}},
      {"lock-call-failed",
       {"A lock call returned an error",
        "pthread_mutex_lock, a try-lock or an unlock returned an error the program did "
        "not expect (seen at run time): EINVAL (not an initialised lock, or destroyed), "
        "EAGAIN (too many recursive or shared holds), EPERM (an unlock by a thread that "
        "does not own an error-checking mutex), ENOTRECOVERABLE. The critical section "
        "then runs without the lock. Fix: initialise locks before use, never use one "
        "after destroying it, and check the result."}},
      {"cond-wait-not-held",
       {"Condition-variable wait without its mutex",
        "pthread_cond_wait or pthread_cond_timedwait called with a mutex the calling "
        "thread does not hold (seen at run time): undefined behaviour; the wake-up can be "
        "lost. Fix: lock the mutex, test the predicate, then wait."}},
      {"cond-wait-two-mutexes",
       {"One condition variable waited on with two mutexes",
        "Threads wait on one condition variable with different mutexes at the same time "
        "(seen at run time): undefined behaviour (POSIX binds a condition variable to one "
        "mutex while anyone waits). Fix: use one mutex per condition variable."}},
      {"global-lock",
       {"One lock serializes many threads",
        "A namespace-scope or static lock reached from many thread entry points: "
        "the threads queue on it and the work it guards runs one thread at a time, "
        "like an interpreter's global lock. The notes list the entry points and the "
        "longest critical section seen. Fix: split the lock, shorten what it guards, "
        "or give each thread its own state."}},
      {"thread-exit-holding-lock",
       {"A thread ended holding locks",
        "A thread returned from its start routine, or called pthread_exit, with locks still "
        "held (seen at run time): no other thread may release a mutex for it, so a thread "
        "that waits for one waits forever. Fix: release every lock the thread took before "
        "it ends (a scoped guard does)."}},
      {"destroy-held-lock",
       {"A lock destroyed while it is held",
        "pthread_mutex_destroy or pthread_rwlock_destroy of a lock that a thread holds "
        "(seen at run time): undefined behaviour; the holder's unlock, or a waiter, then "
        "works on a destroyed object. Fix: destroy a lock only after every thread is done "
        "with it."}},
      {"declared-order",
       {"Locks taken against their declared order",
        "A path, through calls and across files, that takes locks against their "
        "declared ACQUIRED_BEFORE / ACQUIRED_AFTER order. Clang's -Wthread-safety "
        "checks the order only inside one function. Fix: take the locks in the "
        "declared order, or change the declaration."}},
  };
  return Texts;
}

/// Percent-encodes what may not stand in a URI path (RFC 3986); `:` too, so
/// a relative path is never read as a scheme.
std::string encodeUriPath(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(static_cast<unsigned char>(C) >> 4);
      Out += llvm::hexdigit(static_cast<unsigned char>(C) & 15);
    }
  }
  return Out;
}

class SarifWriter {
public:
  SarifWriter(llvm::raw_ostream &OS, llvm::StringRef SourceRoot) : J(OS, 2) {
    llvm::SmallString<256> Clean = SourceRoot;
    llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
    Root = std::string(Clean);
    // A trailing slash, so that "/src" is no prefix of "/srcfoo/x.cpp".
    if (!Root.empty() && Root.back() != '/')
      Root += '/';
  }

  void write(const std::vector<Finding> &Findings) {
    std::vector<std::string> Rules = allCheckNames();
    for (const Finding &F : Findings)
      if (std::find(Rules.begin(), Rules.end(), F.Check) == Rules.end())
        Rules.push_back(F.Check);
    J.object([&] {
      J.attribute("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/"
                             "schemas/sarif-schema-2.1.0.json");
      J.attribute("version", "2.1.0");
      J.attributeArray("runs", [&] {
        J.object([&] {
          J.attributeObject("tool", [&] {
            J.attributeObject("driver", [&] { writeDriver(Rules); });
          });
          if (!Root.empty() && Root.front() == '/')
            J.attributeObject("originalUriBaseIds", [&] {
              J.attributeObject("%SRCROOT%",
                                [&] { J.attribute("uri", "file://" + encodeUriPath(Root)); });
            });
          J.attributeArray("results", [&] {
            for (const Finding &F : Findings)
              writeResult(F, Rules);
          });
        });
      });
    });
  }

private:
  void writeDriver(const std::vector<std::string> &Rules) {
    J.attribute("name", "lockgraph");
    J.attribute("version", LOCKGRAPH_VERSION);
    J.attribute("semanticVersion", LOCKGRAPH_VERSION);
    // Set by the build (LOCKGRAPH_INFORMATION_URI in tool/CMakeLists.txt);
    // the field is optional, and an invented address would be worse.
    if (llvm::StringRef(LOCKGRAPH_INFORMATION_URI).contains("://"))
      J.attribute("informationUri", LOCKGRAPH_INFORMATION_URI);
    J.attributeArray("rules", [&] {
      for (const std::string &Check : Rules)
        J.object([&] {
          auto It = ruleTexts().find(Check);
          std::string Short = It != ruleTexts().end() ? It->second.Short
                                                      : "lockgraph-" + Check;
          std::string Full = It != ruleTexts().end() ? It->second.Full : Short + ".";
          J.attribute("id", "lockgraph-" + Check);
          J.attribute("name", ruleName(Check));
          J.attributeObject("shortDescription", [&] { J.attribute("text", Short); });
          J.attributeObject("fullDescription", [&] { J.attribute("text", Full); });
          J.attributeObject("help", [&] {
            J.attribute("text", Full + " See docs/checks.md, lockgraph-" + Check + ".");
          });
          J.attributeObject("defaultConfiguration", [&] { J.attribute("level", "warning"); });
          J.attributeObject("properties", [&] {
            J.attributeArray("tags", [&] {
              J.value("concurrency");
              J.value("deadlock");
            });
            J.attribute("problem.severity", "warning");
          });
        });
    });
  }

  /// `lock-order-inversion` -> `LockOrderInversion`, the style of SARIF's
  /// examples and of the names GitHub shows next to the id.
  static std::string ruleName(llvm::StringRef Check) {
    std::string Name;
    bool Upper = true;
    for (char C : Check) {
      if (C == '-') {
        Upper = true;
        continue;
      }
      Name += Upper ? llvm::toUpper(C) : C;
      Upper = false;
    }
    return Name;
  }

  void writePhysical(const SourceSite &S) {
    J.attributeObject("physicalLocation", [&] {
      J.attributeObject("artifactLocation", [&] {
        llvm::StringRef File = S.File;
        if (!Root.empty() && File.starts_with(Root)) {
          J.attribute("uri", encodeUriPath(File.drop_front(Root.size())));
          J.attribute("uriBaseId", "%SRCROOT%");
        } else if (llvm::sys::path::is_absolute(File)) {
          J.attribute("uri", "file://" + encodeUriPath(File));
        } else {
          J.attribute("uri", encodeUriPath(File));
          J.attribute("uriBaseId", "%SRCROOT%");
        }
      });
      if (S.Line >= 1)
        J.attributeObject("region", [&] {
          J.attribute("startLine", S.Line);
          if (S.Column >= 1)
            J.attribute("startColumn", S.Column);
        });
    });
  }

  /// A location object; `Message` and `Id` are left out when empty/negative.
  void writeLocation(const SourceSite &S, const std::string &Message, int Id = -1) {
    J.object([&] {
      if (Id >= 0)
        J.attribute("id", Id);
      writePhysical(S);
      if (!S.Function.empty())
        J.attributeArray("logicalLocations", [&] {
          J.object([&] {
            J.attribute("fullyQualifiedName", S.Function);
            J.attribute("kind", "function");
          });
        });
      if (!Message.empty())
        J.attributeObject("message", [&] { J.attribute("text", Message); });
    });
  }

  /// GitHub rejects a result without a location: a finding whose warning
  /// has no place borrows its first note's.
  static const SourceSite *primarySite(const Finding &F) {
    if (F.Site.valid() && !F.Site.File.empty())
      return &F.Site;
    for (const Note &N : F.Notes)
      if (N.Site.valid() && !N.Site.File.empty())
        return &N.Site;
    return nullptr;
  }

  void writeResult(const Finding &F, const std::vector<std::string> &Rules) {
    J.object([&] {
      J.attribute("ruleId", "lockgraph-" + F.Check);
      J.attribute("ruleIndex",
                  int64_t(std::find(Rules.begin(), Rules.end(), F.Check) - Rules.begin()));
      J.attribute("level", "warning");
      J.attributeObject("message", [&] { J.attribute("text", F.Message); });
      J.attributeArray("locations", [&] {
        if (const SourceSite *S = primarySite(F))
          writeLocation(*S, "");
      });
      if (!F.Id.empty())
        J.attributeObject("partialFingerprints",
                          [&] { J.attribute("lockgraphFindingId/v1", F.Id); });
      std::vector<const Note *> Steps;
      for (const Note &N : F.Notes)
        if (N.Site.valid() && !N.Site.File.empty())
          Steps.push_back(&N);
      if (!Steps.empty())
        J.attributeArray("relatedLocations", [&] {
          for (size_t I = 0; I < Steps.size(); ++I)
            writeLocation(Steps[I]->Site, Steps[I]->Message, int(I + 1));
        });
      if (F.Check == "lock-order-inversion" && !Steps.empty())
        J.attributeArray("codeFlows", [&] {
          J.object([&] {
            J.attributeObject("message", [&] { J.attribute("text", F.Message); });
            J.attributeArray("threadFlows", [&] {
              J.object([&] {
                J.attributeArray("locations", [&] {
                  for (const Note *N : Steps)
                    J.object([&] {
                      J.attributeBegin("location");
                      writeLocation(N->Site, N->Message);
                      J.attributeEnd();
                    });
                });
              });
            });
          });
        });
      if (!F.Tags.empty())
        J.attributeObject("properties", [&] {
          J.attributeArray("tags", [&] {
            for (const std::string &T : F.Tags)
              J.value(T);
          });
        });
    });
  }

  llvm::json::OStream J;
  std::string Root;
};

} // namespace

void writeSarifReport(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                      llvm::StringRef SourceRoot) {
  SarifWriter(OS, SourceRoot).write(Findings);
  OS << "\n";
}

} // namespace lockgraph
