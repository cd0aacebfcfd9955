# SPDX-License-Identifier: MIT
"""File operations through replhubd against boards that offer less than our firmware, as stock
MicroPython builds do (stockboard.StockBoard): raw-paste with a 128-byte window, no raw-paste
(R\\x00), firmware older than raw-paste, no hashlib, FAT's rename. Every file is checked in the
fake board's directory itself, and the board says how commands reached it and whether replhubd
ever sent more than its RX buffer may hold."""

import hashlib
import os
import random
import select
import socket
import threading

import pytest
from fsapi import FileApi
import stockboard
from stockboard import StockBoard

CONFIGS = {
    "paste_window_128": dict(paste="window", rx_buffer=256),
    "no_raw_paste": dict(paste="refuse"),
    "before_raw_paste": dict(paste="old"),
    "no_hashlib": dict(hashlib=False),
    "fat": dict(fat=True),
}
SIZES = (0, 1, 300, 5000)


@pytest.fixture
def stock(daemon, tmp_path):
    """A fake stock board with [opts] behind replhubd; its flash is api.root on the host."""
    boards = []

    def start(**opts):
        root = tmp_path / "flash"
        root.mkdir(exist_ok=True)
        board = StockBoard(str(tmp_path / "board.pty"), str(root), **opts)
        boards.append(board)
        d = daemon("--board", "esp=pty:" + board.link)
        d.wait_state("esp", "repl")
        api = FileApi(d.port, "esp")
        api.daemon, api.board, api.root = d, board, root

        def power_on():  # the same board with the same flash, back after a power cut
            api.board = StockBoard(board.link, str(root), **opts)
            boards.append(api.board)
            d.wait_state("esp", "repl", timeout=15)

        api.power_on = power_on
        return api

    yield start
    for b in boards:
        if not b.dead:
            b.power_off()


def payload(n, seed):
    """[n] bytes from 0x03 (the interrupt character) on; 256 or more hold every byte value,
    then the sequences the upload encoding escapes or that look like its escapes."""
    rnd = random.Random(seed)
    data = bytearray(rnd.getrandbits(8) for _ in range(n))
    head = bytes((3 + i) % 256 for i in range(256)) + b"\x1b\x02\x1b\x01\x03\x03\x04\x1b\x1b"
    data[:len(head)] = head[:n]
    return bytes(data)


def sha(data):
    return hashlib.sha256(data).hexdigest()


def temporaries(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob(".replhub.tmp"))


@pytest.mark.parametrize("config", CONFIGS)
def test_file_operations_on_a_stock_board(stock, config):
    api = stock(**CONFIGS[config])
    board, root = api.board, api.root
    for n in SIZES:
        path, data = "/data/f%d.bin" % n, payload(n, n)
        status, body = api.put(path, data)
        assert status == 200, body
        assert body == {"path": path, "size": n, "sha256": sha(data)}
        assert (root / "data" / ("f%d.bin" % n)).read_bytes() == data
        status, back, resp = api.get(path)
        assert status == 200 and back == data, "size %d came back different" % n
        assert resp.getheader("x-replhub-sha256") == sha(data)
        status, body = api.json("GET", api.url(path, "sha256"))
        assert body == {"path": path, "size": n, "sha256": sha(data)}
    # Over an existing file, through the same atomic rename.
    new = payload(5000, 99)
    assert api.put("/data/f5000.bin", new)[0] == 200
    assert (root / "data" / "f5000.bin").read_bytes() == new

    listing = api.listing("/data")
    assert listing["entries"] == [{"name": "f%d.bin" % n, "type": "file", "size": n}
                                  for n in sorted(SIZES, key=lambda n: "f%d.bin" % n)]
    assert listing["fs"]["total"] == 512 * 4096 and 0 < listing["fs"]["free"] < 512 * 4096
    assert api.listing("/")["entries"] == [{"name": "data", "type": "dir", "size": 0}]

    assert api.post("/data/sub/deeper", {"op": "mkdir"})[0] == 200
    assert (root / "data" / "sub" / "deeper").is_dir()
    status, body = api.post("/data/sub/deeper", {"op": "mkdir"})
    assert status == 409 and body["error"]["code"] == "exists", body

    (root / "data" / "sub" / "old.txt").write_bytes(b"old")
    status, body = api.post("/data/f300.bin", {"op": "rename", "to": "/data/sub/old.txt"})
    assert status == 200, body
    assert (root / "data" / "sub" / "old.txt").read_bytes() == payload(300, 300)
    assert not (root / "data" / "f300.bin").exists()

    # A file in the way of a directory: stock MicroPython has no name for ENOTDIR ("OSError: 20").
    status, body = api.put("/data/f1.bin/inside", b"x")
    assert status == 409 and body["error"]["code"] == "not_a_directory", body
    assert (root / "data" / "f1.bin").read_bytes() == payload(1, 1)

    status, body = api.json("DELETE", api.url("/data", "recursive"))
    assert status == 200, body
    assert not (root / "data").exists()
    status, body = api.json("GET", api.url("/data/f1.bin"))
    assert status == 404 and body["error"]["code"] == "file_not_found", body

    status, body = api.exec("print(6*7)")
    assert status == 200 and body == {"stdout": "42\r\n", "stderr": "", "exception": None}
    status, body = api.exec("import os\nos.stat('/missing')")
    assert body["exception"] == {"type": "OSError", "message": "[Errno 2] ENOENT"}, body
    assert body["stderr"].startswith("Traceback (most recent call last):\r\n")
    status, body = api.exec("x = (")
    assert body["exception"]["type"] == "SyntaxError", body

    assert temporaries(root) == []
    assert board.overruns == [], "more bytes waited than the board's RX buffer holds"
    if CONFIGS[config].get("paste", "window") == "window":
        assert board.pasted > 0 and board.classic == 0
    else:
        assert board.classic > 0 and board.pasted == 0
    assert api.ops() == []


