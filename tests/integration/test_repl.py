# SPDX-License-Identifier: MIT
"""The friendly REPL, byte for byte (PROTOCOLS.md §1): banner, echo, editing keys, history,
auto-indent, Tab completion, paste mode and the control keys."""

import re
import time

from conftest import PROMPT, RAW_BANNER

BANNER_RE = re.compile(
    rb"MicroPython v\S+ on \d{4}-\d\d-\d\d; [^\r\n]+ with [^\r\n]+\r\n"
    rb'Type "help\(\)" for more information\.\r\n')

LEFT = b"\x1b[D"
RIGHT = b"\x1b[C"
UP = b"\x1b[A"
DOWN = b"\x1b[B"
HOME = b"\x1b[H"
END = b"\x1b[F"
DELETE = b"\x1b[3~"


def test_power_on_banner(board_factory):
    b = board_factory(stdio=True)
    out = b.wait_prompt()
    assert out.startswith(b"\r\n")
    assert BANNER_RE.fullmatch(out[2:-len(PROMPT)])
    assert b"\nMicroPython " in out  # what mpremote looks for


def test_echo_and_repr(board):
    assert board.type_line("1+2") == b"1+2\r\n3\r\n>>> "
    assert board.type_line("'a' * 3") == b"'a' * 3\r\n'aaa'\r\n>>> "
    assert board.type_line("None") == b"None\r\n>>> "
    assert board.type_line("print('x\\ny')") == b"print('x\\ny')\r\nx\r\ny\r\n>>> "


def test_empty_line_gives_new_prompt(board):
    board.write(b"\r")
    assert board.wait_prompt() == b"\r\n>>> "


def test_crlf_counts_as_one_newline(board):
    board.write(b"1\r\n2\n\r3\r\r")
    out = board.read_until(b"3\r\n3\r\n>>> ")
    assert out == b"1\r\n1\r\n>>> 2\r\n2\r\n>>> 3\r\n3\r\n>>> "
    assert board.wait_prompt() == b"\r\n>>> "


def test_traceback(board):
    out = board.type_line("1/0")
    assert out == (b"1/0\r\nTraceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1, in <module>\r\n'
                   b"ZeroDivisionError: divide by zero\r\n>>> ")


def test_continuation_and_auto_indent(board):
    board.write(b"for i in range(3):\r")
    assert board.read_until(b"... ") == b"for i in range(3):\r\n... "
    assert board.read_for(0.2) == b"    "  # auto-indent after ':'
    board.write(b"print(i)\r")
    # the next line repeats the indentation; Enter twice more ends the statement
    board.read_until(b"print(i)\r\n...     ")
    board.write(b"\r")
    board.read_until(b"\r\n...     ")  # a blank line keeps the indentation
    board.write(b"\r")
    assert board.read_until(b"... ") == b"\r\n... "  # after two, none
    board.write(b"\r")
    assert board.read_until(PROMPT) == b"\r\n0\r\n1\r\n2\r\n>>> "


def test_ctrl_d_ends_a_block(board):
    board.write(b"if 1:\r")
    board.read_until(b"...     ")
    board.write(b"print('done')\r")
    board.read_until(b"...     ")
    board.write(b"\x08\x04")  # Backspace removes the 4-space indent, Ctrl-D then ends the block
    assert board.read_until(PROMPT) == b"\x08\x08\x08\x08\x1b[Kdone\r\n>>> "


def test_backspace(board):
    board.write(b"12x\x7f3\r")
    assert board.read_until(PROMPT) == b"12x\x08\x1b[K3\r\n123\r\n>>> "


def test_left_insert_right(board):
    board.write(b"13" + LEFT + b"2" + RIGHT + b"\r")
    assert board.read_until(PROMPT) == b"13\x0823\x083\r\n123\r\n>>> "


def test_cursor_keys_edit(board):
    board.write(b"23" + LEFT + LEFT + b"1" + END + b"4\r")
    assert board.read_until(b"1234\r\n>>> ").endswith(b"\r\n1234\r\n>>> ")
    board.write(b"x2" + HOME + DELETE + b"1\r")
    assert board.read_until(b">>> ").endswith(b"\r\n12\r\n>>> ")
    board.write(b"5" + b"\x1b[1~" + b"4" + b"\x1b[4~" + b"6\r")
    assert board.read_until(b">>> ").endswith(b"\r\n456\r\n>>> ")
    board.write(b"8" + b"\x1bOH" + b"7" + b"\x1bOF" + b"9\r")
    assert board.read_until(b">>> ").endswith(b"\r\n789\r\n>>> ")


