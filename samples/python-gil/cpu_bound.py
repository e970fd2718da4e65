"""Four threads of pure-Python CPU work: under the GIL they run one at a time.

    python3 cpu_bound.py [iterations per thread]   (default 2,000,000)
"""
import sys
import threading
import time


def work(n):
    x = 0
    for i in range(n):
        x = (x * 31 + i) % 1000003
    return x


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    threads = [threading.Thread(target=work, args=(n,)) for _ in range(4)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"cpu_bound: 4 threads x {n} iterations in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
