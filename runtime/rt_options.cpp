//===- rt_options.cpp - lockgraph runtime: LOCKGRAPH_OPTIONS parsing ------===//
#include "rt_options.h"

#include "rt_format.h"

#include <cstring>

namespace lockgraph {
namespace rt {
namespace {

bool IsSep(char C) { return C == ':' || C == ' ' || C == '\t' || C == '\n'; }

// A backslash takes the next character literally when that is a separator or
// a backslash (report=/a\:b.json names "/a:b.json"); any other backslash is
// an ordinary character, so a path with a backslash elsewhere reads as before.
bool IsEscape(const char *P) { return P[0] == '\\' && P[1] && (IsSep(P[1]) || P[1] == '\\'); }

// The end of the value that starts at V: the first separator not escaped.
const char *ValueEnd(const char *V) {
  while (*V && !IsSep(*V))
    V += IsEscape(V) ? 2 : 1;
  return V;
}

// Copies the N bytes of value V into Out (Cap bytes), escapes resolved. False,
// with Out untouched, when it does not fit.
bool CopyUnescaped(const char *V, size_t N, char *Out, size_t Cap) {
  size_t Len = 0;
  for (const char *P = V, *End = V + N; P < End; P += IsEscape(P) ? 2 : 1)
    ++Len;
  if (Len >= Cap)
    return false;
  for (const char *P = V, *End = V + N; P < End; ++P) {
    if (IsEscape(P))
      ++P;
    *Out++ = *P;
  }
  *Out = 0;
  return true;
}

// Parses a non-negative decimal integer <= Max.
bool ParseInt(const char *V, size_t N, int Min, int Max, int *Out) {
  if (N == 0 || N > 10)
    return false;
  int64_t R = 0;
  for (size_t I = 0; I < N; ++I) {
    if (V[I] < '0' || V[I] > '9')
      return false;
    R = R * 10 + (V[I] - '0');
  }
  if (R < Min || R > Max)
    return false;
  *Out = static_cast<int>(R);
  return true;
}

bool ParseBool(const char *V, size_t N, bool *Out) {
  if ((N == 1 && V[0] == '1') || (N == 4 && !memcmp(V, "true", 4))) {
    *Out = true;
    return true;
  }
  if ((N == 1 && V[0] == '0') || (N == 5 && !memcmp(V, "false", 5))) {
    *Out = false;
    return true;
  }
  return false;
}

bool KeyIs(const char *K, size_t N, const char *Name) {
  return strlen(Name) == N && !memcmp(K, Name, N);
}

struct Warner {
  WarnFn Fn;
  int Count = 0;
  void Say(const char *What, const char *K, size_t KN, const char *Tail) {
    if (!Fn || Count >= 16)
      return;
    ++Count;
    char Buf[256];
    OutBuf O(Buf, sizeof(Buf), -1);
    O.Str(What).Str(" '").Str(K, KN > 64 ? 64 : KN).Str("'").Str(Tail);
    Fn(O.CStr());
  }
};

} // namespace

void ParseOptions(const char *Text, Options *Out, WarnFn Warn) {
  if (!Text)
    return;
  Warner W{Warn};
  const char *P = Text;
  while (*P) {
    while (*P && IsSep(*P))
      ++P;
    if (!*P)
      break;
    const char *K = P;
    while (*P && !IsSep(*P) && *P != '=')
      ++P;
    size_t KN = static_cast<size_t>(P - K);
    if (*P != '=') {
      W.Say("option without a value", K, KN, " in LOCKGRAPH_OPTIONS (ignored)");
      continue;
    }
    ++P;
    const char *V = P;
    P = ValueEnd(V);
    size_t VN = static_cast<size_t>(P - V);
    bool Ok = true;
    if (KeyIs(K, KN, "report")) {
      Ok = CopyUnescaped(V, VN, Out->Report, sizeof(Out->Report));
    } else if (KeyIs(K, KN, "exitcode")) {
      Ok = ParseInt(V, VN, 0, 255, &Out->ExitCode);
    } else if (KeyIs(K, KN, "stack_depth")) {
      Ok = ParseInt(V, VN, 1, 64, &Out->StackDepth);
    } else if (KeyIs(K, KN, "watchdog_ms")) {
      Ok = ParseInt(V, VN, 0, 86400000, &Out->WatchdogMs);
    } else if (KeyIs(K, KN, "abort_on_deadlock")) {
      Ok = ParseBool(V, VN, &Out->AbortOnDeadlock);
    } else if (KeyIs(K, KN, "contention_top")) {
      Ok = ParseInt(V, VN, 0, 100000, &Out->ContentionTop);
    } else if (KeyIs(K, KN, "gated")) {
      if (VN == 6 && !memcmp(V, "report", 6))
        Out->Gated = GatedMode::Report;
      else if (VN == 4 && !memcmp(V, "hide", 4))
        Out->Gated = GatedMode::Hide;
      else
        Ok = false;
    } else if (KeyIs(K, KN, "hold_sample_rate")) {
      Ok = ParseInt(V, VN, 0, 1 << 30, &Out->HoldSampleRate);
    } else if (KeyIs(K, KN, "verbosity")) {
      Ok = ParseInt(V, VN, 0, 3, &Out->Verbosity);
    } else if (KeyIs(K, KN, "detect")) {
      Ok = ParseBool(V, VN, &Out->Detect);
    } else {
      W.Say("unknown option", K, KN, " in LOCKGRAPH_OPTIONS (ignored)");
      continue;
    }
    if (!Ok)
      W.Say("bad value for option", K, KN, " in LOCKGRAPH_OPTIONS (default kept)");
  }
}

void SetReportPath(const char *Path, Options *Out, WarnFn Warn) {
  if (!Path || !*Path)
    return;
  size_t N = strlen(Path);
  if (N >= sizeof(Out->Report)) {
    if (Warn)
      Warn("LOCKGRAPH_REPORT is longer than 4095 bytes (ignored)");
    return;
  }
  memcpy(Out->Report, Path, N + 1);
}

} // namespace rt
} // namespace lockgraph