def test_ctrl_a_ctrl_e_move_on_a_non_empty_line(board):
    board.write(b"2\x011\x053\r")
    assert board.read_until(b">>> ").endswith(b"\r\n123\r\n>>> ")


def test_history(board):
    board.type_line("10")
    board.type_line("20")
    board.write(UP + UP + b"\r")
    assert board.read_until(b">>> ").endswith(b"\r\n10\r\n>>> ")
    board.write(UP + UP + DOWN + b"\r")
    assert board.read_until(b">>> ").endswith(b"10\r\n>>> ")


def test_history_is_bounded(board):
    for i in range(12):
        board.type_line(str(i))
    board.write(UP * 20 + b"\r")
    # 8 entries are kept: the oldest reachable one is 4
    assert board.read_until(b">>> ").endswith(b"\r\n4\r\n>>> ")


def test_tab_completes_one_match(board):
    board.type_line("import micropython")
    board.write(b"micropython.kbd\t")
    assert board.read_until(b"kbd_intr").endswith(b"micropython.kbd_intr")


def test_tab_lists_several_matches(board):
    board.type_line("abcd1 = abcd2 = 0")
    board.write(b"abc\t")
    assert board.read_until(b"abcd") == b"abcd"  # the common prefix
    board.write(b"\t")
    out = board.read_until(b">>> abcd")
    assert out == b"\r\nabcd1           abcd2\r\n>>> abcd"


def test_tab_after_space_inserts_indent(board):
    board.write(b"x = \t1\r")
    assert board.read_until(b">>> ").endswith(b"\r\n>>> ")
    assert board.type_line("x") == b"x\r\n1\r\n>>> "


def test_ctrl_c_clears_the_line(board):
    board.write(b"abc\x03")
    assert board.read_until(PROMPT) == b"abc\r\n>>> "
    board.write(b"if 1:\r\x03")
    assert board.read_until(PROMPT) == b"if 1:\r\n...     \r\n>>> "


def test_ctrl_b_prints_banner(board):
    board.write(b"\x02")
    out = board.read_until(PROMPT)
    assert BANNER_RE.fullmatch(out[2:-len(PROMPT)])
    assert out.startswith(b"\r\n")


def test_ctrl_d_soft_reset(board):
    board.type_line("x = 5")
    board.write(b"\x04")
    out = board.read_until(PROMPT)
    assert out.startswith(b"\r\nMPY: soft reboot\r\nMicroPython ")
    assert board.type_line("'x' in globals()").endswith(b"False\r\n>>> ")


def test_ctrl_a_enters_raw_repl(board):
    board.write(b"\x01")
    assert board.read_until(b">") == b"\r\n" + RAW_BANNER + b">"
    board.write(b"\x02")
    out = board.read_until(PROMPT)
    assert out.startswith(b"\r\nMicroPython ")


def test_paste_mode(board):
    board.write(b"\x05")
    assert board.read_until(b"=== ") == \
        b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "
    board.write(b"def f():\r    return 42\r\rprint(f())\r\x04")
    out = board.read_until(PROMPT)
    assert out == (b"def f():\r\n===     return 42\r\n=== \r\n=== print(f())\r\n=== "
                   b"\r\n42\r\n>>> ")


def test_paste_mode_bare_newline_echo(board):
    board.write(b"\x05")
    board.read_until(b"=== ")
    board.write(b"a = 1\nprint(a + 1)\n\x04")
    assert board.read_until(PROMPT) == b"a = 1\nprint(a + 1)\n\r\n2\r\n>>> "


def test_paste_mode_cancel(board):
    board.write(b"\x05")
    board.read_until(b"=== ")
    board.write(b"print('no')\x03")
    assert board.read_until(PROMPT) == b"print('no')\r\n>>> "


def test_input_too_long_is_refused(board):
    data = b"1" * 5000 + b"\r"
    for i in range(0, len(data), 100):  # slowly enough for the 256-byte RX buffer
        board.write(data[i:i + 100])
        time.sleep(0.02)
    out = board.read_until(PROMPT, timeout=20)
    assert b"input too long (limit 4096 bytes); discarded\r\n" in out
    assert board.type_line("2") == b"2\r\n2\r\n>>> "


def test_help(board):
    out = board.type_line("help()")
    assert b"Welcome to replhub" in out
    assert b"CTRL-E" in out
    out = board.type_line("help('modules')")
    assert b"machine\r\n" in out and b"time\r\n" in out
