# SPDX-License-Identifier: MIT
"""File operations through replhubd against the real simulated board at the ESP8266's line rate
and RX buffer (--baud 115200 --rx-buffer 256): binary round trips, awkward names, the other
operations and their errors, interrupting a running program, what viewers see, uploads cut at
random points, a power cut mid-upload, and a full flash."""

import hashlib
import json
import random
import socket
import threading
import time

import pytest
from fsapi import FileApi
from wsclient import OP_TEXT


FAST = ("--rx-buffer", "256")  # with baud 115200: the ESP8266's UART


@pytest.fixture
def files(daemon, sim_board, tmp_path):
    """A board at 115200 baud with a 256-byte RX buffer and a flash image, behind replhubd."""

    def start(*board_args, flash_size="1M"):
        flash = str(tmp_path / "flash.img")
        board = sim_board("board.pty", 115200, *FAST, "--flash", flash, "--flash-size", flash_size,
                          *board_args)
        d = daemon("--board", "esp=pty:" + board.link)
        d.wait_state("esp", "repl")
        api = FileApi(d.port, "esp")
        api.daemon, api.sim, api.flash = d, board, flash
        return api

    return start


def payload(n, seed):
    rnd = random.Random(seed)
    data = bytes(rnd.getrandbits(8) for _ in range(n))
    if n >= 256:  # every byte value, wherever the chunks fall
        data = bytes(range(256)) + data[256:]
    return data


def test_binary_files_round_trip_at_every_size(files):
    api = files()
    for n in (0, 1, 3, 127, 128, 129, 255, 256, 257, 1000, 4096, 65536, 262144):
        data = payload(n, n)
        status, body = api.put("/data/f%d.bin" % n, data)
        assert status == 200, body
        assert body["size"] == n
        assert body["sha256"] == hashlib.sha256(data).hexdigest()
        status, back, resp = api.get("/data/f%d.bin" % n)
        assert status == 200
        assert back == data, "size %d came back different" % n
        assert resp.getheader("x-replhub-sha256") == hashlib.sha256(data).hexdigest()
    listing = api.entries("/data")
    assert listing["f65536.bin"] == {"name": "f65536.bin", "type": "file", "size": 65536}
    assert ".replhub.tmp" not in listing


def test_names_with_spaces_quotes_and_non_ascii(files):
    api = files()
    names = ["/my file.py", "/it's \"quoted\".txt", "/déjà vu/€ 5.bin", "/back\\slash"]
    for i, name in enumerate(names[:3]):
        status, body = api.put(name, ("content %d\n" % i).encode())
        assert status == 200, body
        assert body["path"] == name
    for i, name in enumerate(names[:3]):
        assert api.get(name)[1] == ("content %d\n" % i).encode()
    root = api.entries("/")
    assert root["my file.py"]["size"] == 10
    assert "it's \"quoted\".txt" in root
    assert root["déjà vu"]["type"] == "dir"
    assert "€ 5.bin" in api.entries("/déjà vu")
    status, data, _ = api.get(names[3])
    assert status == 400 and json.loads(data)["error"]["code"] == "bad_path"


