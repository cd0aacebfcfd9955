# SPDX-License-Identifier: MIT
"""The flash filesystem on replhub-board --flash, driven with mpremote's fs command sequences
(PROTOCOLS.md §3.5): ls, stat, cat, cp both ways, sha256sum, mkdir, rmdir, rm, rm -r, touch,
df; first-boot setup, boot.py/main.py, imports from /lib, persistence across soft resets and
restarts, files left open closed at a soft reset or exit, and a board killed in the middle of an
upload."""

import ast
import hashlib
import os
import random
import re
import signal
import subprocess
import time

import pytest

from conftest import BOARD as BOARD_PATH
from conftest import Board, ReplError


class RemoteError(Exception):
    """What mpremote's _convert_filesystem_error makes of a device traceback."""

    def __init__(self, text):
        super().__init__(text)
        self.text = text
        self.errno_name = None
        if "OSError" in text:
            m = re.search(r"\b(E[A-Z]+)\b", text)
            self.errno_name = m.group(1) if m else None


class Remote:
    """The device side of mpremote's transport: exec / eval / the fs_* helpers."""

    def __init__(self, board):
        self.board = board

    def exec(self, code):
        out, err = self.board.exec_raw_paste(code)
        if err:
            raise RemoteError(err.decode("utf-8", "replace"))
        return out

    def eval(self, expr):
        return ast.literal_eval(self.exec("print(repr(%s))" % expr).decode().strip())

    def ls(self, path=""):
        out = self.exec("import os\nfor f in os.ilistdir(%s):\n print(repr(f), end=',')"
                        % (repr(path) if path else ""))
        return [f if len(f) == 4 else f + (0,) for f in ast.literal_eval("[%s]" % out.decode())]

    def stat(self, path):
        self.exec("import os")
        st = self.eval("os.stat(%s)" % repr(path))
        assert len(st) >= 10
        return st

    def isdir(self, path):
        try:
            return self.stat(path)[0] & 0x4000 != 0
        except RemoteError:
            return False

    def cat(self, path):
        return self.exec("with open(%s) as f:\n while 1:\n  b=f.read(256)\n  if not b:break\n"
                         "  print(b,end='')" % repr(path))

    def read_file(self, path):
        self.exec("f=open(%s,'rb')\nr=f.read" % repr(path))
        data = bytearray()
        while True:
            chunk = self.eval("r(256)")
            if not chunk:
                break
            data += chunk
        self.exec("f.close()")
        return bytes(data)

    def write_file(self, path, data):
        self.exec("f=open(%s,'wb')\nw=f.write" % repr(path))
        for i in range(0, len(data), 256):
            self.exec("w(" + repr(data[i:i + 256]) + ")")
        self.exec("f.close()")

    def sha256(self, path):
        self.exec("import hashlib\nh = hashlib.sha256()")
        self.exec("buf = memoryview(bytearray(256))\nwith open(%s, 'rb') as f:\n while True:\n"
                  "  n = f.readinto(buf)\n  if n == 0:\n   break\n"
                  "  h.update(buf if n == 256 else buf[:n])\n" % repr(path))
        return self.eval("h.digest()")

    def mkdir(self, path):
        self.exec("import os\nos.mkdir(%s)" % repr(path))

    def rmdir(self, path):
        self.exec("import os\nos.rmdir(%s)" % repr(path))

    def rm(self, path):
        self.exec("import os\nos.remove(%s)" % repr(path))

    def touch(self, path):
        self.exec("f=open(%s,'a')\nf.close()" % repr(path))

    def rm_r(self, path):
        if self.isdir(path):
            for entry in self.ls(path):
                self.rm_r(path.rstrip("/") + "/" + entry[0])
            try:
                self.rmdir(path)
            except RemoteError as e:
                if e.errno_name != "EINVAL":  # a mount point
                    raise
        else:
            self.rm(path)

    def cp_to(self, path, data, check_hash=True):
        """cp local :path, skipping the copy when the hashes match (as without --force)."""
        if check_hash:
            try:
                if self.sha256(path) == hashlib.sha256(data).digest():
                    return False
            except RemoteError:
                pass
        self.write_file(path, data)
        return True


