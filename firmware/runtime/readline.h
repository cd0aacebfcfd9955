// SPDX-License-Identifier: MIT
// readline.h: the friendly REPL's line editor for a VT100 terminal.
//
// Keys: printable ASCII is inserted at the cursor; Left/Right, Home/End (ESC [ H/F, ESC O H/F,
// ESC [ 1~/7~ and 4~/8~, Ctrl-A/Ctrl-E on a non-empty line), Delete (ESC [ 3~), Backspace
// (0x08/0x7F; four spaces at once inside leading indentation), Up/Down through the history,
// Tab completes names and attributes (complete.h) or inserts four spaces after whitespace.
// A continuation line starts indented like the one before, one level deeper after a ':'.
// input() reads through it too (py_port_readline, with an empty prompt), as on MicroPython.

#ifndef RUNTIME_READLINE_H
#define RUNTIME_READLINE_H

#include "misc.h"

// Lines kept in the history (Up/Down), most recent first.
#ifndef READLINE_HISTORY_SIZE
#define READLINE_HISTORY_SIZE (8)
#endif
// Longest input the editor holds: the whole statement, continuation lines included. More is
// refused with a message and the statement is discarded.
#ifndef READLINE_INPUT_MAX
#define READLINE_INPUT_MAX (4096)
#endif

// readline_read's result when the input grew past READLINE_INPUT_MAX.
#define READLINE_TOO_LONG (-2)

// Forgets the history (after every start of the interpreter).
void readline_init(void);
// Prints [prompt] and edits one more line at the end of [line] (which holds the statement so
// far, each earlier line ended by '\n'). Returns 0 when Enter ended the line (the new line is
// then in the history); CHAR_CTRL_A..CHAR_CTRL_E when that key was typed on an empty line;
// CHAR_CTRL_C at any point; READLINE_TOO_LONG after reporting an over-long input.
int readline_read(py_vstr_t *line, const char *prompt);

#endif
