// with-shim SHIM OPTIONS PROGRAM [ARGS...]: runs PROGRAM with LD_PRELOAD=SHIM
// and LOCKGRAPH_OPTIONS=OPTIONS. Used under `not --crash`, which lit runs as
// an external process: putting LD_PRELOAD on `not` itself would load the shim
// into `not` too, and its report would overwrite the program's.
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: with-shim SHIM OPTIONS PROGRAM [ARGS...]\n");
    return 2;
  }
  setenv("LD_PRELOAD", argv[1], 1);
  setenv("LOCKGRAPH_OPTIONS", argv[2], 1);
  execv(argv[3], argv + 3);
  perror("execv");
  return 2;
}
