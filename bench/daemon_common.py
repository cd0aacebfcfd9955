# SPDX-License-Identifier: MIT
"""Shared by bench/daemon_*.py: starting replhub-board and replhubd, a raw WebSocket client
(tests/integration/daemon/wsclient.py), and reading a process's CPU time and memory."""

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "integration", "daemon"))
from wsclient import WS, OP_BINARY  # noqa: E402,F401

DEFAULT_DAEMON = os.path.join(ROOT, "build/release/daemon/replhubd")
DEFAULT_BOARD = os.path.join(ROOT, "build/release/firmware/ports/host/replhub-board")
TICKS = os.sysconf("SC_CLK_TCK")


def add_paths(parser):
    parser.add_argument("--daemon", default=DEFAULT_DAEMON)
    parser.add_argument("--board", default=DEFAULT_BOARD)


class Board:
    """replhub-board with its UART on a pty linked at [link]."""

    def __init__(self, binary, link, baud=0):
        self.link = link
        self.proc = subprocess.Popen([binary, "--uart", "pty", "--link", link, "--baud", str(baud)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if b"UART on" not in self.proc.stdout.readline():
            raise RuntimeError("replhub-board did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(5)
        self.proc.stdout.close()


class Direct:
    """The board's pty opened directly, as a terminal program would."""

    def __init__(self, path):
        import tty
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.buf = b""

    def write(self, data):
        os.write(self.fd, data)

    def read_until(self, ending, timeout=30):
        deadline = time.perf_counter() + timeout
        chunks, held, i = [self.buf], len(self.buf), self.buf.find(ending)
        tail = self.buf[-len(ending):]
        while i < 0:
            if not select.select([self.fd], [], [], max(0, deadline - time.perf_counter()))[0]:
                raise TimeoutError("waiting for %r" % ending)
            data = os.read(self.fd, 65536)
            # Search only the new bytes (and an ending split across reads): no quadratic scan.
            j = (tail + data).find(ending)
            if j >= 0:
                i = held - len(tail) + j
            chunks.append(data)
            held += len(data)
            tail = (tail + data)[-len(ending):]
        self.buf = b"".join(chunks)
        i += len(ending)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_exact(self, n, timeout=30):
        deadline = time.perf_counter() + timeout
        while len(self.buf) < n:
            if not select.select([self.fd], [], [], max(0, deadline - time.perf_counter()))[0]:
                raise TimeoutError("waiting for %d bytes" % n)
            self.buf += os.read(self.fd, 65536)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def pending(self):
        return bool(self.buf) or bool(select.select([self.fd], [], [], 0)[0])

    def close(self):
        os.close(self.fd)


class Daemon:
    def __init__(self, binary, *args):
        self.state = tempfile.mkdtemp(prefix="replhub-bench-")
        self.proc = subprocess.Popen([binary, "--port", "0", "--no-discover", "--no-embedded",
                                      "--state-dir", self.state, "--log-level", "warn", *args],
                                     stdout=subprocess.PIPE)
        self.port = int(re.search(rb":(\d+)/", self.proc.stdout.readline()).group(1))

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def term(self, board, **kw):
        ws = WS(self.port, "/api/v1/boards/%s/term" % board, **kw)
        ws.recv_json()  # hello
        return ws

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(10)
        self.proc.stdout.close()


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]
