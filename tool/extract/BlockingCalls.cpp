//===- extract/BlockingCalls.cpp ------------------------------------------===//
#include "extract/BlockingCalls.h"

#include "extract/LockOperations.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace lockgraph {

static const llvm::StringSet<> &blockingCFunctions() {
  static const llvm::StringSet<> Names = {
      "sleep", "usleep", "nanosleep", "clock_nanosleep", "read", "write", "pread",
      "pwrite", "readv", "writev", "recv", "recvfrom", "recvmsg", "send", "sendto",
      "sendmsg", "connect", "accept", "accept4", "poll", "ppoll", "select", "pselect",
      "epoll_wait", "epoll_pwait", "fread", "fwrite", "fgets", "fputs", "fflush",
      "fsync", "fdatasync", "fopen", "getline", "waitpid", "wait", "system",
      "pthread_join", "sem_wait", "msgrcv", "msgsnd", "flock", "lockf"};
  return Names;
}

static bool isStdRecordNamed(const CXXRecordDecl *RD, llvm::ArrayRef<StringRef> Names) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return llvm::is_contained(Names, RD->getName());
}

static bool isStdStream(const CXXRecordDecl *RD) {
  return isStdRecordNamed(RD, {"basic_ifstream", "basic_ofstream", "basic_fstream",
                               "basic_istream", "basic_ostream", "basic_iostream",
                               "basic_filebuf"});
}

BlockingInfo classifyBlocking(const Expr *Call, const std::vector<std::string> &Extra) {
  BlockingInfo Info;
  const FunctionDecl *FD = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    FD = CE->getDirectCallee();
  else if (const auto *CC = dyn_cast<CXXConstructExpr>(Call))
    FD = CC->getConstructor();
  if (!FD || !FD->getIdentifier() && !isa<CXXConstructorDecl>(FD))
    return Info;

  std::string Qualified = FD->getQualifiedNameAsString();
  for (const std::string &Name : Extra)
    if (Name == Qualified || (FD->getIdentifier() && Name == FD->getName())) {
      Info.Kind = BlockingKind::Blocks;
      return Info;
    }

  if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD)) {
    // Opening a file stream blocks on the file system.
    if (isStdRecordNamed(CD->getParent(), {"basic_ifstream", "basic_ofstream", "basic_fstream"}) &&
        cast<CXXConstructExpr>(Call)->getNumArgs() >= 1 && !CD->isCopyOrMoveConstructor())
      Info.Kind = BlockingKind::Blocks;
    return Info;
  }

  StringRef Name = FD->getName();
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    const CXXRecordDecl *RD = MD->getParent();
    if (isStdRecordNamed(RD, {"condition_variable", "condition_variable_any"}) &&
        Name.starts_with("wait")) {
      const auto *CE = cast<CallExpr>(Call);
      Info.Kind = BlockingKind::ConditionWait;
      Info.Released = CE->getNumArgs() > 0 ? CE->getArg(0) : nullptr;
      return Info;
    }
    if ((isStdRecordNamed(RD, {"thread", "jthread"}) && Name == "join") ||
        (isStdRecordNamed(RD, {"future", "shared_future"}) &&
         (Name == "get" || Name.starts_with("wait"))) ||
        (isStdStream(RD) && llvm::is_contained({"open", "read", "write", "getline",
                                                "flush", "readsome", "get"},
                                               Name)))
      Info.Kind = BlockingKind::Blocks;
    return Info;
  }
  // std::this_thread is a namespace inside std, so isInStdNamespace() (the
  // immediate context) is false for its functions.
  if (const auto *NS = dyn_cast<NamespaceDecl>(FD->getDeclContext());
      NS && NS->getName() == "this_thread" && NS->getParent()->isStdNamespace()) {
    if (Name.starts_with("sleep"))
      Info.Kind = BlockingKind::Blocks;
    return Info;
  }
  if (FD->isInStdNamespace())
    return Info;
  if (Name == "pthread_cond_wait" || Name == "pthread_cond_timedwait") {
    const auto *CE = cast<CallExpr>(Call);
    Info.Kind = BlockingKind::ConditionWait;
    Info.Released = CE->getNumArgs() > 1 ? CE->getArg(1) : nullptr;
    return Info;
  }
  if (FD->getDeclContext()->getRedeclContext()->isTranslationUnit() &&
      blockingCFunctions().contains(Name))
    Info.Kind = BlockingKind::Blocks;
  return Info;
}

} // namespace lockgraph
