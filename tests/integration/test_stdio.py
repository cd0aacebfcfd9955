# SPDX-License-Identifier: MIT
"""Binary stdio of a running program, as MicroPython on an ESP8266 has it (PROTOCOLS.md §1.2):
sys.stdin.buffer hands over the bytes exactly as they arrived, sys.stdout.buffer sends them
unchanged, Ctrl-C interrupts a blocking read unless micropython.kbd_intr(-1) made it data, and
select.poll sees waiting bytes. File transfers over the raw REPL are built on these."""

import random
import zlib

from conftest import PROMPT

KI = b"KeyboardInterrupt: \r\n"
EVERY_BYTE = bytes(range(256))


def start(board, code):
    """Runs [code] in the raw REPL; returns its output up to the 'ready' line it prints before
    it reads (so that what the test sends next cannot arrive too early)."""
    board.read_until(b">")
    board.write_slices(code.encode())
    board.write(b"\x04")
    board.read_until(b"OK")
    return board.read_until(b"ready\r\n")


def test_buffer_read_gets_every_byte_value_unchanged(raw_board):
    start(raw_board, "import sys, micropython\nmicropython.kbd_intr(-1)\nprint('ready')\n"
                     "d = sys.stdin.buffer.read(256)\nprint(len(d), d.hex())\n")
    data = bytearray(EVERY_BYTE)
    random.Random(1).shuffle(data)  # 0x03, 0x04, \r, \n... anywhere, not only in order
    raw_board.write(bytes(data))
    assert raw_board.follow() == (b"256 " + data.hex().encode() + b"\r\n", b"")


def test_buffer_write_sends_every_byte_value_unchanged(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"import sys\nprint('a')\nsys.stdout.buffer.write(bytes(range(256)))\n"
                    b"sys.stdout.write('b\\nc')\nsys.stdout.buffer.write(b'\\nd', 1)\x04")
    raw_board.read_until(b"OK")
    # The output itself holds 0x04, so it is read by length, not up to the end marker.
    expected = b"a\r\n" + EVERY_BYTE + b"b\r\nc\n"
    assert raw_board.read_exact(len(expected)) == expected
    assert raw_board.read_exact(3) == b"\x04\x04>"


def test_buffer_write_forms(raw_board):
    out, err = raw_board.exec_raw_paste(
        "import sys\nw = sys.stdout.buffer.write\n"
        "print(w(b'abc'), w(bytearray(b'defg'), 2), w(memoryview(b'hijkl'), 1, 3), w(b'', 0))\n")
    assert (out, err) == (b"abcdeijk3 2 3 0\r\n", b"")


def test_readinto_forms(raw_board):
    start(raw_board, "import sys\nb = bytearray(6)\nprint('ready')\n"
                     "n1 = sys.stdin.buffer.readinto(b)\nr1 = bytes(b)\n"
                     "n2 = sys.stdin.buffer.readinto(b, 2)\n"
                     "m = memoryview(b)\nn3 = sys.stdin.buffer.readinto(m[4:], 9)\n"
                     "print(n1, r1, n2, n3, bytes(b))\n")
    raw_board.write(b"\r\n\x00\xff12" + b"AB" + b"yz")
    assert raw_board.follow() == (b"6 b'\\r\\n\\x00\\xff12' 2 2 b'AB\\x00\\xffyz'\r\n", b"")


def test_text_read_maps_enter_to_newline_and_buffer_does_not(raw_board):
    start(raw_board, "import sys\nprint('ready')\n"
                     "t = sys.stdin.read(3)\nb = sys.stdin.buffer.read(2)\nl = sys.stdin.readline()\n"
                     "u = sys.stdin.read(2)\nprint(repr(t), b, repr(l), repr(u), len(u))\n")
    raw_board.write(b"a\rb" + b"\r\n" + b"xy\r" + "\u00e9z".encode())
    out, err = raw_board.follow()
    assert err == b""
    assert out == "'a\\nb' b'\\r\\n' 'xy\\n' '\u00e9z' 2\r\n".encode()


def test_nothing_is_echoed_while_a_program_reads(raw_board):
    start(raw_board, "import sys\nprint('ready')\nd = sys.stdin.buffer.read(6)\nprint('got', d)\n")
    raw_board.write(b"h\x1b[A\r")
    assert raw_board.read_for(0.3) == b""  # no echo of the partial input
    raw_board.write(b"i")
    assert raw_board.follow() == (b"got b'h\\x1b[A\\ri'\r\n", b"")


