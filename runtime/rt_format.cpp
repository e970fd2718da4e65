//===- rt_format.cpp - lockgraph runtime: allocation-free text output -----===//
#include "rt_format.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace lockgraph {
namespace rt {

bool WriteAll(int Fd, const char *P, size_t N) {
  while (N > 0) {
    ssize_t W = ::write(Fd, P, N);
    if (W < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    P += W;
    N -= static_cast<size_t>(W);
  }
  return true;
}

void OutBuf::Flush() {
  if (Fd >= 0 && Pos > 0) {
    if (!WriteAll(Fd, Buf, Pos))
      WriteError = true;
    Pos = 0;
  }
}

const char *OutBuf::CStr() {
  if (Size == 0)
    return "";
  if (Pos >= Size)
    Pos = Size - 1;
  Buf[Pos] = 0;
  return Buf;
}

OutBuf &OutBuf::Ch(char C) {
  if (Pos >= Size) {
    if (Fd >= 0)
      Flush();
    else {
      Dropped = true;
      return *this;
    }
  }
  if (Fd < 0 && Pos + 1 >= Size) { // keep room for the terminator
    Dropped = true;
    return *this;
  }
  Buf[Pos++] = C;
  Col = (C == '\n') ? 0 : Col + 1;
  return *this;
}

OutBuf &OutBuf::Str(const char *S, size_t N) {
  for (size_t I = 0; I < N; ++I)
    Ch(S[I]);
  return *this;
}

OutBuf &OutBuf::Str(const char *S) {
  if (!S)
    S = "(null)";
  return Str(S, strlen(S));
}

OutBuf &OutBuf::U64(uint64_t V) {
  char T[24];
  int N = 0;
  do {
    T[N++] = static_cast<char>('0' + V % 10);
    V /= 10;
  } while (V);
  while (N)
    Ch(T[--N]);
  return *this;
}

OutBuf &OutBuf::I64(int64_t V) {
  if (V < 0) {
    Ch('-');
    return U64(static_cast<uint64_t>(-(V + 1)) + 1);
  }
  return U64(static_cast<uint64_t>(V));
}

OutBuf &OutBuf::Hex(uint64_t V) {
  char T[20];
  int N = 0;
  do {
    T[N++] = "0123456789abcdef"[V & 15];
    V >>= 4;
  } while (V);
  Str("0x");
  while (N)
    Ch(T[--N]);
  return *this;
}

OutBuf &OutBuf::Fixed(double V, int Dec) {
  if (!(V == V) || V > 1e18 || V < -1e18)
    V = 0;
  if (V < 0) {
    Ch('-');
    V = -V;
  }
  uint64_t Scale = 1;
  for (int I = 0; I < Dec; ++I)
    Scale *= 10;
  uint64_t Scaled = static_cast<uint64_t>(V * static_cast<double>(Scale) + 0.5);
  U64(Scaled / Scale);
  if (Dec > 0) {
    Ch('.');
    uint64_t Frac = Scaled % Scale;
    char T[24];
    for (int I = Dec - 1; I >= 0; --I) {
      T[I] = static_cast<char>('0' + Frac % 10);
      Frac /= 10;
    }
    Str(T, static_cast<size_t>(Dec));
  }
  return *this;
}

OutBuf &OutBuf::JsonStr(const char *S) {
  Ch('"');
  for (; S && *S; ++S) {
    unsigned char C = static_cast<unsigned char>(*S);
    if (C == '"' || C == '\\') {
      Ch('\\');
      Ch(static_cast<char>(C));
    } else if (C < 0x20) {
      Str("\\u00");
      Ch("0123456789abcdef"[C >> 4]);
      Ch("0123456789abcdef"[C & 15]);
    } else {
      Ch(static_cast<char>(C));
    }
  }
  Ch('"');
  return *this;
}

OutBuf &OutBuf::Pad(size_t Column) {
  if (Col >= Column)
    Ch(' ');
  while (Col < Column)
    Ch(' ');
  return *this;
}

} // namespace rt
} // namespace lockgraph
