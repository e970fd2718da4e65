//===- rt_format.h - lockgraph runtime: allocation-free text output -*- C++ -*-===//
//
// OutBuf formats text into a fixed buffer and flushes it to a file descriptor
// with write(2) whenever it fills up, so output of any length needs no memory
// beyond the buffer. Every method is async-signal-safe (no malloc, no stdio,
// no locale). Not thread-safe: one OutBuf per writer.
//
// Capacity: the buffer is Size bytes (callers use 16 KiB on their stack or in
// an mmap'd region); longer output is flushed in pieces. With Fd < 0 the
// buffer is a string builder: output past Size is dropped (Truncated() is
// then true).
//===----------------------------------------------------------------------===//
#ifndef LOCKGRAPH_RT_FORMAT_H
#define LOCKGRAPH_RT_FORMAT_H

#include <cstddef>
#include <cstdint>

namespace lockgraph {
namespace rt {

class OutBuf {
public:
  OutBuf(char *Buf, size_t Size, int Fd) : Buf(Buf), Size(Size), Fd(Fd) {}
  ~OutBuf() { Flush(); }
  OutBuf(const OutBuf &) = delete;
  OutBuf &operator=(const OutBuf &) = delete;

  OutBuf &Str(const char *S);
  OutBuf &Str(const char *S, size_t N);
  OutBuf &Ch(char C);
  OutBuf &U64(uint64_t V);
  OutBuf &I64(int64_t V);
  OutBuf &Hex(uint64_t V);          // "0x1f"
  OutBuf &Fixed(double V, int Dec); // 12.345, no exponent; NaN/inf as 0
  OutBuf &JsonStr(const char *S);   // quoted and escaped; null -> ""
  OutBuf &Pad(size_t Col);          // spaces up to column Col of the line
  void Flush();
  const char *Data() const { return Buf; }
  size_t Len() const { return Pos; }
  bool Truncated() const { return Dropped; }
  // Some write(2) failed (disk full, a closed pipe): the output is incomplete.
  bool WriteFailed() const { return WriteError; }
  // Terminates the string-builder contents (Fd < 0) and returns them.
  const char *CStr();

private:
  char *Buf;
  size_t Size;
  int Fd;
  size_t Pos = 0;
  size_t Col = 0;
  bool Dropped = false;
  bool WriteError = false;
};

// Async-signal-safe write of the whole buffer (retries on EINTR/short writes).
// False when write(2) failed.
bool WriteAll(int Fd, const char *P, size_t N);

} // namespace rt
} // namespace lockgraph

#endif
