#!/usr/bin/env python3
"""Keystroke-to-echo latency at the friendly prompt of replhub-board (--baud 0): typed through
replhubd's WebSocket, against the same board reached directly over its pty (the baseline).
Prints median and p99 of each and the difference; never passes or fails on a time.

usage: bench/daemon_latency.py [--daemon build/release/daemon/replhubd] [--board ...] [--keys N]
"""

import argparse
import os
import statistics
import tempfile
import time

from daemon_common import OP_BINARY, Board, Daemon, Direct, add_paths, pct

LINE = 40  # keys per line before Ctrl-C clears it


def measure(write, read_until, keys):
    samples = []
    for i in range(keys):
        ch = bytes([ord("a") + i % 26])
        t0 = time.perf_counter()
        write(ch)
        read_until(ch)
        samples.append((time.perf_counter() - t0) * 1e6)
        if i % LINE == LINE - 1:
            write(b"\x03")
            read_until(b">>> ")
    return samples


def main():
    ap = argparse.ArgumentParser()
    add_paths(ap)
    ap.add_argument("--keys", type=int, default=2000)
    args = ap.parse_args()
    link = os.path.join(tempfile.mkdtemp(prefix="replhub-bench-"), "board.pty")
    board = Board(args.board, link)

    direct = Direct(link)
    direct.write(b"\x03")
    direct.read_until(b">>> ")
    base = measure(direct.write, direct.read_until, args.keys)
    direct.close()

    d = Daemon(args.daemon, "--board", "b=pty:" + link)
    ws = d.term("b")
    ws.send_bytes(b"\x03")
    ws.read_bytes_until(b">>> ")
    via = measure(ws.send_bytes, ws.read_bytes_until, args.keys)
    ws.close()
    d.stop()
    board.stop()

    print("keystroke -> echo, %d keys, replhub-board --baud 0" % args.keys)
    print("%-28s %10s %10s" % ("", "median us", "p99 us"))
    for name, s in (("direct pty (baseline)", base), ("through replhubd (WebSocket)", via)):
        print("%-28s %10.0f %10.0f" % (name, statistics.median(s), pct(s, 99)))
    print("%-28s %10.0f %10.0f" % ("difference", statistics.median(via) - statistics.median(base),
                                    pct(via, 99) - pct(base, 99)))


if __name__ == "__main__":
    main()
