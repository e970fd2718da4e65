//===- driver/LinkUnits.cpp -----------------------------------------------===//
#include "driver/LinkUnits.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace lockgraph {

namespace json = llvm::json;

static std::string normalized(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    P = Base;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

LinkUnits::LinkUnits(std::vector<Target> TargetList) : Targets(std::move(TargetList)) {
  std::map<std::string, size_t> ByName;
  for (size_t I = 0; I < Targets.size(); ++I) {
    ByName.emplace(Targets[I].Name, I);
    for (const std::string &S : Targets[I].Sources)
      CompiledBy[S].push_back(I);
  }
  // A library's sources are in its own unit and in that of every target
  // that links it, however indirectly (a link cycle is visited once).
  LinkedInto.resize(Targets.size());
  for (size_t T = 0; T < Targets.size(); ++T) {
    std::set<size_t> Seen{T};
    std::vector<size_t> Work{T};
    while (!Work.empty()) {
      size_t Cur = Work.back();
      Work.pop_back();
      LinkedInto[Cur].push_back(Targets[T].Name);
      for (const std::string &Dep : Targets[Cur].Links) {
        auto It = ByName.find(Dep);
        if (It != ByName.end() && Targets[It->second].IsLibrary && Seen.insert(It->second).second)
          Work.push_back(It->second);
      }
    }
  }
  for (std::vector<std::string> &Units : LinkedInto)
    std::sort(Units.begin(), Units.end());
}

std::vector<std::string> LinkUnits::programsOf(llvm::StringRef File,
                                               llvm::StringRef Output) const {
  llvm::SmallString<256> Absolute(File);
  llvm::sys::fs::make_absolute(Absolute);
  auto It = CompiledBy.find(normalized("/", Absolute));
  if (It == CompiledBy.end())
    return {};
  std::vector<size_t> Owners = It->second;
  // Several targets compile the file: CMake puts each one's object under
  // CMakeFiles/<target>.dir/, which tells whose command this is.
  if (Owners.size() > 1 && !Output.empty()) {
    std::vector<size_t> ByObject;
    for (size_t T : Owners)
      if (Output.contains(fmt::format("CMakeFiles/{}.dir/", Targets[T].Name)))
        ByObject.push_back(T);
    if (!ByObject.empty())
      Owners = ByObject;
  }
  std::set<std::string> Units;
  for (size_t T : Owners)
    Units.insert(LinkedInto[T].begin(), LinkedInto[T].end());
  return {Units.begin(), Units.end()};
}

std::string cmakeQueryFile(llvm::StringRef BuildDir) {
  llvm::SmallString<256> P(BuildDir);
  llvm::sys::path::append(P, ".cmake/api/v1/query/codemodel-v2");
  return std::string(P);
}

namespace {

llvm::Error bad(llvm::StringRef Path, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Path + ": " + What);
}

llvm::Expected<json::Value> readJSON(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return bad(Path, "cannot read: " + Buffer.getError().message());
  llvm::Expected<json::Value> V = json::parse((*Buffer)->getBuffer());
  if (!V)
    return bad(Path, "not JSON: " + llvm::toString(V.takeError()));
  return V;
}

/// The target of one codemodel entry: its sources (relative to the top
/// source directory) and the targets it depends on, by id.
llvm::Expected<LinkUnits::Target> readCMakeTarget(llvm::StringRef Path, llvm::StringRef SourceDir,
                                                  std::vector<std::string> &DependencyIds) {
  llvm::Expected<json::Value> V = readJSON(Path);
  if (!V)
    return V.takeError();
  const json::Object *O = V->getAsObject();
  auto Name = O ? O->getString("name") : std::nullopt;
  auto Type = O ? O->getString("type") : std::nullopt;
  if (!Name || !Type)
    return bad(Path, "a target without a name or type");
  LinkUnits::Target T;
  T.Name = Name->str();
  T.IsLibrary = Type->ends_with("_LIBRARY");
  if (const json::Array *Sources = O->getArray("sources"))
    for (const json::Value &S : *Sources)
      if (const json::Object *SO = S.getAsObject())
        if (auto P = SO->getString("path"))
          T.Sources.push_back(normalized(SourceDir, *P));
  if (const json::Array *Deps = O->getArray("dependencies"))
    for (const json::Value &D : *Deps)
      if (const json::Object *DO = D.getAsObject())
        if (auto Id = DO->getString("id"))
          DependencyIds.push_back(Id->str());
  return T;
}

} // namespace

