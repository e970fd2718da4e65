//===- facts/FactsJSON.cpp ------------------------------------------------===//
#include "facts/FactsJSON.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

namespace lockgraph {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

Value site(const SourceSite &S) {
  return Array{S.File, S.Line, S.Column, S.Function};
}

Value lock(const LockRef &L) {
  Object O{{"kind", kindName(L.Kind)}, {"name", L.Name}};
  if (!L.Instance.empty())
    O["instance"] = L.Instance;
  if (L.Kind == LockKind::Param)
    O["param"] = L.ParamIndex;
  if (!L.Type.empty())
    O["type"] = L.Type;
  if (L.Recursive)
    O["recursive"] = true;
  return O;
}

Value locks(const std::vector<LockRef> &Locks) {
  Array A;
  for (const LockRef &L : Locks)
    A.push_back(lock(L));
  return A;
}

Value held(const std::vector<HeldLock> &Held) {
  Array A;
  for (const HeldLock &H : Held)
    A.push_back(Object{{"lock", lock(H.Lock)}, {"mode", modeName(H.Mode)},
                       {"at", site(H.AcquiredAt)}});
  return A;
}

/// `[param, value, "=="|"!="]` per condition, `[param, value, op,
/// field]` for a test of a field of what the parameter points to.
Value conditions(const std::vector<ParamCondition> &When) {
  Array A;
  for (const ParamCondition &C : When) {
    Array Entry{C.Param, C.Value, C.Equal ? "==" : "!="};
    if (!C.Field.empty())
      Entry.push_back(C.Field);
    A.push_back(std::move(Entry));
  }
  return A;
}

/// Reads with a path for error messages, the way llvm::json::ObjectMapper
/// does, but returning our own types.
class Reader {
public:
  explicit Reader(llvm::StringRef Name) : Name(Name) {}

  llvm::Error error(const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s: %s", Name.str().c_str(), What.str().c_str());
  }

  bool site(const Value *V, SourceSite &S) {
    const Array *A = V ? V->getAsArray() : nullptr;
    if (!A || A->size() != 4)
      return false;
    auto File = (*A)[0].getAsString(), Fn = (*A)[3].getAsString();
    auto Line = (*A)[1].getAsInteger(), Col = (*A)[2].getAsInteger();
    if (!File || !Fn || !Line || !Col)
      return false;
    S = {File->str(), unsigned(*Line), unsigned(*Col), Fn->str()};
    return true;
  }

  bool kind(llvm::StringRef K, LockKind &Out) {
    for (LockKind C : {LockKind::Global, LockKind::Member, LockKind::Param,
                       LockKind::Local, LockKind::Unknown})
      if (K == kindName(C)) {
        Out = C;
        return true;
      }
    return false;
  }

  bool mode(const Value *V, AcquireMode &Out) {
    auto S = V ? V->getAsString() : std::nullopt;
    if (!S)
      return false;
    for (AcquireMode M : {AcquireMode::Exclusive, AcquireMode::Shared, AcquireMode::Try})
      if (*S == modeName(M)) {
        Out = M;
        return true;
      }
    return false;
  }

  /// Absent is none; anything but a list of conditions is malformed.
  bool conditions(const Value *V, std::vector<ParamCondition> &Out) {
    if (!V)
      return true;
    const Array *A = V->getAsArray();
    if (!A)
      return false;
    for (const Value &CV : *A) {
      const Array *C = CV.getAsArray();
      if (!C || (C->size() != 3 && C->size() != 4))
        return false;
      auto Param = (*C)[0].getAsInteger(), Value = (*C)[1].getAsInteger();
      auto Op = (*C)[2].getAsString();
      if (!Param || *Param < 0 || !Value || !Op || (*Op != "==" && *Op != "!="))
        return false;
      std::optional<llvm::StringRef> Field;
      if (C->size() == 4 && !(Field = (*C)[3].getAsString()))
        return false;
      Out.push_back({unsigned(*Param), *Value, *Op == "==", Field ? Field->str() : ""});
    }
    return true;
  }