@pytest.mark.parametrize("has_hashlib", [True, False], ids=["hashlib", "no_hashlib"])
def test_a_board_that_stores_other_bytes_fails_verification(stock, has_hashlib):
    api = stock(hashlib=has_hashlib)
    old = payload(2000, 1)
    assert api.put("/v.bin", old)[0] == 200
    api.board.corrupt = True  # every write stores its first byte with a bit flipped
    status, body = api.put("/v.bin", payload(3000, 2))
    assert status == 502 and body["error"]["code"] == "verify_failed", body
    assert (api.root / "v.bin").read_bytes() == old
    api.board.corrupt = False
    assert api.listing("/")["entries"] == [{"name": "v.bin", "type": "file", "size": 2000}]
    assert temporaries(api.root) == []


def start_upload(api, path, data):
    """A PUT in a thread; its (status, body) lands in the returned dict as "r"."""
    result = {}
    t = threading.Thread(target=lambda: result.update(r=api.put(path, data)))
    t.start()
    return t, result


def running_write(api):
    ops = [op for op in api.ops() if op["kind"] == "write" and op["state"] == "running"]
    assert len(ops) == 1, ops
    return ops[0]["id"]


TEXT = b"".join(b"line %04d of a text file\n" % i for i in range(400))  # no control bytes


@pytest.mark.parametrize("config", ["paste_window_128", "no_raw_paste"])
def test_a_cancelled_upload_keeps_the_old_file(stock, config):
    api = stock(**CONFIGS[config])
    old = payload(3000, 3)
    assert api.put("/keep.bin", old)[0] == 200
    api.board.hold(1000)  # the board stalls in the middle of the next upload
    t, result = start_upload(api, "/keep.bin", TEXT)
    assert api.board.holding.wait(30)
    assert (api.root / ".replhub.tmp").exists()
    op = running_write(api)
    status, body = api.json("DELETE", "/api/v1/boards/esp/ops/%d" % op)
    assert status == 200 and body == {"cancelled": op}
    t.join(60)
    api.board.release()
    assert result["r"][0] == 409 and result["r"][1]["error"]["code"] == "cancelled", result
    assert (api.root / "keep.bin").read_bytes() == old
    assert api.get("/keep.bin")[1] == old
    assert temporaries(api.root) == []
    assert api.ops() == []


def cut_upload(api, path, data, cut):
    """Sends a PUT with [cut] bytes of its body, then drops the connection."""
    sock = socket.create_connection(("127.0.0.1", api.port))
    head = ("PUT %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n"
            % (api.url(path), len(data))).encode()
    sock.sendall(head + data[:cut])
    return sock


