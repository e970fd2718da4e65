// A virtual call may run every overrider the program defines; a call that
// names its class (`Base::f()`) runs only that one.
// RUN: %expect_exit 1 %lockgraph %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=warning:
#include <mutex>

std::mutex sink_mu, file_mu, net_mu;

struct Sink {
  virtual ~Sink() = default;
  virtual void write() {}
};
struct FileSink : Sink {
  void write() override { std::lock_guard<std::mutex> g(file_mu); }
};
struct NetSink : Sink {
  void write() override { std::lock_guard<std::mutex> g(net_mu); }
};

void publish(Sink &s) {
  std::lock_guard<std::mutex> g(sink_mu);
  s.write(); // FileSink::write or NetSink::write: sink_mu -> file_mu, net_mu
}
void base_only(Sink &s) {
  std::lock_guard<std::mutex> g(file_mu);
  s.Sink::write(); // no lock taken: no edge file_mu -> anything
}
void rotate() {
  std::lock_guard<std::mutex> g(net_mu);
  std::lock_guard<std::mutex> s(sink_mu); // net_mu -> sink_mu: cycle through NetSink
}

// CHECK: virtual-calls.cpp:21:3: warning: potential deadlock: lock-order cycle 'net_mu' -> 'sink_mu' -> 'net_mu' [lockgraph-lock-order-inversion]
// CHECK-NEXT: virtual-calls.cpp:28:31: note: 'net_mu' acquired here
// CHECK-NEXT: virtual-calls.cpp:29:31: note: 'sink_mu' acquired here while holding 'net_mu'
// CHECK-NEXT: virtual-calls.cpp:20:31: note: 'sink_mu' acquired here
// CHECK-NEXT: virtual-calls.cpp:21:3: note: calls 'NetSink::write' while holding 'sink_mu'
// CHECK-NEXT: virtual-calls.cpp:16:55: note: 'net_mu' acquired here while holding 'sink_mu'
// CHECK: lockgraph: 1 finding (1 lock-order-inversion; 3 locks, 3 edges,