def test_operations_and_their_errors(files):
    api = files()
    assert api.post("/a/b/c", {"op": "mkdir"})[0] == 200
    assert api.entries("/a/b")["c"]["type"] == "dir"
    status, body = api.post("/a/b/c", {"op": "mkdir"})
    assert status == 409 and body["error"]["code"] == "exists"
    api.put("/a/b/c/x.txt", b"old")
    api.put("/a/y.txt", b"newer")
    # A rename replaces an existing file.
    assert api.post("/a/y.txt", {"op": "rename", "to": "/a/b/c/x.txt"})[0] == 200
    assert api.get("/a/b/c/x.txt")[1] == b"newer"
    assert "y.txt" not in api.entries("/a")
    status, body = api.post("/a/b/c/x.txt", {"op": "rename", "to": "/a/../../etc"})
    assert status == 400 and body["error"]["code"] == "bad_path"
    status, body = api.json("GET", api.url("/a/b/c/x.txt", "stat"))
    assert body == {"path": "/a/b/c/x.txt", "type": "file", "size": 5}
    status, body = api.json("GET", api.url("/a/b/c/x.txt", "sha256"))
    assert body["sha256"] == hashlib.sha256(b"newer").hexdigest()
    status, body = api.json("GET", api.url("/nope.txt"))
    assert status == 404 and body["error"]["code"] == "file_not_found"
    status, body = api.json("DELETE", api.url("/a"))
    assert status == 409 and body["error"]["code"] == "directory_not_empty"
    assert api.entries("/a/b/c")["x.txt"]["size"] == 5  # nothing was removed
    status, body = api.json("DELETE", api.url("/a", "recursive"))
    assert status == 200, body
    assert "a" not in api.entries("/")
    status, body = api.json("DELETE", api.url("/"))
    assert status == 400 and body["error"]["code"] == "bad_path"
    status, body = api.put("/boot.py/inside", b"x")
    assert status in (404, 409) and body["error"]["code"] in ("not_a_directory", "file_not_found",
                                                              "exists")
    status, body = api.json("GET", api.url("/", "stat"))
    assert body["type"] == "dir"


def test_exec_returns_output_and_exceptions(files):
    api = files()
    status, body = api.exec("print(6*7)")
    assert status == 200 and body == {"stdout": "42\r\n", "stderr": "", "exception": None}
    status, body = api.exec("import os\nos.stat('/missing')")
    assert body["exception"] == {"type": "OSError", "message": "[Errno 2] ENOENT"}
    assert "Traceback" in body["stderr"]
    status, body = api.exec("x = (")
    assert body["exception"]["type"] == "SyntaxError"
    # Output that is not UTF-8 still makes a JSON answer.
    status, body = api.exec("import sys\nsys.stdout.buffer.write(b'\\xff\\xfe ok')")
    assert status == 200 and body["stdout"] == "\ufffd\ufffd ok", body
    # Bodies that are not what the route wants.
    assert api.json("POST", "/api/v1/boards/esp/exec", {"code": 5})[0] == 400
    status, data, _ = api.call("POST", api.url("/x"), b"")
    assert status == 400 and json.loads(data)["error"]["code"] == "bad_message"
    status, body = api.post("/x", {"op": "explode"})
    assert status == 400 and body["error"]["code"] == "bad_message"
    status, data, _ = api.call("PUT", api.url("/t.txt"), b"x", {"x-replhub-tag": "t" * 65})
    assert status == 400


def read_term(ws, until, timeout=30):
    """Terminal bytes up to [until]; JSON events met on the way are kept on ws.events."""
    try:
        return ws.read_bytes_until(until, timeout=timeout, events=ws.events)
    except OSError as e:  # the socket's own timeout
        raise AssertionError("terminal never showed %r; got %r" % (until, ws.term)) from e


def next_event(ws):
    """The next JSON event (terminal bytes are kept for read_term)."""
    while True:
        op, payload = ws.recv()
        if op == OP_TEXT:
            return json.loads(payload)
        ws.term += payload


def test_a_running_program_is_interrupted_and_viewers_see_one_notice(files):
    api = files()
    a, b = api.daemon.term("esp"), api.daemon.term("esp")
    a.events, b.events = [], []
    a.send_bytes(b"while True: pass\r\r")
    read_term(a, b"while True: pass\r\n... \r\n")
    data = payload(3000, 1)
    status, body = api.put("/loop.bin", data)
    assert status == 200, body
    assert api.get("/loop.bin")[1] == data
    for ws in (a, b):
        seen = read_term(ws, b"write /loop.bin", timeout=30) + read_term(ws, b">>> ")
        text = seen.decode("utf-8", "replace")
        assert text.count("[replhub] write /loop.bin") == 1, text
        assert "the running program was interrupted" in text
        # No raw-REPL traffic: no banner, no program text, no transfer bytes.
        assert "raw REPL" not in text and "_w(" not in text and "sys.stdin" not in text
        states = [e["state"] for e in ws.events if e["type"] == "state"]
        assert "busy" in states
    # The board is back at the friendly prompt: a viewer can type again (held if the read is
    # still going).
    a.send_bytes(b"print(1+2)\r")
    read_term(a, b"3\r\n>>> ")
    a.close()
    b.close()


