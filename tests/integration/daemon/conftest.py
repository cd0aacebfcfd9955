# SPDX-License-Identifier: MIT
"""Fixtures for replhubd's integration tests: the real daemon on a free loopback port, boards
that are either the real replhub-board on a pty or a pty the test itself plays the board on,
and clients (python3-websockets, or wsclient.WS for what a polite library hides)."""

import http.client
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
import tty

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from wsclient import WS  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
REPLHUBD = os.environ.get("REPLHUBD", os.path.join(ROOT, "build/daemon/replhubd"))
BOARD = os.environ.get("REPLHUB_BOARD", os.path.join(ROOT, "build/firmware/ports/host/replhub-board"))
TIMEOUT = 10


class Daemon:
    """A running replhubd; [args] are added to a loopback, port-0, no-discovery base."""

    def __init__(self, tmp, *args):
        self.log_path = os.path.join(tmp, "replhubd-%d.log" % time.monotonic_ns())
        self.log_file = open(self.log_path, "w")
        state = os.path.join(tmp, "state")
        cmd = [REPLHUBD, "--port", "0", "--no-discover", "--state-dir", state, *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log_file)
        line = self.proc.stdout.readline().decode()
        m = re.search(r"listening on http://[^:]+:(\d+)/", line)
        if not m:
            self.proc.wait(5)
            raise RuntimeError("replhubd did not start: %r\n%s" % (line, self.log()))
        self.port = int(m.group(1))

    def log(self):
        with open(self.log_path) as f:
            return f.read()

    def get(self, path, host=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        conn.request("GET", path, headers={"Host": host} if host else {})
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp.status, json.loads(body) if body else None, resp

    def ws(self, path, **kw):
        return WS(self.port, path, **kw)

    def term(self, board, **kw):
        """A terminal viewer, past its hello event (returned as .hello)."""
        ws = WS(self.port, "/api/v1/boards/%s/term" % board, **kw)
        ws.hello = ws.recv_json()
        assert ws.hello["type"] == "hello", ws.hello
        return ws

    def url(self, path):
        return "ws://127.0.0.1:%d%s" % (self.port, path)

    def wait_state(self, board, state, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            _, body, _ = self.get("/api/v1/boards/" + board)
            if body["board"]["state"] == state:
                return
            time.sleep(0.05)
        raise TimeoutError("board %s never reached %s: %s" % (board, state, body))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(10)
        self.proc.stdout.close()
        self.log_file.close()
        return self.proc.returncode


class PtyBoard:
    """A pseudo-terminal the test plays the board on: what the daemon writes arrives on the
    master, and what the test writes to the master is the board's output. [link] is a symlink
    to the slave, re-pointed when the pty is re-created (the board 'comes back')."""

    def __init__(self, link):
        self.link = link
        self.master = self.slave = None
        self.open()

    def open(self):
        self.master, self.slave = os.openpty()  # the slave stays open: no POLLHUP busy loop
        tty.setraw(self.slave)
        tmp = self.link + ".new"
        os.symlink(os.ttyname(self.slave), tmp)
        os.replace(tmp, self.link)

    def vanish(self):
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = None

    def write(self, data):
        view = memoryview(data)
        while view:
            n = os.write(self.master, view)
            view = view[n:]

    def read_until(self, ending, timeout=TIMEOUT):
        got, deadline = b"", time.monotonic() + timeout
        while ending not in got:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("board side waited for %r; got %r" % (ending, got))
            if select.select([self.master], [], [], left)[0]:
                got += os.read(self.master, 4096)
        return got

    def close(self):
        if self.master is not None:
            self.vanish()


class SimBoard:
    """The real simulated board (replhub-board) with its UART on a pty linked at [link]."""

    def __init__(self, link, baud=0, *args):
        self.link = link
        self.proc = subprocess.Popen(
            [BOARD, "--uart", "pty", "--link", link, "--baud", str(baud), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        if "UART on" not in line:
            raise RuntimeError("replhub-board did not start: %r %r" % (line, self.proc.stderr.read()))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def kill(self):
        """Pulls the plug: no chance to finish a flash write."""
        self.proc.kill()
        self.proc.wait(5)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.fixture
def daemon(tmp_path):
    """Starts replhubd with the given flags; every daemon is stopped (and must exit 0)."""
    started = []

    def start(*args):
        d = Daemon(str(tmp_path), *args)
        started.append(d)
        return d

    yield start
    for d in started:
        assert d.stop() == 0, d.log()


@pytest.fixture
def pty_board(tmp_path):
    board = PtyBoard(str(tmp_path / "board.pty"))
    yield board
    board.close()


@pytest.fixture
def sim_board(tmp_path):
    if not os.access(BOARD, os.X_OK):
        pytest.skip("replhub-board is not built")
    boards = []

    def start(name="board.pty", baud=0, *args):
        b = SimBoard(str(tmp_path / name), baud, *args)
        boards.append(b)
        return b

    yield start
    for b in boards:
        if b.proc.returncode is None:
            b.stop()
