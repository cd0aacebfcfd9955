# SPDX-License-Identifier: MIT
"""A stock MicroPython board faked on a pty, to test replhubd against boards that offer less than
our firmware.

It speaks the friendly and the raw REPL as PROTOCOLS.md §1-§2 describe them and runs what it
receives with CPython's exec, in a namespace that looks like MicroPython on an ESP8266: board
paths live in a host directory ([root]), `os` has ilistdir/stat/statvfs/mkdir/rmdir/remove/rename
with MicroPython's tuples, sys.stdin.buffer and sys.stdout.buffer are the UART, a 0x03 that
arrives while a program runs raises KeyboardInterrupt in it, and uncaught exceptions are printed
MicroPython's way ("OSError: [Errno 2] ENOENT").

Options: paste="window" (raw-paste with a window of rx_buffer/2), "refuse" (answers R\\x00) or
"old" (firmware older than raw-paste: 0x01 resets the raw REPL); hashlib=False (importing it
fails, as on small builds); fat=True (FAT's rules: rename onto an existing file fails with EEXIST,
rmdir of a non-empty directory with EACCES).

What a test can look at: pasted/classic (commands received each way), overruns (moments when
more bytes waited in the RX buffer than flow control allows: counted, not dropped, so that a test
can say so), hold()/release() (the running program stops reading stdin after n bytes, as on a slow
flash write), corrupt (files written store different bytes) and power_off().
"""

import binascii
import builtins
import errno
import hashlib
import json
import os
import posixpath
import select
import stat
import struct
import sys
import threading
import traceback
import tty
import types

CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E = 1, 2, 3, 4, 5
BANNER = (b"MicroPython v1.24.1 on 2024-11-29; ESP module with ESP8266\r\n"
          b'Type "help()" for more information.\r\n')
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"
SOFT_REBOOT = b"MPY: soft reboot\r\n"
COMPOUND = ("if", "while", "for", "def", "class", "try", "with")
FLASH_BLOCKS, BLOCK = 512, 4096  # a 2 MiB filesystem

# The errno names stock MicroPython prints (MICROPY_PY_ERRNO_LIST in py/moderrno.c); any other
# number prints bare: "OSError: 39" for ENOTEMPTY, "OSError: 20" for ENOTDIR.
MP_ERRNO = {1: "EPERM", 2: "ENOENT", 5: "EIO", 9: "EBADF", 11: "EAGAIN", 12: "ENOMEM",
            13: "EACCES", 17: "EEXIST", 19: "ENODEV", 21: "EISDIR", 22: "EINVAL", 95: "EOPNOTSUPP",
            98: "EADDRINUSE", 103: "ECONNABORTED", 104: "ECONNRESET", 105: "ENOBUFS",
            107: "ENOTCONN", 110: "ETIMEDOUT", 111: "ECONNREFUSED", 113: "EHOSTUNREACH",
            114: "EALREADY", 115: "EINPROGRESS"}


def mp_oserror(num):
    return OSError(num, os.strerror(num))