  bool lock(const Value *V, LockRef &L) {
    const Object *O = V ? V->getAsObject() : nullptr;
    if (!O)
      return false;
    auto K = O->getString("kind");
    auto N = O->getString("name");
    if (!K || !N || !kind(*K, L.Kind))
      return false;
    L.Name = N->str();
    if (auto I = O->getString("instance"))
      L.Instance = I->str();
    if (auto P = O->getInteger("param"))
      L.ParamIndex = unsigned(*P);
    if (auto T = O->getString("type"))
      L.Type = T->str();
    L.Recursive = O->getBoolean("recursive").value_or(false);
    return true;
  }

  bool heldList(const Value *V, std::vector<HeldLock> &Out) {
    const Array *A = V ? V->getAsArray() : nullptr;
    if (!A)
      return false;
    for (const Value &E : *A) {
      const Object *O = E.getAsObject();
      HeldLock H;
      if (!O || !lock(O->get("lock"), H.Lock) || !mode(O->get("mode"), H.Mode) ||
          !site(O->get("at"), H.AcquiredAt))
        return false;
      Out.push_back(std::move(H));
    }
    return true;
  }

  bool function(const Value &V, FunctionFacts &F) {
    const Object *O = V.getAsObject();
    if (!O)
      return false;
    auto Key = O->getString("key"), Name = O->getString("name");
    if (!Key || !Name || !site(O->get("site"), F.Site))
      return false;
    F.Key = Key->str();
    F.Name = Name->str();
    const Array *Acqs = O->getArray("acquisitions");
    const Array *Calls = O->getArray("calls");
    if (!Acqs || !Calls)
      return false;
    for (const Value &AV : *Acqs) {
      const Object *AO = AV.getAsObject();
      Acquisition A;
      if (!AO || !lock(AO->get("lock"), A.Lock) || !mode(AO->get("mode"), A.Mode) ||
          !site(AO->get("site"), A.Site) || !heldList(AO->get("held"), A.Held))
        return false;
      if (const Array *R = AO->getArray("released"))
        for (const Value &RV : *R) {
          LockRef L;
          if (!lock(&RV, L))
            return false;
          A.Released.push_back(std::move(L));
        }
      if (!conditions(AO->get("when"), A.When))
        return false;
      F.Acquisitions.push_back(std::move(A));
    }
    for (const Value &CV : *Calls) {
      const Object *CO = CV.getAsObject();
      CallFact C;
      if (!CO || !site(CO->get("site"), C.Site) || !heldList(CO->get("held"), C.Held))
        return false;
      auto Callee = CO->getString("callee"), CalleeName = CO->getString("callee_name");
      const Array *Args = CO->getArray("args");
      if (!Callee || !CalleeName || !Args)
        return false;
      C.Callee = Callee->str();
      C.CalleeName = CalleeName->str();
      if (auto I = CO->getString("object"))
        C.ObjectInstance = I->str();
      C.Virtual = CO->getBoolean("virtual").value_or(false);
      if (auto Slot = CO->getString("slot"))
        C.Slot = Slot->str();
      C.WrapperApplied = CO->getBoolean("wrapper_applied").value_or(false);
      if (const Array *R = CO->getArray("released"))
        for (const Value &RV : *R) {
          LockRef L;
          if (!lock(&RV, L))
            return false;
          C.Released.push_back(std::move(L));
        }
      for (const Value &ArgV : *Args) {
        const Object *ArgO = ArgV.getAsObject();
        if (!ArgO)
          return false;
        CallArg Arg;
        if (const Value *L = ArgO->get("lock")) {
          Arg.IsLock = true;
          if (!lock(L, Arg.Lock))
            return false;
        }
        if (auto I = ArgO->getString("instance"))
          Arg.Instance = I->str();
        if (auto K = ArgO->getInteger("constant"))
          Arg.Constant = *K;
        if (auto D = ArgO->getString("descriptor"))
          Arg.Descriptor = D->str();
        if (auto P = ArgO->getInteger("forwards_param"); P && *P >= 0)
          Arg.ForwardsParam = unsigned(*P);
        if (const Object *Known = ArgO->getObject("known_fields"))
          for (const auto &[Field, Truth] : *Known) {
            auto B = Truth.getAsBoolean();
            if (!B)
              return false;
            Arg.KnownFields.emplace_back(Field.str(), *B);
          }
        std::sort(Arg.KnownFields.begin(), Arg.KnownFields.end());
        C.Args.push_back(std::move(Arg));
      }
      if (!conditions(CO->get("when"), C.When))
        return false;
      F.Calls.push_back(std::move(C));
    }
    if (const Value *R = O->get("returns_held"))
      if (!heldList(R, F.ReturnsHeld))
        return false;
    if (const Array *B = O->getArray("blocking_calls"))
      for (const Value &BV : *B) {
        const Object *BO = BV.getAsObject();
        BlockingCall BC;
        auto Callee = BO ? BO->getString("callee") : std::nullopt;
        if (!Callee || !site(BO->get("site"), BC.Site) || !heldList(BO->get("held"), BC.Held))
          return false;
        BC.Callee = Callee->str();
        BC.ConditionWait = BO->getBoolean("condition_wait").value_or(false);
        if (const Array *R = BO->getArray("released"))
          for (const Value &RV : *R) {
            LockRef L;
            if (!lock(&RV, L))
              return false;
            BC.Released.push_back(std::move(L));
          }
        if (!conditions(BO->get("when"), BC.When))
          return false;
        if (auto D = BO->getString("descriptor"))
          BC.Descriptor = D->str();
        F.BlockingCalls.push_back(std::move(BC));
      }
    if (const Array *T = O->getArray("thread_starts"))
      for (const Value &TV : *T) {
        const Object *TO = TV.getAsObject();
        ThreadStart TS;
        auto Entry = TO ? TO->getString("entry") : std::nullopt;
        auto Name = TO ? TO->getString("entry_name") : std::nullopt;
        if (!Entry || !Name || !site(TO->get("site"), TS.Site))
          return false;
        TS.Entry = Entry->str();
        TS.EntryName = Name->str();
        TS.InLoop = TO->getBoolean("in_loop").value_or(false);
        F.ThreadStarts.push_back(std::move(TS));
      }
    if (const Array *U = O->getArray("unheld_releases"))
      for (const Value &UV : *U) {
        const Object *UO = UV.getAsObject();
        UnheldRelease R;
        if (!unheldRelease(UO, R))
          return false;
        F.UnheldReleases.push_back(std::move(R));
      }
    F.NeverReturns = O->getBoolean("never_returns").value_or(false);
    F.NoThreadSafetyAnalysis = O->getBoolean("no_thread_safety_analysis").value_or(false);
    F.NeverBlocks = O->getBoolean("never_blocks").value_or(false);
    if (auto W = O->getString("acquires_when_returns")) {
      if (*W != "nonzero" && *W != "zero")
        return false;
      F.AcquiresWhenReturnsTruthy = *W == "nonzero";
    }
    if (const Array *N = O->getArray("non_blocking_descriptors"))
      for (const Value &NV : *N) {
        auto D = NV.getAsString();
        if (!D)
          return false;
        F.NonBlockingDescriptors.push_back(D->str());
      }
    if (const Array *C = O->getArray("descriptor_copies"))
      for (const Value &CV : *C) {
        const Array *Pair = CV.getAsArray();
        auto To = Pair && Pair->size() == 2 ? (*Pair)[0].getAsString() : std::nullopt;
        auto From = Pair && Pair->size() == 2 ? (*Pair)[1].getAsString() : std::nullopt;
        if (!To || !From)
          return false;
        F.DescriptorCopies.push_back({To->str(), From->str()});
      }
    if (const Value *H = O->get("acquires_for_caller"))
      if (!heldList(H, F.AcquiresForCaller))
        return false;
    if (const Array *U = O->getArray("releases_for_caller"))
      for (const Value &UV : *U) {
        UnheldRelease R;
        if (!unheldRelease(UV.getAsObject(), R))
          return false;
        F.ReleasesForCaller.push_back(std::move(R));
      }
    if (const Value *H = O->get("held_at_exit"))
      if (!heldList(H, F.HeldAtExit) || !site(O->get("exit_site"), F.ExitSite))
        return false;
    return true;
  }

private:
  bool unheldRelease(const Object *UO, UnheldRelease &R) {
    if (!UO || !lock(UO->get("lock"), R.Lock) || !site(UO->get("site"), R.Site))
      return false;
    if (auto Via = UO->getString("via")) {
      R.Via = Via->str();
      if (!site(UO->get("released_at"), R.ReleasedAt))
        return false;
    }
    return true;
  }