def test_typing_while_busy_is_held_and_typed_after(files):
    api = files()
    viewer = api.daemon.term("esp")
    viewer.events = []
    result = {}
    t = threading.Thread(target=lambda: result.update(r=api.put("/big.bin", payload(20000, 2))))
    t.start()
    while True:
        event = next_event(viewer)
        if event["type"] == "state" and event["state"] == "busy":
            break
    viewer.send_bytes(b"print(6 * 7)\r")
    viewer.send_bytes(b"#" * 5000)  # over the 4 KiB held: refused, the rest kept
    while True:
        event = next_event(viewer)
        if event["type"] == "error":
            assert event["code"] == "board_busy"
            break
    t.join(60)
    assert result["r"][0] == 200
    assert b"print(6 * 7)\r\n42\r\n>>> " in read_term(viewer, b"42\r\n>>> ")
    viewer.close()


def test_reading_an_idle_board_leaves_its_terminal_untouched(files):
    api = files()
    api.put("/quiet.txt", b"shh")
    viewer = api.daemon.term("esp")
    viewer.events = []
    viewer.send_bytes(b"1+1\r")
    read_term(viewer, b"2\r\n>>> ")
    assert api.entries("/")["quiet.txt"]["size"] == 3
    assert api.get("/quiet.txt")[1] == b"shh"
    viewer.send_bytes(b"2+2\r")
    # Nothing was printed between the prompt and the next command's echo.
    assert read_term(viewer, b"4\r\n>>> ") == b"2+2\r\n4\r\n>>> "
    kinds = [e["op"]["kind"] for e in viewer.events if e["type"] == "op"]
    assert "list" in kinds and "read" in kinds
    viewer.close()


def cut_upload(api, path, data, cut):
    """Sends a PUT with [cut] bytes of its body, then drops the connection."""
    sock = socket.create_connection(("127.0.0.1", api.port))
    head = ("PUT %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n"
            % (api.url(path), len(data))).encode()
    sock.sendall(head + data[:cut])
    time.sleep(random.random() * 0.05)
    sock.close()


def test_cut_uploads_leave_the_old_file_or_the_new_one(files):
    api = files()
    old = b"old content\n" * 40
    assert api.put("/keep.txt", old)[0] == 200
    rnd = random.Random(5)
    news = set()
    for i in range(100):
        new = ("new %03d\n" % i).encode() * 60
        news.add(new)
        cut_upload(api, "/keep.txt", new, rnd.randrange(0, len(new) + 1))
        status, got, _ = api.get("/keep.txt")
        assert status == 200
        assert got == old or got in news, "cut %d left a partial file (%d bytes)" % (i, len(got))
        if got != old:
            old = got
    assert ".replhub.tmp" not in api.entries("/")
    ops = api.json("GET", "/api/v1/boards/esp/ops")[1]
    assert ops == {"ops": []}


def test_an_upload_whose_body_stops_is_ended_and_the_old_file_kept(files):
    api = files()
    old = b"before\n"
    assert api.put("/s.txt", old)[0] == 200
    sock = socket.create_connection(("127.0.0.1", api.port))
    sock.sendall(("PUT %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n"
                  % api.url("/s.txt")).encode() + b"x" * 100)  # then nothing: the client hangs
    sock.settimeout(60)
    answer = sock.recv(4096)  # libwebsockets drops a connection whose body stalls
    sock.close()
    assert answer == b"", answer
    assert api.get("/s.txt")[1] == old
    assert ".replhub.tmp" not in api.entries("/")
    status, data, _ = api.call("PUT", api.url("/s.txt"), b"x", {"Content-Length": "1x"})
    assert status == 400


