# SPDX-License-Identifier: MIT
"""input() on the board reads through the REPL's line editor, as MicroPython's does: the prompt,
then the typed keys echoed and edited (Backspace, cursor keys, history), the line returned
without its end; Ctrl-C raises KeyboardInterrupt and Ctrl-D on an empty line EOFError."""

from conftest import PROMPT

LEFT = b"\x1b[D"
UP = b"\x1b[A"


def traceback(exc):
    return (b"Traceback (most recent call last):\r\n"
            b'  File "<stdin>", line 1, in <module>\r\n' + exc + b": \r\n")


def start_input(board, code):
    board.write(code.encode() + b"\r")
    board.read_until(code.encode() + b"\r\n")


def test_prompt_echo_and_editing(board):
    start_input(board, "x = input('name> ')")
    assert board.read_until(b"name> ") == b"name> "
    board.write(b"abc\x7fd" + LEFT + b"X\r")
    # Backspace: back, erase to the end; insertion: the rest of the line again, then back.
    assert board.wait_prompt() == b"abc\b\x1b[Kd\bXd\b\r\n>>> "
    assert board.type_line("x, len(x)") == b"x, len(x)\r\n('abXd', 4)\r\n>>> "


def test_typed_line_joins_the_history(board):
    start_input(board, "x = input()")
    board.write(b"hello\r")
    board.wait_prompt()
    board.write(UP)
    assert board.read_until(b"hello") == b"hello"
    board.write(b"\x03")
    board.wait_prompt()


def test_line_ends_and_raw_bytes(board):
    start_input(board, "print(repr(input('? ')))")
    board.write(b"ab\x02\x01c\r\n")  # Ctrl-B does nothing on a line, Ctrl-A goes home
    assert board.wait_prompt() == b"? ab\b\bcab\b\b\r\n'cab'\r\n>>> "
    assert board.type_line("1") == b"1\r\n1\r\n>>> "  # the \n after \r was swallowed


def test_ctrl_c_raises_keyboard_interrupt(board):
    start_input(board, "input('> ')")
    board.write(b"partial")
    board.read_until(b"> partial")
    board.write(b"\x03")
    assert board.wait_prompt() == traceback(b"KeyboardInterrupt") + PROMPT


def test_ctrl_c_reaches_the_editor_with_kbd_intr_off(board):
    start_input(board, "import micropython; micropython.kbd_intr(-1); input()")
    board.write(b"ab")
    board.read_until(b"ab")
    board.write(b"\x03")
    assert board.wait_prompt() == traceback(b"KeyboardInterrupt") + PROMPT


def test_ctrl_d_on_an_empty_line_raises_eof_error(board):
    start_input(board, "input('> ')")
    board.read_until(b"> ")
    board.write(b"\x04")
    assert board.wait_prompt() == traceback(b"EOFError") + PROMPT


def test_ctrl_d_with_text_is_ignored_and_ctrl_e_on_an_empty_line_returns_nothing(board):
    start_input(board, "print(repr(input()), repr(input()))")
    board.write(b"ok\x04\r")
    board.read_until(b"ok\r\n")
    board.write(b"\x05")
    assert board.wait_prompt() == b"'ok' ''\r\n>>> "


def test_input_in_the_raw_repl_echoes_too(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"print(input('in: ') + '!')\x04")
    raw_board.read_until(b"OK")
    raw_board.read_until(b"in: ")
    raw_board.write(b"hi\r")
    assert raw_board.follow() == (b"hi\r\nhi!\r\n", b"")