  llvm::StringRef Name;
};

} // namespace

void writeFacts(llvm::raw_ostream &OS, const TUFacts &Facts) {
  Array Functions;
  for (const FunctionFacts &F : Facts.Functions) {
    Array Acqs, Calls;
    for (const Acquisition &A : F.Acquisitions) {
      Object AO{{"lock", lock(A.Lock)}, {"mode", modeName(A.Mode)},
                {"site", site(A.Site)}, {"held", held(A.Held)}};
      if (!A.Released.empty()) {
        Array R;
        for (const LockRef &L : A.Released)
          R.push_back(lock(L));
        AO["released"] = std::move(R);
      }
      if (!A.When.empty())
        AO["when"] = conditions(A.When);
      Acqs.push_back(std::move(AO));
    }
    for (const CallFact &C : F.Calls) {
      Array Args;
      for (const CallArg &Arg : C.Args) {
        Object AO;
        if (Arg.IsLock)
          AO["lock"] = lock(Arg.Lock);
        if (!Arg.Instance.empty())
          AO["instance"] = Arg.Instance;
        if (Arg.Constant)
          AO["constant"] = *Arg.Constant;
        if (!Arg.Descriptor.empty())
          AO["descriptor"] = Arg.Descriptor;
        if (Arg.ForwardsParam)
          AO["forwards_param"] = *Arg.ForwardsParam;
        if (!Arg.KnownFields.empty()) {
          Object Known;
          for (const auto &[Field, Truth] : Arg.KnownFields)
            Known[Field] = Truth;
          AO["known_fields"] = std::move(Known);
        }
        Args.push_back(std::move(AO));
      }
      Object CO{{"callee", C.Callee}, {"callee_name", C.CalleeName},
                {"site", site(C.Site)}, {"held", held(C.Held)}, {"args", std::move(Args)}};
      if (!C.ObjectInstance.empty())
        CO["object"] = C.ObjectInstance;
      if (C.Virtual)
        CO["virtual"] = true;
      if (!C.Slot.empty())
        CO["slot"] = C.Slot;
      if (C.WrapperApplied)
        CO["wrapper_applied"] = true;
      if (!C.Released.empty()) {
        Array R;
        for (const LockRef &L : C.Released)
          R.push_back(lock(L));
        CO["released"] = std::move(R);
      }
      if (!C.When.empty())
        CO["when"] = conditions(C.When);
      Calls.push_back(std::move(CO));
    }
    Object FO{{"key", F.Key}, {"name", F.Name}, {"site", site(F.Site)},
              {"acquisitions", std::move(Acqs)}, {"calls", std::move(Calls)}};
    if (!F.ReturnsHeld.empty())
      FO["returns_held"] = held(F.ReturnsHeld);
    if (!F.BlockingCalls.empty()) {
      Array B;
      for (const BlockingCall &BC : F.BlockingCalls) {
        Object BO{{"callee", BC.Callee},
                  {"site", site(BC.Site)},
                  {"held", held(BC.Held)},
                  {"condition_wait", BC.ConditionWait},
                  {"released", locks(BC.Released)}};
        if (!BC.When.empty())
          BO["when"] = conditions(BC.When);
        if (!BC.Descriptor.empty())
          BO["descriptor"] = BC.Descriptor;
        B.push_back(std::move(BO));
      }
      FO["blocking_calls"] = std::move(B);
    }
    if (!F.ThreadStarts.empty()) {
      Array T;
      for (const ThreadStart &TS : F.ThreadStarts)
        T.push_back(Object{{"entry", TS.Entry}, {"entry_name", TS.EntryName},
                           {"site", site(TS.Site)}, {"in_loop", TS.InLoop}});
      FO["thread_starts"] = std::move(T);
    }
    auto Unheld = [](const std::vector<UnheldRelease> &Rs) {
      Array U;
      for (const UnheldRelease &R : Rs) {
        Object RO{{"lock", lock(R.Lock)}, {"site", site(R.Site)}};
        if (!R.Via.empty()) {
          RO["via"] = R.Via;
          RO["released_at"] = site(R.ReleasedAt);
        }
        U.push_back(std::move(RO));
      }
      return U;
    };
    if (!F.UnheldReleases.empty())
      FO["unheld_releases"] = Unheld(F.UnheldReleases);
    if (!F.AcquiresForCaller.empty())
      FO["acquires_for_caller"] = held(F.AcquiresForCaller);
    if (F.NeverReturns)
      FO["never_returns"] = true;
    if (F.NoThreadSafetyAnalysis)
      FO["no_thread_safety_analysis"] = true;
    if (F.NeverBlocks)
      FO["never_blocks"] = true;
    if (F.AcquiresWhenReturnsTruthy)
      FO["acquires_when_returns"] = *F.AcquiresWhenReturnsTruthy ? "nonzero" : "zero";
    if (!F.NonBlockingDescriptors.empty()) {
      Array N;
      for (const std::string &D : F.NonBlockingDescriptors)
        N.push_back(D);
      FO["non_blocking_descriptors"] = std::move(N);
    }
    if (!F.DescriptorCopies.empty()) {
      Array C;
      for (const auto &[To, From] : F.DescriptorCopies)
        C.push_back(Array{To, From});
      FO["descriptor_copies"] = std::move(C);
    }
    if (!F.ReleasesForCaller.empty())
      FO["releases_for_caller"] = Unheld(F.ReleasesForCaller);
    if (!F.HeldAtExit.empty()) {
      FO["held_at_exit"] = held(F.HeldAtExit);
      FO["exit_site"] = site(F.ExitSite);
    }
    Functions.push_back(std::move(FO));
  }
  Array Inputs;
  for (const std::string &I : Facts.Inputs)
    Inputs.push_back(I);
  Array Orders;
  for (const DeclaredOrder &D : Facts.DeclaredOrders)
    Orders.push_back(Object{{"before", D.Before}, {"after", D.After}, {"site", site(D.Site)}});
  Array Overrides;
  for (const OverrideFact &O : Facts.Overrides)
    Overrides.push_back(Object{{"overridden", O.Overridden}, {"overrider", O.Overrider},
                               {"overrider_name", O.OverriderName}});
  Array Programs;
  for (const std::string &P : Facts.Programs)
    Programs.push_back(P);
  Array Stores;
  for (const SlotStore &S : Facts.SlotStores) {
    Object SO{{"slot", S.Slot}, {"site", site(S.Site)}};
    if (S.Function.empty()) {
      SO["from_slot"] = S.FromSlot;
    } else {
      SO["function"] = S.Function;
      SO["function_name"] = S.FunctionName;
    }
    Stores.push_back(std::move(SO));
  }
  Value Root = Object{{"format", "lockgraph-facts"},
                      {"version", FactsFormatVersion},
                      {"main_file", Facts.MainFile},
                      {"unresolved_calls", Facts.UnresolvedCalls},
                      {"inputs", std::move(Inputs)},
                      {"declared_orders", std::move(Orders)},
                      {"overrides", std::move(Overrides)},
                      {"programs", std::move(Programs)},
                      {"slot_stores", std::move(Stores)},
                      {"functions", std::move(Functions)}};
  OS << Root << "\n";
}

