#!/usr/bin/env python3
"""Measures the flash filesystem, each figure beside a baseline from the same run.

- open(): writing and reading 1 KiB .. 256 KiB files from Python in 256-byte pieces (as mpremote
  cp does) under `replhub-python -X flash=IMAGE`, against the same program doing the same writes
  and reads on io.BytesIO (so interpreter and start-up time cancel out); best of N runs;
- the C API (bench/fs_bench.c): throughput beside the raw flash image's rate, write
  amplification (bytes programmed and sectors erased per byte written), an estimate of the
  time a real chip's flash would spend, the spread of erases after a long mixed workload, the
  erase counts (min, mean, max, max/mean, max/min) after a long workload on a flash 70% full of
  files that never change, with static wear levelling off and on, and the RAM the filesystem
  uses.

Prints figures; never passes or fails on a time.

usage: bench/fs.py [--python build/firmware/ports/host/replhub-python]
                   [--fs-bench build/bench/fs_bench] [--runs N]
Build first: cmake --build build --target replhub-python fs_bench
"""

import argparse
import os
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PROGRAM = """
import io
SIZE = {size}
COUNT = {count}
chunk = bytes(range(256))
def target(i):
    return {target}
total = 0
for i in range(COUNT):
    f = target(i)
    for j in range(SIZE // 256):
        f.write(chunk)
    {close}
    {reopen}
    while True:
        b = f.read(256)
        if not b:
            break
        total += len(b)
    f.close()
assert total == SIZE * COUNT, total
"""


def program(size, count, flash):
    if flash:
        return PROGRAM.format(size=size, count=count, target="open('f%d' % (i % 2), 'wb')",
                              close="f.close()", reopen="f = open('f%d' % (i % 2), 'rb')")
    return PROGRAM.format(size=size, count=count, target="io.BytesIO()", close="",
                          reopen="f.seek(0)")


def best_time(argv, runs):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        t = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit("failed: %s\n%s" % (" ".join(argv), proc.stdout.decode()))
        best = t if best is None else min(best, t)
    return best


def bench_open(python, runs):
    print("open() from Python: 16 MiB in files of each size written and read back in 256-byte")
    print("pieces (replhub-python -X flash, 2 MiB image), against the same on io.BytesIO:")
    print("  %8s %6s %10s %12s %10s %12s %8s" % ("size", "files", "flash s", "flash MiB/s",
                                                "BytesIO s", "BytesIO MiB/s", "ratio"))
    with tempfile.TemporaryDirectory() as tmp:
        for size in (1024, 4096, 16384, 65536, 262144):
            count = max(8, min(4000, (16 * 1024 * 1024) // size))
            scripts = {}
            for kind in ("flash", "mem"):
                path = os.path.join(tmp, "%s_%d.py" % (kind, size))
                with open(path, "w") as f:
                    f.write(program(size, count, kind == "flash"))
                scripts[kind] = path
            image = os.path.join(tmp, "flash_%d.img" % size)
            # A big heap so that BytesIO holds 256 KiB; both runs get the same.
            heap = ["-X", "heapsize=8m"]
            t_fs = best_time([python, *heap, "-X", "flash=" + image, scripts["flash"]], runs)
            t_mem = best_time([python, *heap, scripts["mem"]], runs)
            moved = 2 * size * count / 1048576  # written and read back
            print("  %7dK %6d %10.3f %12.1f %10.3f %12.1f %8.2f" % (
                size // 1024, count, t_fs, moved / t_fs, t_mem, moved / t_mem, t_fs / t_mem))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python",
                    default=os.path.join(ROOT, "build/firmware/ports/host/replhub-python"))
    ap.add_argument("--fs-bench", default=os.path.join(ROOT, "build/bench/fs_bench"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    bench_open(args.python, args.runs)
    print()
    for flash in ("2", "1"):
        subprocess.run([args.fs_bench, "--flash", flash], check=True)
        print()


if __name__ == "__main__":
    main()
