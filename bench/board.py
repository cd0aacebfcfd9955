#!/usr/bin/env python3
"""Measures the simulated board (replhub-board), each figure beside a baseline from the same run.

- boot: power-on (process start) to the first ">>> ", against starting a process that prints
  ">>> " at once (/bin/echo) through the same pseudo-terminal;
- raw-paste: a 20 KiB script sent with mpremote's raw-paste flow control at --baud 115200,
  end-to-end rate as a fraction of the wire rate (11520 bytes/s), beside classic raw mode with
  mpremote's 256-byte slices and 10 ms pauses;
- echo: keystroke-to-echo latency at the friendly prompt at --baud 0 (median, p99), against a
  direct pty echo (cat on a raw pty).

Prints figures; never passes or fails on a time.

usage: bench/board.py [--board build/firmware/ports/host/replhub-board] [--runs N]
"""

import argparse
import os
import select
import statistics
import subprocess
import time
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
WIRE_BAUD = 115200
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"


class Pty:
    """A child process with its stdin/stdout on a raw pty this process holds the master of."""

    def __init__(self, argv):
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL)
        os.close(slave)
        self.buf = b""

    def write(self, data):
        view = memoryview(data)
        while view:
            view = view[os.write(self.master, view):]

    def read_until(self, ending, timeout=60):
        deadline = time.perf_counter() + timeout
        while ending not in self.buf:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("waiting for %r, got %r" % (ending, self.buf[-200:]))
            if select.select([self.master], [], [], left)[0]:
                self.buf += os.read(self.master, 65536)
        i = self.buf.index(ending) + len(ending)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_exact(self, n, timeout=60):
        deadline = time.perf_counter() + timeout
        while len(self.buf) < n:
            if time.perf_counter() > deadline:
                raise TimeoutError("waiting for %d bytes" % n)
            if select.select([self.master], [], [], 0.5)[0]:
                self.buf += os.read(self.master, 65536)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def pending(self):
        return bool(self.buf) or bool(select.select([self.master], [], [], 0)[0])

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait()
        os.close(self.master)


def board(args, *extra):
    return Pty([args.board, "--uart", "stdio", *extra])


def median_ms(samples):
    return statistics.median(samples) * 1000


def p99_ms(samples):
    s = sorted(samples)
    return s[min(len(s) - 1, int(len(s) * 0.99))] * 1000


# ---- Boot ------------------------------------------------------------------------------------

def bench_boot(args):
    ours, base = [], []
    for _ in range(args.runs):
        b = board(args)
        b.read_until(b">>> ")
        ours.append(time.perf_counter() - b.start)
        b.close()
        e = Pty(["/bin/echo", "-n", ">>> "])
        e.read_until(b">>> ")
        base.append(time.perf_counter() - e.start)
        e.close()
    print("%-46s %10.2f ms   (baseline: a process printing '>>> ': %.2f ms)"
          % ("power-on to first '>>> ' (median)", median_ms(ours), median_ms(base)))


# ---- Raw-paste throughput ----------------------------------------------------------------------

def script_20k():
    # Long comments: 20 KiB on the wire, little for the heap to hold while compiling.
    lines = ["x = %d  # %s" % (i, "c" * 190) for i in range(100)]
    code = ("\n".join(lines) + "\nprint(x)\n").encode()
    return code + b"#" * (20 * 1024 - len(code) - 1) + b"\n"


def enter_raw(b):
    b.read_until(b">>> ")
    b.write(b"\r\x01")
    b.read_until(RAW_BANNER + b">")


def raw_paste(b, code):
    b.write(b"\x05A\x01")
    assert b.read_exact(2) == b"R\x01"
    window = int.from_bytes(b.read_exact(2), "little")
    remaining, i = window, 0
    while i < len(code):
        while remaining == 0 or b.pending():
            c = b.read_exact(1)
            if c == b"\x01":
                remaining += window
            else:
                raise RuntimeError("device stopped the paste: %r" % c)
        n = min(remaining, len(code) - i)
        b.write(code[i:i + n])
        remaining -= n
        i += n
    b.write(b"\x04")
    b.read_until(b"\x04")
    out = b.read_until(b"\x04")
    err = b.read_until(b"\x04>")
    return out, err


def raw_classic(b, code):
    for i in range(0, len(code), 256):
        b.write(code[i:i + 256])
        time.sleep(0.01)
    b.write(b"\x04")
    b.read_until(b"OK")
    out = b.read_until(b"\x04")
    err = b.read_until(b"\x04>")
    return out, err


def timed_exec(args, send, code):
    b = board(args, "--baud", str(WIRE_BAUD))
    try:
        enter_raw(b)
        start = time.perf_counter()
        out, err = send(b, code)
        elapsed = time.perf_counter() - start
    finally:
        b.close()
    if out != b"99\r\n\x04" or err != b"\x04>":
        raise RuntimeError("unexpected result %r %r" % (out, err))
    return elapsed


def bench_raw_paste(args):
    code = script_20k()
    wire = WIRE_BAUD / 10
    for name, send in (("raw-paste", raw_paste), ("classic raw (256 B / 10 ms)", raw_classic)):
        t = min(timed_exec(args, send, code) for _ in range(max(1, args.runs // 4)))
        rate = len(code) / t
        print("%-46s %10.0f B/s  %.2f of the wire rate (%d B in %.2f s; wire alone %.2f s)"
              % (name + " of 20 KiB at 115200", rate, rate / wire, len(code), t,
                 len(code) / wire))


# ---- Echo latency --------------------------------------------------------------------------

def echo_latency(p, n, clear_line=None):
    """Times [n] single keystrokes until their echo; [clear_line] keeps the line short."""
    samples = []
    for i in range(n):
        ch = b"abcdefghij"[i % 10:i % 10 + 1]
        start = time.perf_counter()
        p.write(ch)
        p.read_until(ch)
        samples.append(time.perf_counter() - start)
        if clear_line is not None and i % 50 == 49:
            clear_line(p)
    return samples


def clear_board_line(b):
    b.write(b"\x03")
    b.read_until(b">>> ")


def bench_echo(args):
    n = args.runs * 50
    b = board(args)
    b.read_until(b">>> ")
    ours = echo_latency(b, n, clear_board_line)
    b.close()
    c = Pty(["/bin/cat"])
    base = echo_latency(c, n)
    c.close()
    print("%-46s %10.3f ms median, %.3f ms p99   (direct pty echo: %.3f ms median, %.3f ms p99)"
          % ("keystroke to echo at --baud 0", median_ms(ours), p99_ms(ours), median_ms(base),
             p99_ms(base)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--board", default=os.path.join(HERE, "..", "build", "firmware", "ports",
                                                    "host", "replhub-board"))
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    bench_boot(args)
    bench_raw_paste(args)
    bench_echo(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
