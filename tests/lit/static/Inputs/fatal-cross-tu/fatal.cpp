#include "fatal.h"
#include <stdio.h>
#include <stdlib.h>

void die(const char *why) {
  fprintf(stderr, "fatal: %s\n", why);
  abort();
}
FatalMessage::FatalMessage(const char *file, int line) { fprintf(stderr, "%s:%d: ", file, line); }
static const char *last;
FatalMessage::~FatalMessage() { die(last); }
FatalMessage &FatalMessage::operator<<(const char *s) {
  last = s;
  return *this;
}
