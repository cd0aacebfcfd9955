#!/usr/bin/env python3
"""Times each bench/interp workload under replhub-python and under CPython in the same run.

Prints, per workload: our best-of-N wall time, CPython 3.11's, the ratio (ours / CPython) and
our peak GC heap use. Outputs of the two interpreters are compared, so a wrong answer is reported
rather than timed. Never passes or fails on a time.

usage: bench/interp.py [--python build/release/firmware/ports/host/replhub-python] [--runs 3]
"""

import argparse
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CPYTHON = "/usr/bin/python3"
HEAP = "64m"


def run(cmd, path):
    start = time.perf_counter()
    proc = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=600)
    return time.perf_counter() - start, proc


def best_of(cmd, path, runs):
    best, last = None, None
    for _ in range(runs):
        elapsed, proc = run(cmd, path)
        best = elapsed if best is None else min(best, elapsed)
        last = proc
    return best, last


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.path.join(HERE, "..", "build", "release", "firmware", "ports", "host",
                           "replhub-python")
    ap.add_argument("--python", default=default)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ours = [args.python, "-X", "heapsize=" + HEAP, "-X", "showheap"]
    workloads = sorted(f for f in os.listdir(os.path.join(HERE, "interp")) if f.endswith(".py"))
    print("%-14s %10s %10s %8s %12s" % ("workload", "ours s", "cpython s", "ratio", "peak heap"))
    for name in workloads:
        path = os.path.join(HERE, "interp", name)
        t_ours, p_ours = best_of(ours, path, args.runs)
        t_cpy, p_cpy = best_of([CPYTHON], path, args.runs)
        peak = re.search(r"peak heap: (\d+)", p_ours.stderr)
        if p_ours.returncode != 0 or p_ours.stdout != p_cpy.stdout:
            print("%-14s %10s %10.3f %8s %12s  (output differs from CPython: %s)"
                  % (name[:-3], "-", t_cpy, "-", "-",
                     (p_ours.stderr.strip().splitlines() or ["?"])[-1]))
            continue
        print("%-14s %10.3f %10.3f %7.2fx %11.1fk" % (name[:-3], t_ours, t_cpy, t_ours / t_cpy,
                                                     int(peak.group(1)) / 1024 if peak else -1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
