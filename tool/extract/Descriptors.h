//===- extract/Descriptors.h - File descriptors made non-blocking ---------===//
//
// `write`, `send`, `read`, `accept`... on a descriptor the program made
// non-blocking return at once instead of waiting, so they are no
// `blocking-under-lock` (issue 12, item 4: mosquitto wakes its loop by
// writing a byte to a socket pair made non-blocking at start-up, under its
// message lock). What this file sees, per function and flow-insensitively:
//   - descriptors made non-blocking: `fcntl(fd, F_SETFL, ... O_NONBLOCK)`,
//     `socket(..., SOCK_NONBLOCK, ...)`, `accept4(..., SOCK_NONBLOCK)`,
//     `socketpair(..., SOCK_NONBLOCK, ..., sv)`, `pipe2(fds, O_NONBLOCK)`;
//   - copies of one descriptor into another (`*pairW = sv[1];`), and what
//     descriptor each call argument is, so analysis/ can follow them through
//     helpers (`net__socket_nonblock(&sv[1])`) and into struct fields.
//
// A descriptor is named by the storage that holds it, in the function's
// frame: "param:N" (the value of an integer parameter, or what a pointer
// parameter points to), "local:name", "global:name", "field:Record::name";
// an element of an array adds "[]". A field or global made non-blocking
// anywhere counts everywhere (its writes and reads are not ordered).
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_DESCRIPTORS_H
#define LOCKGRAPH_EXTRACT_DESCRIPTORS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <string>
#include <utility>
#include <vector>

namespace lockgraph {

struct DescriptorFacts {
  std::vector<std::string> NonBlocking;
  std::vector<std::pair<std::string, std::string>> Copies; ///< (to, from)
};

DescriptorFacts collectDescriptorFacts(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

/// The descriptor a call argument denotes: for an integer, the storage it
/// is read from; for a pointer, what it points to. "" when unknown.
std::string argumentDescriptor(const clang::Expr *Arg, const clang::FunctionDecl *FD);

/// The descriptor an I/O call (`write(fd, ...)`) works on; "" for calls
/// that take none (sleep, join) or one that cannot be named.
std::string ioDescriptor(const clang::Expr *Call, const clang::FunctionDecl *FD);

} // namespace lockgraph

#endif