llvm::Expected<TUFacts> parseFacts(llvm::StringRef Text, llvm::StringRef Name) {
  Reader R(Name);
  llvm::Expected<Value> Root = llvm::json::parse(Text);
  if (!Root)
    return R.error("not a facts file: " + llvm::toString(Root.takeError()));
  const Object *O = Root->getAsObject();
  if (!O || O->getString("format") != llvm::StringRef("lockgraph-facts"))
    return R.error("not a lockgraph facts file");
  auto Version = O->getInteger("version");
  if (!Version || *Version != FactsFormatVersion)
    return R.error("facts format version " +
                   (Version ? std::to_string(*Version) : std::string("?")) +
                   ", this lockgraph reads version " + std::to_string(FactsFormatVersion));
  TUFacts Facts;
  auto Main = O->getString("main_file");
  const Array *Functions = O->getArray("functions");
  if (!Main || !Functions)
    return R.error("malformed facts: missing main_file or functions");
  Facts.MainFile = Main->str();
  Facts.UnresolvedCalls = unsigned(O->getInteger("unresolved_calls").value_or(0));
  if (const Array *Orders = O->getArray("declared_orders"))
    for (const Value &DV : *Orders) {
      const Object *DO = DV.getAsObject();
      DeclaredOrder D;
      auto Before = DO ? DO->getString("before") : std::nullopt;
      auto After = DO ? DO->getString("after") : std::nullopt;
      if (!Before || !After || !R.site(DO->get("site"), D.Site))
        return R.error("malformed facts: declared_orders");
      D.Before = Before->str();
      D.After = After->str();
      Facts.DeclaredOrders.push_back(std::move(D));
    }
  if (const Array *Overrides = O->getArray("overrides"))
    for (const Value &OV : *Overrides) {
      const Object *OO = OV.getAsObject();
      auto Base = OO ? OO->getString("overridden") : std::nullopt;
      auto Over = OO ? OO->getString("overrider") : std::nullopt;
      auto Name = OO ? OO->getString("overrider_name") : std::nullopt;
      if (!Base || !Over || !Name)
        return R.error("malformed facts: overrides");
      Facts.Overrides.push_back({Base->str(), Over->str(), Name->str()});
    }
  if (const Array *Programs = O->getArray("programs"))
    for (const Value &P : *Programs) {
      auto S = P.getAsString();
      if (!S)
        return R.error("malformed facts: programs");
      Facts.Programs.push_back(S->str());
    }
  if (const Array *Stores = O->getArray("slot_stores"))
    for (const Value &SV : *Stores) {
      const Object *SO = SV.getAsObject();
      SlotStore S;
      auto Slot = SO ? SO->getString("slot") : std::nullopt;
      auto Function = SO ? SO->getString("function") : std::nullopt;
      auto Name = SO ? SO->getString("function_name") : std::nullopt;
      auto From = SO ? SO->getString("from_slot") : std::nullopt;
      if (!Slot || (Function ? !Name : !From) || !R.site(SO->get("site"), S.Site))
        return R.error("malformed facts: slot_stores");
      S.Slot = Slot->str();
      if (Function) {
        S.Function = Function->str();
        S.FunctionName = Name->str();
      } else {
        S.FromSlot = From->str();
      }
      Facts.SlotStores.push_back(std::move(S));
    }
  if (const Array *Inputs = O->getArray("inputs"))
    for (const Value &I : *Inputs)
      if (auto S = I.getAsString())
        Facts.Inputs.push_back(S->str());
  for (const Value &FV : *Functions) {
    FunctionFacts F;
    if (!R.function(FV, F))
      return R.error("malformed facts: function #" +
                     std::to_string(Facts.Functions.size()));
    Facts.Functions.push_back(std::move(F));
  }
  return Facts;
}

llvm::Expected<TUFacts> readFactsFile(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return llvm::createStringError(Buf.getError(), "%s: %s", Path.str().c_str(),
                                   Buf.getError().message().c_str());
  return parseFacts((*Buf)->getBuffer(), Path);
}

} // namespace lockgraph