class StockBoard:
    def __init__(self, link, root, paste="window", rx_buffer=256, hashlib=True, fat=False):
        assert paste in ("window", "refuse", "old")
        self.link, self.root = link, os.path.abspath(root)
        self.paste, self.rx_buffer, self.window = paste, rx_buffer, rx_buffer // 2
        self.has_hashlib, self.fat = hashlib, fat
        self.pasted = self.classic = 0
        self.overruns = []
        self.corrupt = False
        self.cond = threading.Condition()
        self.rxq = bytearray()  # received, not yet read by the REPL or a program
        self.room = None  # how many bytes may wait in rxq now (None: not checked)
        self.running = False  # a program runs: 0x03 interrupts it instead of being queued
        self.kbd = False  # KeyboardInterrupt pending
        self.dead = False
        self.hold_at = None  # stdin bytes a program may read before it stalls
        self.stdin_count = 0
        self.holding = threading.Event()
        self.mode = "friendly"
        self.after_cr = False
        self.cwd = "/"
        self.fresh_namespace()
        self.master, self.slave = os.openpty()  # the slave stays open: no POLLHUP busy loop
        tty.setraw(self.slave)
        tmp = link + ".new"
        os.symlink(os.ttyname(self.slave), tmp)
        os.replace(tmp, link)
        self.wake_r, self.wake_w = os.pipe()
        self.reader = threading.Thread(target=self.read_uart, daemon=True)
        self.reader.start()
        threading.Thread(target=self.main, daemon=True).start()

    # ---- the UART ----

    def read_uart(self):
        while True:
            ready = select.select([self.master, self.wake_r], [], [])[0]
            if self.wake_r in ready:
                return
            data = os.read(self.master, 4096)
            with self.cond:
                for c in data:
                    if c == CTRL_C and self.running:
                        self.kbd = True
                    else:
                        self.rxq.append(c)
                if self.room is not None and len(self.rxq) > self.room:
                    self.overruns.append(len(self.rxq))
                self.cond.notify_all()

    def out(self, data):
        view = memoryview(data)
        while view and not self.dead:
            try:
                view = view[os.write(self.master, view):]
            except OSError:
                if not self.dead:
                    raise
        if self.dead:
            halt()

    def getc(self):
        with self.cond:
            self.cond.wait_for(lambda: self.rxq or self.dead)
            if not self.dead:
                c = self.rxq[0]
                del self.rxq[0]
                return c
        halt()

    def stdin_read(self, n):
        got = bytearray()
        with self.cond:
            while len(got) < n and not self.dead:
                if self.held():
                    self.holding.set()
                self.cond.wait_for(lambda: self.kbd or self.dead or (self.rxq and not self.held()))
                if self.dead:
                    break
                if self.kbd:
                    self.kbd = False
                    raise KeyboardInterrupt
                k = min(n - len(got), len(self.rxq))
                if self.hold_at is not None:
                    k = min(k, self.hold_at - self.stdin_count)
                got += self.rxq[:k]
                del self.rxq[:k]
                self.stdin_count += k
        if self.dead:
            halt()
        return bytes(got)

    def held(self):
        return self.hold_at is not None and self.stdin_count >= self.hold_at

    def wait_queued(self, n, timeout=10):
        """Waits until [n] received bytes wait unread."""
        with self.cond:
            return self.cond.wait_for(lambda: len(self.rxq) >= n, timeout)

    def hold(self, n):
        """Programs stop reading stdin once they have read [n] more bytes (holding is set)."""
        with self.cond:
            self.stdin_count, self.hold_at = 0, n
            self.holding.clear()

    def release(self):
        with self.cond:
            self.hold_at = None
            self.cond.notify_all()

    def power_off(self):
        """The board stops dead where it is (a program keeps its files as they are) and its pty
        goes away."""
        self.dead = True
        os.write(self.wake_w, b"x")
        self.reader.join()
        with self.cond:
            self.cond.notify_all()
        for fd in (self.master, self.slave, self.wake_r, self.wake_w):
            os.close(fd)

    # ---- the REPL ----

    def main(self):
        self.out(b"\r\n" + BANNER)
        while True:
            if self.mode == "raw":
                self.raw_repl()
            else:
                self.friendly_repl()

    def soft_reset(self):
        self.out(SOFT_REBOOT)
        self.fresh_namespace()

    def friendly_repl(self):
        """One statement at ">>> " (with "... " continuation lines)."""
        self.out(b">>> ")
        lines, line = [], bytearray()
        while True:
            c = self.getc()
            after_cr, self.after_cr = self.after_cr, c == 0x0D
            empty = not line and not lines
            if c == CTRL_C:
                self.out(b"\r\n")
                return
            if empty and c == CTRL_A:
                self.out(b"\r\n")
                self.mode = "raw"
                return
            if empty and c == CTRL_B:
                self.out(b"\r\n" + BANNER)
                return
            if empty and c == CTRL_D:
                self.out(b"\r\n")
                self.soft_reset()
                self.out(BANNER)
                return
            if c == 0x0A and after_cr:
                continue  # the second half of "\r\n" is no second Enter
            if c in (0x0D, 0x0A):
                self.out(b"\r\n")
                text = line.decode()
                line = bytearray()
                words = text.split()
                if words and (lines or words[0].rstrip(":") in COMPOUND or text.endswith(":")):
                    lines.append(text)
                    self.out(b"... ")
                    continue
                if lines:
                    text = "\n".join(lines) + "\n"
                if text.strip():
                    self.run_line(text)
                return
            if 0x20 <= c < 0x7F:
                line.append(c)
                self.out(bytes([c]))
            elif c in (0x08, 0x7F) and line:
                del line[-1]
                self.out(b"\b \b")

    def run_line(self, text):
        err, exited = self.run(text, friendly=True)
        self.out(err)
        if exited:
            self.soft_reset()
            self.out(BANNER)

    def raw_repl(self):
        banner = True
        while True:
            if banner:
                self.out(RAW_BANNER)
            self.out(b">")
            banner, buf = False, bytearray()
            while True:
                c = self.getc()
                if c == CTRL_A:
                    if len(buf) == 2 and buf[0] == CTRL_E and self.paste != "old":
                        banner = self.raw_paste(buf[1])
                    else:
                        banner = True  # reset the raw REPL
                    break
                if c == CTRL_B:
                    self.out(b"\r\n" + BANNER)
                    self.mode = "friendly"
                    return
                if c == CTRL_C:
                    buf.clear()
                elif c == CTRL_D:
                    self.out(b"OK")
                    if buf:
                        self.classic += 1
                        banner = self.run_framed(bytes(buf))
                    else:
                        self.out(b"\r\n")
                        self.soft_reset()
                        banner = True
                    break
                else:
                    buf.append(c)

    def raw_paste(self, command):
        """A raw-paste request; returns whether the raw banner is due (a soft reset)."""
        if command != ord("A") or self.paste == "refuse":
            self.out(b"R\x00")
            return False
        with self.cond:
            # Two windows may be sent at once, and the end-of-data 0x04 needs no window.
            self.room = 2 * self.window + 1
        self.out(b"R\x01" + struct.pack("<H", self.window) + b"\x01")
        buf, left = bytearray(), self.window
        while True:
            c = self.getc()
            if c in (CTRL_C, CTRL_D):
                break
            buf.append(c)
            left -= 1
            if left == 0:
                self.out(b"\x01")
                left = self.window
        with self.cond:
            self.room = None
        self.out(b"\x04")
        self.pasted += 1
        if c == CTRL_C:
            self.out(b"\x04KeyboardInterrupt: \r\n\x04")
            return False
        return self.run_framed(bytes(buf))

    def run_framed(self, src):
        """Runs a raw-REPL command: output 0x04 errors 0x04; returns True after a SystemExit
        (the soft reset that follows ends with the raw banner, not '>')."""
        err, exited = self.run(src, friendly=False)
        if exited:
            self.out(b"\x04\x04")
            self.soft_reset()
            return True
        self.out(b"\x04" + err + b"\x04")
        return False

    # ---- running programs ----

    def run(self, src, friendly):
        """Compiles and runs [src]; returns (the traceback to print, whether it raised
        SystemExit)."""
        try:
            text = src if isinstance(src, str) else src.decode()
            value, code = None, None
            if friendly:
                try:
                    code, expr = compile(text, "<stdin>", "eval", dont_inherit=True), True
                except SyntaxError:
                    pass
            if code is None:
                code, expr = compile(text, "<stdin>", "exec", dont_inherit=True), False
            with self.cond:
                self.running, self.kbd = True, False
                self.room = None if friendly else self.rx_buffer
            sys.settrace(self.trace)
            try:
                value = eval(code, self.ns)
            finally:
                sys.settrace(None)
                with self.cond:
                    self.running, self.room = False, None
                    pending, self.kbd = self.kbd, False
            if pending:  # a Ctrl-C that came too late for a read still ends the program
                raise KeyboardInterrupt
            if expr and value is not None:
                self.write_text(repr(value) + "\n")
            return b"", False
        except SystemExit:
            return b"", True
        except BaseException as e:  # noqa: B036 - the board prints whatever it was
            return self.traceback(e), False

    def trace(self, frame, event, arg):
        """Lets a 0x03 interrupt a program that does not read (a busy loop) at its next
        instruction: `while True: pass` has no line to stop at."""
        if frame.f_code.co_filename not in ("<stdin>", "<string>"):
            return None
        frame.f_trace_opcodes = True
        if self.dead:
            halt()
        if event in ("line", "opcode") and self.kbd:
            with self.cond:
                self.kbd = False
            raise KeyboardInterrupt
        return self.trace

    def traceback(self, e):
        lines = []
        if isinstance(e, SyntaxError) and e.filename == "<stdin>":
            lines = ["Traceback (most recent call last):", '  File "<stdin>", line %d' % e.lineno,
                     "SyntaxError: invalid syntax"]
        else:
            frames = []
            for f, n in traceback.walk_tb(e.__traceback__):
                # A frame the trace function raised in can be listed twice: MicroPython does not.
                if f.f_code.co_filename == "<stdin>" and (not frames or frames[-1][0] is not f):
                    frames.append((f, n))
            if frames:
                lines.append("Traceback (most recent call last):")
                lines += ['  File "<stdin>", line %d, in %s' % (n, f.f_code.co_name)
                          for f, n in frames]
            lines.append(describe(e))
        return ("\r\n".join(lines) + "\r\n").encode()

    def write_text(self, s):
        self.out(s.replace("\n", "\r\n").encode())
        return len(s)

    def write_raw(self, b):
        self.out(bytes(b))
        return len(b)

    # ---- the namespace: MicroPython's modules over a host directory ----

    def fresh_namespace(self):
        names = dict(vars(builtins))
        names.update(open=self.open, print=self.print, __import__=self.import_, exec=exec_)
        self.ns = {"__builtins__": names, "__name__": "__main__"}
        b = self
        stdout = types.SimpleNamespace(write=b.write_text, buffer=types.SimpleNamespace(
            write=b.write_raw))
        stdin = types.SimpleNamespace(read=lambda n=1: b.stdin_read(n).decode(),
                                      buffer=types.SimpleNamespace(read=b.stdin_read))
        self.modules = {
            "os": types.SimpleNamespace(
                ilistdir=b.ilistdir, listdir=lambda p=".": [e[0] for e in b.ilistdir(p)],
                stat=b.stat, statvfs=b.statvfs, mkdir=lambda p: os.mkdir(b.host(p)),
                rmdir=b.rmdir, remove=lambda p: os.remove(b.host(p)), rename=b.rename,
                getcwd=lambda: b.cwd, chdir=b.chdir, sep="/"),
            "sys": types.SimpleNamespace(
                stdin=stdin, stdout=stdout, stderr=stdout, platform="esp8266", path=["", "/lib"],
                implementation=types.SimpleNamespace(name="micropython", version=(1, 24, 1, "")),
                exit=sys.exit, byteorder="little", maxsize=2**31 - 1),
            "json": types.SimpleNamespace(dumps=lambda o: json.dumps(o, ensure_ascii=False),
                                          loads=json.loads),
            "binascii": types.SimpleNamespace(hexlify=binascii.hexlify,
                                              unhexlify=binascii.unhexlify),
        }
        if self.has_hashlib:
            self.modules["hashlib"] = types.SimpleNamespace(sha256=hashlib.sha256)

    def import_(self, name, globals=None, locals=None, fromlist=(), level=0):
        if name not in self.modules:
            raise ImportError("no module named '%s'" % name)
        return self.modules[name]

    def print(self, *args, sep=" ", end="\n", file=None):
        (file or self.modules["sys"].stdout).write(sep.join(str(a) for a in args) + end)

    def host(self, path):
        """The host path of board path [path]; '..' cannot leave the root."""
        return self.root + posixpath.normpath(posixpath.join(self.cwd, path))

    def open(self, path, mode="r"):
        if "b" in mode:
            f = open(self.host(path), mode)
        else:
            f = open(self.host(path), mode, encoding="utf-8", newline="")
        return Corrupting(f) if self.corrupt and mode in ("wb", "ab") else f

    def ilistdir(self, path="."):
        entries = []
        for name in os.listdir(self.host(path)):
            st = os.stat(os.path.join(self.host(path), name))
            is_dir = stat.S_ISDIR(st.st_mode)
            entries.append((name, 0x4000 if is_dir else 0x8000, 0, 0 if is_dir else st.st_size))
        return iter(entries)

    def stat(self, path):
        st = os.stat(self.host(path))
        is_dir = stat.S_ISDIR(st.st_mode)
        t = int(st.st_mtime)
        return (0x4000 if is_dir else 0x8000, 0, 0, 0, 0, 0, 0 if is_dir else st.st_size, t, t, t)

    def statvfs(self, path):
        os.stat(self.host(path))
        used = 0
        for top, _, files in os.walk(self.root):
            used += sum(-(-os.path.getsize(os.path.join(top, f)) // BLOCK) for f in files)
        free = max(0, FLASH_BLOCKS - used)
        return (BLOCK, BLOCK, FLASH_BLOCKS, free, free, 0, 0, 0, 0, 255)

    def rmdir(self, path):
        if self.fat and os.path.isdir(self.host(path)) and os.listdir(self.host(path)):
            raise mp_oserror(errno.EACCES)  # FatFs: FR_DENIED
        os.rmdir(self.host(path))

    def rename(self, old, new):
        if self.fat and os.path.lexists(self.host(new)):
            raise mp_oserror(errno.EEXIST)  # FatFs: FR_EXIST
        os.rename(self.host(old), self.host(new))

    def chdir(self, path):
        if not os.path.isdir(self.host(path)):
            raise mp_oserror(errno.ENOENT)
        self.cwd = posixpath.normpath(posixpath.join(self.cwd, path))


class Corrupting:
    """A file open for writing that stores every written chunk with its first bit flipped."""

    def __init__(self, f):
        self.f = f

    def write(self, data):
        data = bytearray(data)
        if data:
            data[0] ^= 1
        return self.f.write(bytes(data))

    def __getattr__(self, name):
        return getattr(self.f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()


def describe(e):
    """The last line of a MicroPython traceback for [e]."""
    if isinstance(e, OSError):
        num = e.errno if e.errno is not None else (e.args[0] if len(e.args) == 1 else None)
        if isinstance(num, int) and num in MP_ERRNO:
            return "OSError: [Errno %d] %s" % (num, MP_ERRNO[num])
        return "OSError: %s" % (num if num is not None else ", ".join(map(str, e.args)))
    if isinstance(e, ZeroDivisionError):
        return "ZeroDivisionError: divide by zero"
    args = e.args
    message = "" if not args else str(args[0]) if len(args) == 1 else repr(args)
    return "%s: %s" % (type(e).__name__, message)


def exec_(source, globals=None, locals=None):
    """exec(), with a string compiled first: CPython's own exec of a string that ends in
    KeyboardInterrupt marks the whole process, which then exits by SIGINT."""
    if globals is None:
        caller = sys._getframe(1)
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    if isinstance(source, (str, bytes)):
        source = compile(source, "<string>", "exec", dont_inherit=True)
    builtins.exec(source, globals, globals if locals is None else locals)


def halt():
    """A board without power does nothing more."""
    threading.Event().wait()