def start(board_factory, image, *args):
    # An RX buffer larger than any command: raw-paste's window (half the buffer, granted twice)
    # can otherwise fill a 256-byte buffer exactly and drop the closing 0x04 (a raw-REPL issue,
    # not the filesystem's; test_raw.py covers raw-paste at 256 bytes).
    b = board_factory("--flash", str(image), "--rx-buffer", "4096", *args, stdio=True)
    banner = b.read_until(b">>> ")
    return b, banner


def stop(b, sig=signal.SIGTERM):
    """Ends the board's process (the fixture closes its pty later)."""
    if b.proc.poll() is None:
        b.proc.send_signal(sig)
    b.proc.wait(5)


@pytest.fixture
def image(tmp_path):
    return tmp_path / "flash.img"


@pytest.fixture
def remote(board_factory, image):
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    return Remote(b)


def test_first_boot_formats_and_writes_boot_py(board_factory, image):
    b, banner = start(board_factory, image)
    assert b"Performing initial setup\r\n" in banner
    assert image.stat().st_size == 2 * 1024 * 1024
    b.enter_raw_repl()
    r = Remote(b)
    assert [e[0] for e in r.ls()] == ["boot.py"]
    assert r.cat("boot.py").startswith(b"# boot.py")
    stop(b)
    # The second boot finds the filesystem: no setup.
    b, banner = start(board_factory, image)
    assert b"Performing initial setup" not in banner


@pytest.mark.parametrize("size,sectors", [("1M", 98), ("2M", 251), ("4M", 763)])
def test_flash_sizes_follow_the_esp8266_layout(board_factory, tmp_path, size, sectors):
    image = tmp_path / ("f%s.img" % size)
    b, _ = start(board_factory, image, "--flash-size", size)
    assert image.stat().st_size == int(size[0]) * 1024 * 1024
    b.enter_raw_repl()
    r = Remote(b)
    r.exec("import os")
    st = r.eval("os.statvfs('/')")
    assert st[0] == 4096 and st[2] == sectors and 0 < st[3] < sectors


def test_ls_stat_mkdir_rmdir_rm_touch(remote):
    r = remote
    r.mkdir("lib")
    r.mkdir("lib/sub")
    r.touch("lib/empty.py")
    r.touch("lib/empty.py")  # touching again changes nothing
    r.write_file("lib/data.bin", b"\x00\x01" * 300)
    listing = sorted(r.ls("lib"))
    assert listing == [("data.bin", 0x8000, 0, 600), ("empty.py", 0x8000, 0, 0),
                       ("sub", 0x4000, 0, 0)]
    assert sorted(e[0] for e in r.ls()) == ["boot.py", "lib"]
    assert sorted(e[0] for e in r.ls("/")) == ["boot.py", "lib"]
    st = r.stat("lib/data.bin")
    assert st[0] & 0x8000 and st[6] == 600
    assert r.isdir("lib") and not r.isdir("lib/data.bin") and not r.isdir("nothing")
    with pytest.raises(RemoteError) as e:
        r.stat("missing")
    assert e.value.errno_name == "ENOENT" and "OSError: [Errno 2] ENOENT" in e.value.text
    with pytest.raises(RemoteError) as e:
        r.mkdir("lib")
    assert e.value.errno_name == "EEXIST"
    with pytest.raises(RemoteError) as e:
        r.rmdir("lib")
    assert e.value.errno_name == "ENOTEMPTY"
    with pytest.raises(RemoteError) as e:
        r.rm("lib/sub")
    assert e.value.errno_name == "EISDIR"
    r.rm("lib/empty.py")
    r.rmdir("lib/sub")
    assert [e[0] for e in r.ls("lib")] == ["data.bin"]


def test_cp_both_ways_cat_and_sha256sum(remote):
    r = remote
    rng = random.Random(7)
    text = "".join(rng.choice("abcdefghij \n\u00e9\u20ac") for _ in range(3000))
    blob = bytes(rng.randrange(256) for _ in range(10000))
    assert r.cp_to("text.txt", text.encode())
    assert r.cp_to("blob.bin", blob)
    assert not r.cp_to("blob.bin", blob)  # same hash: skipped as mpremote does
    assert r.cat("text.txt").decode() == text.replace("\n", "\r\n")
    assert r.read_file("blob.bin") == blob
    assert r.sha256("blob.bin") == hashlib.sha256(blob).digest()
    changed = blob[:5000] + b"changed" + blob[5007:]
    assert r.cp_to("blob.bin", changed)
    assert r.read_file("blob.bin") == changed