def test_ctrl_c_interrupts_a_blocking_buffer_read(board):
    board.write(b"import sys; sys.stdin.buffer.read(10)\r")
    board.read_until(b"read(10)\r\n")
    board.write(b"abc")
    assert board.read_for(0.3) == b""  # still waiting for 7 more bytes
    board.write(b"\x03")
    assert board.read_until(PROMPT).endswith(KI + PROMPT)
    assert board.type_line("1+1") == b"1+1\r\n2\r\n>>> "


def test_ctrl_c_interrupts_a_blocking_read_in_the_raw_repl(raw_board):
    start(raw_board, "import sys\nprint('ready')\nsys.stdin.buffer.read(10)\n")
    raw_board.write(b"\x01\x02\x04\x05\xff")  # bytes that are REPL commands elsewhere
    raw_board.write(b"\x03")
    out, err = raw_board.follow()
    assert out == b"" and err.endswith(KI)
    assert raw_board.exec_raw_paste("print('alive')") == (b"alive\r\n", b"")


def test_kbd_intr_off_makes_ctrl_c_data_and_on_again_restores_it(raw_board):
    start(raw_board, "import sys, micropython\nmicropython.kbd_intr(-1)\nprint('ready')\n"
                     "d = sys.stdin.buffer.read(3)\nmicropython.kbd_intr(3)\nprint('again', d)\n"
                     "sys.stdin.buffer.read(1)\n")
    raw_board.write(b"\x03\x03\x03")
    raw_board.read_until(b"again b'\\x03\\x03\\x03'\r\n")
    raw_board.write(b"\x03")
    out, err = raw_board.follow()
    assert out == b"" and err.endswith(KI)


def test_select_poll_on_stdin_buffer(raw_board):
    before = start(raw_board, "import select, sys\np = select.poll()\n"
                              "p.register(sys.stdin.buffer, select.POLLIN)\n"
                              "print(p.poll(0), p.poll(20), list(p.ipoll(0)))\n"
                              "print('ready')\nr = p.poll(-1)\n"
                     "print(len(r), r[0][0] is sys.stdin.buffer, r[0][1] == select.POLLIN)\n"
                              "print([e for o, e in p.ipoll(1000)], sys.stdin.buffer.read(2))\n"
                              "print(p.poll(0))\n")
    assert before == b"[] [] []\r\nready\r\n"
    raw_board.write(b"\x00\xfe")
    assert raw_board.follow() == (b"1 True True\r\n[1] b'\\x00\\xfe'\r\n[]\r\n", b"")


def test_select_poll_times_out_without_input(raw_board):
    out, err = raw_board.exec_raw_paste(
        "import select, sys, time\np = select.poll()\np.register(sys.stdin, select.POLLIN)\n"
        "t = time.ticks_ms(); r = p.poll(200); d = time.ticks_diff(time.ticks_ms(), t)\n"
        "print(r, d >= 200)\n")
    assert (out, err) == (b"[] True\r\n", b"")


def test_upload_of_64k_in_acknowledged_chunks_loses_nothing(board_factory):
    # How the daemon uploads a file: the program reads 128-byte chunks with readinto and acks
    # each one with a byte; the host never has more than two chunks (the RX buffer) in flight.
    b = board_factory("--baud", "115200", "--rx-buffer", "256")
    b.sync()
    b.enter_raw_repl()
    total, chunk = 64 * 1024, 128
    data = random.Random(2).randbytes(total)
    start(b, "import sys, micropython, binascii\nmicropython.kbd_intr(-1)\n"
             "buf = bytearray(%d)\nw = sys.stdout.buffer.write\nr = sys.stdin.buffer.readinto\n"
             "crc = 0\nn = 0\nprint('ready')\n"
             "while n < %d:\n    n += r(buf)\n    w(b'\\x06')\n    crc = binascii.crc32(buf, crc)\n"
             "print(n, crc)\n" % (chunk, total))
    sent = acked = 0
    while acked < total // chunk:
        while sent < total // chunk and sent - acked < 2:
            b.write(data[sent * chunk:(sent + 1) * chunk])
            sent += 1
        assert b.read_exact(1, timeout=10) == b"\x06", "chunk %d" % acked
        acked += 1
    assert b.follow() == (b"%d %d\r\n" % (total, zlib.crc32(data)), b"")
    out, _ = b.exec_raw_paste("import _board; print(_board.uart_dropped())")
    assert out == b"0\r\n"