def test_a_cut_upload_keeps_the_old_file(stock):
    api = stock(**CONFIGS["paste_window_128"])
    old = payload(3000, 4)
    assert api.put("/keep.bin", old)[0] == 200
    for cut in (0, 2500, len(TEXT) - 1):
        api.board.hold(1000)
        sock = cut_upload(api, "/keep.bin", TEXT, cut)
        if cut > 1000:
            assert api.board.holding.wait(30)  # the board is storing the new file
        sock.close()
        assert api.get("/keep.bin")[1] == old  # queued behind the cut upload
        api.board.release()
        assert (api.root / "keep.bin").read_bytes() == old
        assert temporaries(api.root) == []
    assert api.ops() == []


def test_a_power_cut_mid_upload_leaves_a_temporary_file_the_next_operation_removes(stock):
    api = stock(**CONFIGS["no_hashlib"])
    old = payload(3000, 5)
    assert api.put("/pc.bin", old)[0] == 200
    api.board.hold(1000)
    t, result = start_upload(api, "/pc.bin", payload(5000, 6))
    assert api.board.holding.wait(30)
    api.board.power_off()
    t.join(60)
    assert result["r"][0] == 409 and result["r"][1]["error"]["code"] == "board_disconnected"
    assert temporaries(api.root) == [".replhub.tmp"]  # the board had no chance to remove it
    api.power_on()
    assert api.get("/pc.bin")[1] == old
    assert temporaries(api.root) == []
    assert (api.root / "pc.bin").read_bytes() == old


def test_cancelled_upload_data_is_never_taken_for_repl_input(stock):
    # Data that would switch a board's raw REPL to the friendly one (Ctrl-B) and run a line.
    unit = b"\x02\ropen('/pwned','w').close()\r"
    api = stock(**CONFIGS["paste_window_128"])
    api.board.hold(1000)
    t, result = start_upload(api, "/data.bin", unit * 200)
    assert api.board.holding.wait(30)
    op = running_write(api)
    assert api.json("DELETE", "/api/v1/boards/esp/ops/%d" % op)[0] == 200
    t.join(60)
    api.board.release()
    assert result["r"][1]["error"]["code"] == "cancelled", result
    assert api.listing("/")["entries"] == []  # the next operation: the board is usable
    assert not (api.root / "pwned").exists(), "the board ran a line of the cancelled upload"


@pytest.mark.parametrize("config", [
    "paste_window_128",  # littlefs: OSError 39, a number MicroPython has no name for
    "fat",  # FatFs refuses the rmdir with EACCES
])
def test_deleting_a_non_empty_directory_says_so(stock, config):
    api = stock(**CONFIGS[config])
    (api.root / "lib").mkdir()
    (api.root / "lib" / "a.py").write_bytes(b"x = 1\n")
    status, body = api.json("DELETE", api.url("/lib"))
    assert status == 409 and body["error"]["code"] == "directory_not_empty", body
    assert (api.root / "lib" / "a.py").read_bytes() == b"x = 1\n"


def test_a_program_at_the_prompt_is_interrupted_and_run_types_a_file(stock):
    api = stock(**CONFIGS["before_raw_paste"])
    viewer = api.daemon.term("esp")
    viewer.send_bytes(b"print('go'); exec('while True: pass')\r")
    viewer.read_bytes_until(b"\r\ngo\r\n")  # it runs
    status, body = api.put("/hello.py", b"for i in range(3):\n    print('hello', i)\n")
    assert status == 200, body
    seen = viewer.read_bytes_until(b"the running program was interrupted")
    assert b"KeyboardInterrupt" not in seen and b"raw REPL" not in seen, seen
    viewer.read_bytes_until(b">>> ")
    assert api.post("/hello.py", {"op": "run"})[0] == 202
    viewer.read_bytes_until(b"hello 0\r\nhello 1\r\nhello 2\r\n>>> ")
    viewer.send_bytes(b"print(1+2)\r")
    viewer.read_bytes_until(b"print(1+2)\r\n3\r\n>>> ")
    viewer.close()