llvm::Expected<std::optional<LinkUnits>> readCMakeLinkUnits(llvm::StringRef BuildDir) {
  llvm::SmallString<256> Reply(BuildDir);
  llvm::sys::path::append(Reply, ".cmake/api/v1/reply");
  if (!llvm::sys::fs::is_directory(Reply))
    return std::nullopt;
  // The newest index names the codemodel file of the last run.
  std::string Index;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Reply, EC), End; !EC && It != End;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.starts_with("index-") && Name.ends_with(".json") && It->path() > Index)
      Index = It->path();
  }
  if (Index.empty())
    return std::nullopt;
  llvm::Expected<json::Value> IndexJSON = readJSON(Index);
  if (!IndexJSON)
    return IndexJSON.takeError();
  const json::Object *Root = IndexJSON->getAsObject();
  const json::Object *Replies = Root ? Root->getObject("reply") : nullptr;
  const json::Object *Codemodel = Replies ? Replies->getObject("codemodel-v2") : nullptr;
  auto CodemodelFile = Codemodel ? Codemodel->getString("jsonFile") : std::nullopt;
  if (!CodemodelFile)
    return std::nullopt; // no codemodel was asked for
  std::string CodemodelPath = normalized(Reply, *CodemodelFile);
  llvm::Expected<json::Value> Model = readJSON(CodemodelPath);
  if (!Model)
    return Model.takeError();
  const json::Object *M = Model->getAsObject();
  const json::Object *Paths = M ? M->getObject("paths") : nullptr;
  auto SourceDir = Paths ? Paths->getString("source") : std::nullopt;
  const json::Array *Configurations = M ? M->getArray("configurations") : nullptr;
  if (!SourceDir || !Configurations || Configurations->empty())
    return bad(CodemodelPath, "no source path or configurations");
  // One configuration is enough: a multi-config generator's targets link
  // the same sources in each.
  const json::Object *Config = (*Configurations)[0].getAsObject();
  const json::Array *Entries = Config ? Config->getArray("targets") : nullptr;
  if (!Entries)
    return bad(CodemodelPath, "a configuration without targets");
  std::vector<LinkUnits::Target> Targets;
  std::map<std::string, std::string> NameOfId;
  std::vector<std::vector<std::string>> Dependencies;
  for (const json::Value &E : *Entries) {
    const json::Object *EO = E.getAsObject();
    auto Id = EO ? EO->getString("id") : std::nullopt;
    auto File = EO ? EO->getString("jsonFile") : std::nullopt;
    if (!Id || !File)
      return bad(CodemodelPath, "a target without an id or jsonFile");
    Dependencies.emplace_back();
    llvm::Expected<LinkUnits::Target> T =
        readCMakeTarget(normalized(Reply, *File), *SourceDir, Dependencies.back());
    if (!T)
      return T.takeError();
    NameOfId[Id->str()] = T->Name;
    Targets.push_back(std::move(*T));
  }
  for (size_t I = 0; I < Targets.size(); ++I)
    for (const std::string &Id : Dependencies[I])
      if (auto It = NameOfId.find(Id); It != NameOfId.end())
        Targets[I].Links.push_back(It->second);
  return LinkUnits(std::move(Targets));
}

llvm::Expected<LinkUnits> readLinkUnitsFile(llvm::StringRef Path) {
  llvm::Expected<json::Value> V = readJSON(Path);
  if (!V)
    return V.takeError();
  const json::Object *O = V->getAsObject();
  if (!O)
    return bad(Path, "not a JSON object from target name to sources");
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  auto Strings = [&](const json::Value *A, const std::string &Target, const char *What,
                     std::vector<std::string> &Out, bool Paths) -> llvm::Error {
    const json::Array *Array = A ? A->getAsArray() : nullptr;
    if (!Array)
      return bad(Path, fmt::format("target '{}': {} must be an array of strings", Target, What));
    for (const json::Value &S : *Array) {
      auto Text = S.getAsString();
      if (!Text)
        return bad(Path, fmt::format("target '{}': {} must be an array of strings", Target, What));
      Out.push_back(Paths ? normalized(Dir, *Text) : Text->str());
    }
    return llvm::Error::success();
  };
  std::vector<LinkUnits::Target> Targets;
  // Sorted by name: the map's order is the file's, and nothing may depend
  // on it.
  std::vector<std::string> Names;
  for (const auto &[Name, Value] : *O)
    Names.push_back(Name.str());
  std::sort(Names.begin(), Names.end());
  for (const std::string &Name : Names) {
    const json::Value &Value = *O->get(Name);
    LinkUnits::Target T;
    T.Name = Name;
    if (const json::Object *TO = Value.getAsObject()) {
      if (llvm::Error E = Strings(TO->get("sources"), Name, "sources", T.Sources, true))
        return std::move(E);
      if (TO->get("links"))
        if (llvm::Error E = Strings(TO->get("links"), Name, "links", T.Links, false))
          return std::move(E);
    } else if (llvm::Error E = Strings(&Value, Name, "sources", T.Sources, true)) {
      return std::move(E);
    }
    Targets.push_back(std::move(T));
  }
  // Any target another one links is a library here.
  for (const LinkUnits::Target &T : Targets)
    for (const std::string &L : T.Links)
      for (LinkUnits::Target &U : Targets)
        if (U.Name == L)
          U.IsLibrary = true;
  return LinkUnits(std::move(Targets));
}

} // namespace lockgraph
