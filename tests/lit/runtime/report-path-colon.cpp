// A report path may hold any character: LOCKGRAPH_REPORT takes it as is (and
// overrides report=), and in LOCKGRAPH_OPTIONS a backslash escapes ':'.
// %p is the pid in both.
// RUN: %clangxx -O1 -g -pthread %s -o %t
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env LD_PRELOAD=%lockgraph_rt LOCKGRAPH_OPTIONS=report=%t.dir/ignored.json 'LOCKGRAPH_REPORT=%t.dir/a:b c.json' %t
// RUN: FileCheck %s < '%t.dir/a:b c.json'
// RUN: env LD_PRELOAD=%lockgraph_rt 'LOCKGRAPH_OPTIONS=report=%t.dir/x\:y.json:verbosity=0' %t
// RUN: FileCheck %s < '%t.dir/x:y.json'
// RUN: env LD_PRELOAD=%lockgraph_rt 'LOCKGRAPH_REPORT=%t.dir/pid:%%p.json' %t
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=FILES
#include <mutex>
#include <thread>

std::mutex A, B;

int main() {
  std::thread([] { std::lock_guard<std::mutex> a(A); std::lock_guard<std::mutex> b(B); }).join();
  std::thread([] { std::lock_guard<std::mutex> b(B); std::lock_guard<std::mutex> a(A); }).join();
  return 0;
}

// CHECK: "format": "lockgraph-report", "version": 1,
// CHECK: "check": "lock-order-inversion"
// FILES: {{^}}a:b c.json{{$}}
// FILES-NEXT: {{^}}pid:{{[0-9]+}}.json{{$}}
// FILES-NEXT: {{^}}x:y.json{{$}}
// FILES-NOT: {{.}}