class Host:
    """The other end of a fake board's UART, with exact expectations of what it answers."""

    def __init__(self, link):
        self.fd = os.open(link, os.O_RDWR | os.O_NOCTTY)  # raw already: the board set it

    def talk(self, send, expect):
        os.write(self.fd, send)
        got = b""
        while len(got) < len(expect) and select.select([self.fd], [], [], 10)[0]:
            got += os.read(self.fd, 4096)
        assert got == expect

    def close(self):
        os.close(self.fd)


RAW = b"raw REPL; CTRL-B to exit\r\n>"
TB = b"Traceback (most recent call last):\r\n  File \"<stdin>\", line %d, in <module>\r\n"


def test_the_fake_board_speaks_the_repl_as_documented(tmp_path):
    """PROTOCOLS.md §1-§2 byte for byte, so that the tests above mean what they say."""
    (tmp_path / "flash").mkdir()
    board = StockBoard(str(tmp_path / "a.pty"), str(tmp_path / "flash"))
    host = Host(board.link)
    try:
        host.talk(b"", b"\r\n" + stockboard.BANNER + b">>> ")
        host.talk(b"1+1\r", b"1+1\r\n2\r\n>>> ")
        host.talk(b"\x03", b"\r\n>>> ")
        host.talk(b"\x01", b"\r\n" + RAW)
        host.talk(b"\x05A\x01", b"R\x01\x80\x00\x01")
        host.talk(b"print(123)\x04", b"\x04123\r\n\x04\x04>")
        code = b"print('" + b"a" * 290 + b"')"  # 299 bytes: the board grants two windows more
        host.talk(b"\x05A\x01", b"R\x01\x80\x00\x01")
        host.talk(code[:256], b"\x01\x01")
        host.talk(code[256:] + b"\x04", b"\x04" + b"a" * 290 + b"\r\n\x04\x04>")
        host.talk(b"1/0\x04", b"OK\x04" + TB % 1 + b"ZeroDivisionError: divide by zero\r\n\x04>")
        host.talk(b"import os\nos.stat('/x')\x04",
                  b"OK\x04" + TB % 2 + b"OSError: [Errno 2] ENOENT\r\n\x04>")
        host.talk(b"import os\nos.mkdir('/d')\nopen('/d/f','w').close()\nos.rmdir('/d')\x04",
                  b"OK\x04" + TB % 4 + b"OSError: 39\r\n\x04>")
        host.talk(b"print('go'); exec('while True: pass')\x04", b"OKgo\r\n")
        host.talk(b"\x03", b"\x04" + TB % 1 + b"KeyboardInterrupt: \r\n\x04>")
        # A program that reads stdin, on a board that stops reading: the host that sends more
        # than the RX buffer holds is caught.
        board.hold(0)
        host.talk(b"import sys\nprint('reads')\nprint(len(sys.stdin.buffer.read(300)))\x04",
                  b"OKreads\r\n")
        os.write(host.fd, b"\x06" * 300)
        assert board.wait_queued(300)
        board.release()
        host.talk(b"", b"300\r\n\x04\x04>")
        assert board.overruns and board.overruns[-1] == 300
        host.talk(b"\x04", b"OK\r\nMPY: soft reboot\r\n" + RAW)
        host.talk(b"\x02", b"\r\n" + stockboard.BANNER + b">>> ")
    finally:
        host.close()
        board.power_off()


@pytest.mark.parametrize("opts, answer", [
    (dict(paste="refuse"), b"R\x00>"),
    (dict(paste="old"), RAW),
])
def test_the_fake_board_without_raw_paste(tmp_path, opts, answer):
    (tmp_path / "flash").mkdir()
    board = StockBoard(str(tmp_path / "a.pty"), str(tmp_path / "flash"), hashlib=False, fat=True,
                       **opts)
    host = Host(board.link)
    try:
        host.talk(b"", b"\r\n" + stockboard.BANNER + b">>> ")
        host.talk(b"\x01", b"\r\n" + RAW)
        host.talk(b"\x05A\x01", answer)
        host.talk(b"import hashlib\x04",
                  b"OK\x04" + TB % 1 + b"ImportError: no module named 'hashlib'\r\n\x04>")
        host.talk(b"import os\nfor n in 'ab': open(n, 'w').close()\nos.rename('a', 'b')\x04",
                  b"OK\x04" + TB % 3 + b"OSError: [Errno 17] EEXIST\r\n\x04>")
        assert board.classic == 2 and board.pasted == 0
    finally:
        host.close()
        board.power_off()
