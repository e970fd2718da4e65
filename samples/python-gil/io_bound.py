"""Four threads that mostly wait (time.sleep releases the GIL): they overlap.

    python3 io_bound.py [sleeps per thread]   (default 40 sleeps of 10 ms)
"""
import sys
import threading
import time


def work(n):
    x = 0
    for i in range(n):
        time.sleep(0.01)  # the GIL is released while the thread sleeps
        x += sum(range(200))  # a little Python work with the GIL held
    return x


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    threads = [threading.Thread(target=work, args=(n,)) for _ in range(4)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"io_bound: 4 threads x {n} sleeps of 10 ms ({4 * n * 0.01:.2f} s of sleeping)"
          f" in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
