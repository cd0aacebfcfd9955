# SPDX-License-Identifier: MIT
"""Fixtures for the integration tests: a replhub-board on a pseudo-terminal, driven the way
host tools (mpremote, pyboard.py) drive a real board, through pyserial."""

import os
import re
import select
import subprocess
import time
import tty

import pytest
import serial

BOARD = os.environ.get("REPLHUB_BOARD", "build/firmware/ports/host/replhub-board")
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"
PROMPT = b">>> "
TIMEOUT = 10


class ReplError(Exception):
    pass


class Board:
    """A running replhub-board and the serial port open on its UART.

    With [stdio] the board's UART is its stdin/stdout on a pty this process creates first, so
    nothing the board prints at power-on is missed (opening a pty with pyserial flushes what
    was already buffered, as opening a real serial port does)."""

    def __init__(self, *args, stdio=False):
        self.buf = b""
        self.serial = None
        self.master = None
        if stdio:
            self._start_stdio(args)
        else:
            self._start_pty(args)

    def _start_pty(self, args):
        self.proc = subprocess.Popen(
            [BOARD, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        match = re.match(r"replhub-board: UART on (\S+)", line)
        if not match:
            err = self.proc.stderr.read().decode()
            raise RuntimeError("board did not start: %r %r" % (line, err))
        self.path = match.group(1)
        self.serial = serial.Serial(self.path, 115200, timeout=0.05)

    def _start_stdio(self, args):
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.proc = subprocess.Popen([BOARD, "--uart", "stdio", *args], stdin=slave,
                                     stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
        self.proc.stdout = None

    def close(self):
        if self.serial is not None:
            self.serial.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)
        if self.master is not None:
            os.close(self.master)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.proc.stderr.close()

    def sync(self):
        """Brings a board that booted before the port was opened to a known fresh prompt."""
        self.write(b"\x03")
        self.read_until(b"\r\n>>> ")
        self.write(b"'sync'\r")
        self.read_until(b"'sync'\r\n>>> ")

    def write(self, data):
        if self.serial is not None:
            self.serial.write(data)
            return
        view = memoryview(data)
        while view:
            n = os.write(self.master, view)
            view = view[n:]

    def in_waiting(self):
        if self.serial is not None:
            return self.serial.in_waiting
        return len(select.select([self.master], [], [], 0)[0])

    def read_some(self):
        if self.serial is not None:
            data = self.serial.read(4096)
        elif select.select([self.master], [], [], 0.05)[0]:
            data = os.read(self.master, 4096)
        else:
            data = b""
        self.buf += data
        return data

    def read_until(self, ending, timeout=TIMEOUT):
        """Returns everything up to and including [ending]; raises on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.buf.find(ending)
            if i >= 0:
                out, self.buf = self.buf[:i + len(ending)], self.buf[i + len(ending):]
                return out
            if time.monotonic() > deadline:
                raise ReplError("timeout waiting for %r; got %r" % (ending, self.buf))
            self.read_some()

    def read_for(self, seconds):
        """Returns everything the board sends within [seconds]."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.read_some()
        out, self.buf = self.buf, b""
        return out

    def drain(self):
        self.read_for(0.1)

    # ---- Friendly REPL ---------------------------------------------------------------------

    def wait_prompt(self):
        return self.read_until(PROMPT)

    def type_line(self, text):
        """Types [text] and Enter at the friendly prompt; returns the output up to the next
        primary prompt (the echo included)."""
        self.write(text.encode() + b"\r")
        return self.wait_prompt()

    # ---- Raw REPL, as mpremote's transport_serial does it ----------------------------------

    def enter_raw_repl(self, soft_reset=True):
        self.write(b"\r\x03")
        self.drain()
        self.write(b"\r\x01")
        if soft_reset:
            self.read_until(RAW_BANNER + b">")
            self.write(b"\x04")
            self.read_until(b"soft reboot\r\n")
        self.read_until(RAW_BANNER)

    def exit_raw_repl(self):
        self.write(b"\r\x02")

    def exec_raw_classic(self, code):
        """Classic raw mode: 256-byte slices 10 ms apart, then Ctrl-D; returns (out, err)."""
        self.read_until(b">")
        self.write_slices(code.encode() if isinstance(code, str) else code)
        self.write(b"\x04")
        if self.read_until(b"OK", timeout=TIMEOUT)[-2:] != b"OK":
            raise ReplError("no OK")
        return self.follow()

    def write_slices(self, data):
        """Writes as mpremote does in classic raw mode: 256 bytes, then a 10 ms pause."""
        for i in range(0, len(data), 256):
            self.write(data[i:i + 256])
            time.sleep(0.01)

    def raw_paste_write(self, data):
        """mpremote's raw_paste_write: sends [data] under the device's flow control."""
        header = self.read_exact(2)
        window = int.from_bytes(header, "little")
        remaining = window
        i = 0
        while i < len(data):
            while remaining == 0 or self.in_waiting() or self.buf:
                b = self.read_exact(1)
                if b == b"\x01":
                    remaining += window
                elif b == b"\x04":
                    self.write(b"\x04")
                    return
                else:
                    raise ReplError("unexpected %r during raw paste" % b)
            chunk = data[i:i + min(remaining, len(data) - i)]
            self.write(chunk)
            remaining -= len(chunk)
            i += len(chunk)
        self.write(b"\x04")
        self.read_until(b"\x04")

    def exec_raw_paste(self, code):
        """Raw-paste mode; returns (out, err). Raises if the board does not support it."""
        self.read_until(b">")
        self.write(b"\x05A\x01")
        reply = self.read_exact(2)
        if reply != b"R\x01":
            raise ReplError("raw paste refused: %r" % reply)
        self.raw_paste_write(code.encode() if isinstance(code, str) else code)
        return self.follow()

    def follow(self, timeout=TIMEOUT):
        out = self.read_until(b"\x04", timeout)[:-1]
        err = self.read_until(b"\x04", timeout)[:-1]
        return out, err

    def read_exact(self, n, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while len(self.buf) < n:
            if time.monotonic() > deadline:
                raise ReplError("timeout reading %d bytes; got %r" % (n, self.buf))
            self.read_some()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


@pytest.fixture
def board_factory():
    boards = []

    def start(*args, stdio=False):
        b = Board(*args, stdio=stdio)
        boards.append(b)
        return b

    yield start
    for b in boards:
        b.close()


@pytest.fixture
def board(board_factory):
    """A fresh board at its first friendly prompt."""
    b = board_factory()
    b.sync()
    return b


@pytest.fixture
def raw_board(board):
    """A fresh board in the raw REPL, entered as mpremote does (with a soft reset)."""
    board.enter_raw_repl()
    return board