def test_cp_recursive_and_rm_recursive(remote):
    r = remote
    files = {"proj/main.py": b"print('hi')\n", "proj/lib/a.py": b"A = 1\n",
             "proj/lib/b.py": b"B = 2\n" * 100, "proj/lib/deep/c.txt": b"c" * 5000}
    for d in ("proj", "proj/lib", "proj/lib/deep"):
        try:
            r.mkdir(d)
        except RemoteError as e:
            assert e.errno_name == "EEXIST"
    for path, data in sorted(files.items()):
        r.cp_to(path, data)
    for path, data in files.items():
        assert r.read_file(path) == data
    r.rm_r("proj")
    assert [e[0] for e in r.ls()] == ["boot.py"]


def test_names_mpremote_quotes(remote):
    r = remote
    names = ["with space.py", "it's.txt", 'say "hi".txt', "back\\slash",
             "\u00f1and\u00fa \u20ac.txt", "\u65e5\u672c"]
    for n in names:
        r.write_file(n, n.encode())
    assert sorted(e[0] for e in r.ls()) == sorted(names + ["boot.py"])
    for n in names:
        assert r.read_file(n) == n.encode()
        r.rm(n)


def test_stat_times_on_the_board_clock(board_factory, image):
    """os.stat() gives the time of a file's last write (a directory's making) in seconds since
    the board's epoch, as time.time() counts them, in st_atime, st_mtime and st_ctime; a rename
    keeps it, and so do soft resets."""
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    r = Remote(b)
    r.exec("import os, time, machine\n"
           "def at(*d):\n machine.RTC().datetime(d + (0,))\n return time.time()")
    t0 = r.eval("at(2021, 3, 4, 0, 5, 6, 7)")
    assert t0 == r.eval("time.mktime((2021, 3, 4, 5, 6, 7, 0, 0))")
    r.exec("os.mkdir('d')\nf=open('d/a.txt','w')\nf.write('one')\nf.close()")
    t1 = r.eval("time.time()")
    st = r.stat("d/a.txt")
    assert t0 <= st[8] <= t1 and st[7] == st[8] == st[9]
    assert t0 <= r.stat("d")[8] <= t1
    t2 = r.eval("at(2022, 6, 1, 0, 12, 0, 0)")
    r.exec("os.rename('d/a.txt', 'b.txt')")
    assert r.stat("b.txt")[7:] == st[7:]  # a rename keeps the time
    r.exec("f=open('b.txt','a')\nf.write('two')\nf.close()")
    t3 = r.eval("time.time()")
    st = r.stat("b.txt")
    assert t2 <= st[8] <= t3 and st[7] == st[8] == st[9]
    r.exec("open('b.txt').read()")  # reading changes nothing
    assert r.stat("b.txt")[8] == st[8]
    b.enter_raw_repl()  # soft reset
    assert Remote(b).stat("b.txt")[8] == st[8]
    assert t0 <= Remote(b).stat("d")[8] <= t1


def test_df(remote):
    r = remote
    # mpremote's df shortcut, and the vfs.mount() listing newer versions use.
    out = r.exec("import os\nprint('mount \\tsize \\tused \\tavail \\tuse%')\n"
                 "for _m in [''] + os.listdir('/'):\n _s = os.stat('/' + _m)\n"
                 " if not _s[0] & 1 << 14: continue\n _s = os.statvfs(_m)\n if _s[0]:\n"
                 "  _size = _s[0] * _s[2]; _free = _s[0] * _s[3]; print(_m, _size, _size - _free,"
                 " _free, int(100 * (_size - _free) / _size), sep='\\t')").decode()
    lines = out.strip().splitlines()
    assert lines[0].startswith("mount") and lines[1].split("\t")[1] == str(251 * 4096)
    out = r.exec("import os,vfs\nfor fs, mp in vfs.mount():\n s = os.statvfs(mp)\n"
                 " print(mp, s[0], s[2], s[3])").decode().split()
    assert out[0] == "/" and out[1:3] == ["4096", "251"]