def test_power_cut_mid_upload_keeps_the_old_file(files, sim_board):
    api = files()
    old = payload(2000, 9)
    assert api.put("/pc.bin", old)[0] == 200
    viewer = api.daemon.term("esp")
    result = {}
    t = threading.Thread(target=lambda: result.update(r=api.put("/pc.bin", payload(30000, 10))))
    t.start()
    while True:  # wait until the board is storing the new file
        ev = next_event(viewer)
        if ev["type"] == "op" and ev["op"]["kind"] == "write" and ev["op"]["done"] > 5000:
            break
    api.sim.kill()
    t.join(30)
    assert result["r"][0] == 409 and result["r"][1]["error"]["code"] == "board_disconnected"
    viewer.close()
    sim_board("board.pty", 115200, *FAST, "--flash", api.flash)  # power back on
    api.daemon.wait_state("esp", "repl", timeout=15)
    assert api.get("/pc.bin")[1] == old
    assert ".replhub.tmp" not in api.entries("/")


def test_full_flash_says_so_and_keeps_what_is_stored(files):
    api = files()
    keep = payload(5000, 3)
    assert api.put("/keep.bin", keep)[0] == 200
    # Fill the flash from the board itself (fast), leaving less room than a file of 8 KiB.
    status, body = api.exec(
        "i=0\n"
        "try:\n"
        " while True:\n"
        "  with open('/fill%d' % i, 'wb') as f: f.write(b'\\xa5' * 8192)\n"
        "  i+=1\n"
        "except OSError as e:\n"
        " print(e.errno)\n")
    assert body["stdout"].strip() == "28", body
    status, body = api.put("/keep.bin", payload(60000, 4))
    assert status == 507 and body["error"]["code"] == "no_space", body
    assert api.get("/keep.bin")[1] == keep
    assert ".replhub.tmp" not in api.entries("/")


def test_cancel_a_running_upload(files):
    api = files()
    viewer = api.daemon.term("esp")
    result = {}
    t = threading.Thread(target=lambda: result.update(r=api.put("/c.bin", payload(50000, 6))))
    t.start()
    while True:
        ev = next_event(viewer)
        if ev["type"] == "op" and ev["op"]["state"] == "running" and ev["op"]["done"] > 0:
            op = ev["op"]["id"]
            break
    status, body = api.json("DELETE", "/api/v1/boards/esp/ops/%d" % op)
    assert status == 200 and body == {"cancelled": op}
    t.join(30)
    assert result["r"][0] == 409 and result["r"][1]["error"]["code"] == "cancelled"
    assert "c.bin" not in api.entries("/")
    assert ".replhub.tmp" not in api.entries("/")
    viewer.close()


def test_a_download_given_up_leaves_the_board_ready(files):
    api = files()
    big, small = payload(40000, 7), b"small file\n"
    assert api.put("/big.bin", big)[0] == 200
    assert api.put("/small.txt", small)[0] == 200
    viewer = api.daemon.term("esp")
    sock = socket.create_connection(("127.0.0.1", api.port))
    sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % api.url("/big.bin")).encode())
    while True:  # mid-transfer ...
        ev = next_event(viewer)
        if ev["type"] == "op" and ev["op"]["kind"] == "read" and ev["op"]["done"] > 4000:
            break
    sock.close()  # ... the client goes away: the read is cancelled
    while True:
        ev = next_event(viewer)
        if ev["type"] == "op" and ev["op"]["state"] == "cancelled":
            break
    assert api.get("/small.txt")[1] == small
    assert api.get("/big.bin")[1] == big
    viewer.close()


def test_run_shows_the_program_in_the_terminal(files):
    api = files()
    api.put("/hello.py", b"for i in range(3):\n    print('hello', i)\n")
    viewer = api.daemon.term("esp")
    viewer.events = []
    status, body = api.post("/hello.py", {"op": "run"})
    assert status == 202, body
    seen = read_term(viewer, b"hello 2\r\n>>> ")
    assert b"hello 0\r\nhello 1\r\n" in seen
    viewer.close()


def test_requests_queue_and_all_finish(files):
    api = files()
    results = []

    def one(i):
        data = payload(1500, 100 + i)
        results.append((api.put("/q%d.bin" % i, data)[0], api.get("/q%d.bin" % i)[1] == data))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == [(200, True)] * 6
