//===- extract/FunctionPointers.h - Slots that function pointers live in --===//
//
// Names the places a function's address can be stored and read back from,
// so an indirect call can be resolved to every function stored there
// anywhere in the program (facts/SlotTargets.h). Field-based, as C
// call-graph builders do: every object of one struct type shares one slot
// per field, so `g_ops.lock = my_lock;` in one file resolves `ops->lock(m)`
// in another, whichever object `ops` points to.
//
// Slot names, equal in every TU that sees the same declaration:
//   var:NAME           a global (`var:lock_fn`), or `var:FILE@NAME` when it
//                      has internal linkage (FILE is the TU's main file);
//   var:FUNC::NAME     a local or function-local static of the function
//                      whose linkage key is FUNC;
//   field:RECORD::NAME a field of a struct, union or class type
//                      (`field:lock_ops::lock`): a typedef names an
//                      anonymous struct;
//   param:FUNC#N       the Nth parameter (from 0) of FUNC, filled by the
//                      direct calls that pass a function;
//   SLOT[]             an element of the array (or pointer) in SLOT
//                      (`var:handlers[]`, `field:plugin::hooks[]`).
// Casts, parentheses, `&f` and `*fp` do not change what is named, so
// function-pointer typedefs and `(lock_fn_t)my_lock` resolve too.
//
// Not named (the call is counted as unresolved, or the store is not seen):
// a pointer returned by a call, a pointer stored through `void *` and read
// back through another type's field, member-function pointers, and
// `std::function`.
//
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_EXTRACT_FUNCTIONPOINTERS_H
#define LOCKGRAPH_EXTRACT_FUNCTIONPOINTERS_H

#include "facts/Facts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <functional>
#include <string>
#include <vector>

namespace lockgraph {

class SlotNamer {
public:
  using KeyOfFn = std::function<std::string(const clang::FunctionDecl *)>;
  SlotNamer(clang::ASTContext &Ctx, KeyOfFn KeyOf, std::string MainFile)
      : Ctx(Ctx), KeyOf(std::move(KeyOf)), MainFile(std::move(MainFile)) {}

  /// The slot that `E` reads (or, on an assignment's left, writes); "" when
  /// it names none.
  std::string slotOf(const clang::Expr *E) const;
  /// The slot an indirect call reads its callee from; "" for a direct call
  /// and for one through a pointer that names no slot.
  std::string calleeSlot(const clang::CallExpr *CE) const;
  /// The callee as written (`ops->lock`, `(*lock_fn)`), for messages.
  std::string calleeText(const clang::CallExpr *CE) const;

  std::string varSlot(const clang::VarDecl *VD) const;
  std::string fieldSlot(const clang::FieldDecl *FD) const;
  std::string paramSlot(const clang::FunctionDecl *FD, unsigned Index) const;
  std::string keyOf(const clang::FunctionDecl *FD) const { return KeyOf(FD); }

private:
  clang::ASTContext &Ctx;
  KeyOfFn KeyOf;
  std::string MainFile;
};

/// A store of the TU, with the stored function's declaration when it is one
/// (so the TU can use the facts of targets it defines itself).
struct TUSlotStore {
  SlotStore Fact;
  const clang::FunctionDecl *Function = nullptr;
};

/// Every store into a slot that the TU's user code makes (not system
/// headers): assignments, variable and aggregate initialisers (designated
/// or positional, nested, compound literals), constructor member
/// initialisers, and function addresses or slot values passed directly to
/// a parameter of a user function. Each distinct store once.
std::vector<TUSlotStore> collectSlotStores(clang::ASTContext &Ctx, const SlotNamer &Namer);

} // namespace lockgraph

#endif
