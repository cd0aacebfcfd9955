#!/usr/bin/env python3
"""replhubd's memory (VmRSS) with 1, 16 and 64 simulated boards attached (each a replhub-board
on its own pty, one viewer on each), beside the baseline: replhubd with no board at all.

usage: bench/daemon_memory.py [--daemon ...] [--board ...] [--counts 1,16,64]
"""

import argparse
import json
import os
import tempfile
import time
import urllib.request

from daemon_common import Board, Daemon, add_paths


def wait_all_repl(d, n, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/boards" % d.port) as r:
            boards = json.load(r)["boards"]
        if sum(b["state"] == "repl" for b in boards) == n:
            return
        time.sleep(0.1)
    raise TimeoutError("boards did not all reach the REPL")


def main():
    ap = argparse.ArgumentParser()
    add_paths(ap)
    ap.add_argument("--counts", default="1,16,64")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="replhub-bench-")
    d = Daemon(args.daemon)
    time.sleep(0.3)
    base = d.rss_kib()
    d.stop()
    print("replhubd resident memory (VmRSS)")
    print("%-26s %10s %14s" % ("", "RSS KiB", "KiB per board"))
    print("%-26s %10d %14s" % ("no board (baseline)", base, "-"))
    for n in (int(x) for x in args.counts.split(",")):
        boards = [Board(args.board, os.path.join(tmp, "b%d.pty" % i)) for i in range(n)]
        flags = []
        for i, b in enumerate(boards):
            flags += ["--board", "b%d=pty:%s" % (i, b.link)]
        d = Daemon(args.daemon, *flags)
        wait_all_repl(d, n)
        viewers = [d.term("b%d" % i) for i in range(n)]
        for v in viewers:
            v.send_bytes(b"print('x' * 60)\r")
        for v in viewers:
            v.read_bytes_until(b"x" * 60 + b"\r\n>>> ")
        rss = d.rss_kib()
        print("%-26s %10d %14.1f" % ("%d boards, 1 viewer each" % n, rss, (rss - base) / n))
        for v in viewers:
            v.close()
        d.stop()
        for b in boards:
            b.stop()


if __name__ == "__main__":
    main()