def test_boot_main_and_imports_from_flash(board_factory, image):
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    r = Remote(b)
    r.mkdir("lib")
    r.write_file("lib/greet.py", b"def hello(who):\n    return 'hello ' + who\n")
    r.write_file("boot.py", b"print('boot.py ran')\n")
    r.write_file("main.py", b"import greet\nprint(greet.hello('main'))\n")
    b.exit_raw_repl()
    b.read_until(b">>> ")
    b.write(b"\x04")  # soft reset in the friendly REPL runs boot.py and main.py
    out = b.read_until(b">>> ")
    assert b"boot.py ran\r\nhello main\r\n" in out
    stop(b)
    b, banner = start(board_factory, image)
    assert b"boot.py ran\r\nhello main\r\n" in banner
    # A raw-REPL soft reset runs boot.py but not main.py (mpremote relies on it).
    b.write(b"\r\x03")
    b.drain()
    b.write(b"\r\x01")
    b.read_until(b"raw REPL; CTRL-B to exit\r\n>")
    b.write(b"\x04")
    out = b.read_until(b"raw REPL; CTRL-B to exit\r\n")
    assert b"boot.py ran" in out and b"hello main" not in out


def test_persists_across_soft_reset_and_restart(board_factory, image):
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    r = Remote(b)
    data = bytes(range(256)) * 64
    r.write_file("keep.bin", data)
    b.enter_raw_repl()  # with a soft reset
    assert Remote(b).read_file("keep.bin") == data
    stop(b)
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    assert Remote(b).read_file("keep.bin") == data


def test_open_file_is_closed_at_soft_reset(board_factory, image):
    """As MicroPython: a soft reset runs every finaliser, so a file left open is closed and what
    it wrote is committed; a file opened for reading is left as it was."""
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    r = Remote(b)
    r.write_file("f.txt", b"old contents")
    r.write_file("g.txt", b"read only")
    r.exec("f=open('f.txt','wb')\nf.write(b'new, never closed')\ng=open('g.txt','rb')")
    b.enter_raw_repl()  # soft reset
    r = Remote(b)
    assert r.read_file("f.txt") == b"new, never closed"
    assert r.read_file("g.txt") == b"read only"


def test_python_exit_closes_open_files(tmp_path):
    python = os.path.join(os.path.dirname(BOARD_PATH), "replhub-python")
    flash = "flash=%s" % (tmp_path / "py.img")
    code = ("f=open('a.txt','w')\nf.write('left open at exit')\n"
            "b=open('b.bin','wb')\nb.write(bytes(5000))")
    subprocess.run([python, "-X", flash, "-c", code], check=True, timeout=30)
    out = subprocess.run([python, "-X", flash, "-c",
                          "print(open('a.txt').read(), len(open('b.bin','rb').read()))"],
                         check=True, timeout=30, stdout=subprocess.PIPE)
    assert out.stdout == b"left open at exit 5000\n"


def test_board_killed_during_uploads_keeps_old_or_new(board_factory, image):
    """SIGKILL at random moments of 256-byte uploads: the image is what a power cut leaves."""
    rng = random.Random(11)
    b, _ = start(board_factory, image)
    b.enter_raw_repl()
    r = Remote(b)
    last = bytes(rng.randrange(256) for _ in range(6000))
    r.write_file("up.bin", last)
    stop(b)
    for round_no in range(6):
        new = bytes(rng.randrange(256) for _ in range(3000 + 2000 * round_no))
        b, _ = start(board_factory, image)
        b.enter_raw_repl()
        r = Remote(b)
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        completed = False
        try:
            r.exec("f=open('up.bin','wb')\nw=f.write")
            for i in range(0, len(new), 256):
                if time.monotonic() > deadline:
                    break
                r.exec("w(" + repr(new[i:i + 256]) + ")")
            else:
                r.exec("f.close()")
                completed = True
        except (ReplError, RemoteError):
            pass
        stop(b, signal.SIGKILL)
        b, _ = start(board_factory, image)
        b.enter_raw_repl()
        got = Remote(b).read_file("up.bin")
        assert got == (new if completed else last)
        last = got
        stop(b)
