#!/usr/bin/env python3
"""Output fan-out: replhub-board at --baud 0 prints as fast as it can; 1, 10 and 100 viewers
read it through replhubd. Prints the bytes/s delivered to all viewers together and per viewer,
and the CPU replhubd used, beside the baseline: the same output read directly over the pty.
Never passes or fails on a time.

usage: bench/daemon_fanout.py [--daemon ...] [--board ...] [--lines N] [--viewers 1,10,100]
"""

import argparse
import os
import select
import tempfile
import time

from daemon_common import OP_BINARY, Board, Daemon, Direct, add_paths
from wsclient import Closed

MARK = b"DONE\r\n"


def program(lines):
    return ("exec(\"for i in range(%d): print('0123456789'*7)\"); print('DO'+'NE')\r" % lines).encode()


def baseline(link, lines):
    direct = Direct(link)
    direct.write(b"\x03")
    direct.read_until(b">>> ")
    t0 = time.perf_counter()
    direct.write(program(lines))
    out = direct.read_until(MARK, timeout=300)
    elapsed = time.perf_counter() - t0
    direct.read_until(b">>> ")
    direct.close()
    return len(out), elapsed


def run_viewers(daemon, n, lines):
    viewers = [daemon.term("b") for _ in range(n)]
    viewers[0].send_bytes(b"\x03")
    for v in viewers:
        v.read_bytes_until(b">>> ")
    got = {v: 0 for v in viewers}
    tails = {v: b"" for v in viewers}
    cpu0, t0 = daemon.cpu_seconds(), time.perf_counter()
    viewers[0].send_bytes(program(lines))
    open_ = set(viewers)
    cut = 0
    while open_:
        buffered = [v for v in open_ if v.has_frame()]
        if buffered:
            ready = [v.sock for v in buffered]
        else:
            ready, _, _ = select.select(list(s.sock for s in open_), [], [], 60)
            if not ready:
                raise TimeoutError("viewers stalled")
        for v in [v for v in open_ if v.sock in ready]:
            try:
                op, payload = v.recv()
            except Closed:
                cut += 1
                open_.discard(v)
                continue
            if op == OP_BINARY:
                got[v] += len(payload)
                tails[v] = (tails[v] + payload)[-64:]
                if MARK in tails[v]:
                    open_.discard(v)
    elapsed = time.perf_counter() - t0
    cpu = daemon.cpu_seconds() - cpu0
    for v in viewers:
        v.close()
    return sum(got.values()), elapsed, cpu, cut


def main():
    ap = argparse.ArgumentParser()
    add_paths(ap)
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--viewers", default="1,10,100")
    args = ap.parse_args()
    link = os.path.join(tempfile.mkdtemp(prefix="replhub-bench-"), "board.pty")
    board = Board(args.board, link)
    nbytes, elapsed = baseline(link, args.lines)
    print("fan-out of %d lines (%d bytes) from replhub-board --baud 0" % (args.lines, nbytes))
    print("%-24s %12s %12s %10s %8s %6s" % ("", "total MB/s", "per viewer", "CPU s", "CPU/MB", "cut"))
    print("%-24s %12.2f %12.2f %10s %8s %6s" % ("direct pty (baseline)", nbytes / elapsed / 1e6,
                                                 nbytes / elapsed / 1e6, "-", "-", "-"))
    d = Daemon(args.daemon, "--board", "b=pty:" + link, "--max-viewers", "1024",
               "--max-connections", "2048", "--viewer-queue", str(8 << 20))
    for n in (int(x) for x in args.viewers.split(",")):
        total, elapsed, cpu, cut = run_viewers(d, n, args.lines)
        mb = total / 1e6
        print("%-24s %12.2f %12.2f %10.2f %8.3f %6d" % ("%d viewer(s)" % n, mb / elapsed,
                                                       mb / elapsed / n, cpu, cpu / mb, cut))
    d.stop()
    board.stop()


if __name__ == "__main__":
    main()
