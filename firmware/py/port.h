// SPDX-License-Identifier: MIT
// port.h: what each port supplies to the interpreter core (the HAL contract of py/).

#ifndef PY_PORT_H
#define PY_PORT_H

#include "runtime.h"

// Built-in modules the port adds to the core's (machine, time, ...), ended by {0, NULL}.
extern const py_builtin_module_t py_port_builtin_modules[];

// Loads module [name] from the port's storage (a .py file on the board's filesystem) and returns
// the module, or PY_OBJ_NULL if the port has no such file.
py_obj_t py_port_import_source(qstr name);

// Reads one byte of standard input (the UART on a board), blocking; -1 at the end of input.
// [raw]: the byte exactly as it arrived (sys.stdin.buffer); otherwise as text reads see it (a
// board's terminal sends '\r' for Enter, which text reads see as '\n').
int py_port_stdin_getc(bool raw);

// sys.platform ("esp8266" on the board, "linux" for the Linux command), also os.uname()'s
// sysname and nodename.
const char *py_port_platform(void);
// The "<board> with <mcu>" text of the banner, sys.implementation._machine and
// os.uname().machine.
const char *py_port_machine(void);

// What py_port_readline read.
enum {
    PY_PORT_LINE_OK,
    PY_PORT_LINE_EOF,       // the input ended (on a board: Ctrl-D typed on an empty line)
    PY_PORT_LINE_INTERRUPT, // Ctrl-C reached the line editor (the interrupt character is off)
    PY_PORT_LINE_TOO_LONG,  // the line passed the port's limit (and was refused)
};

// Reads the line input() returns, its prompt already printed: through the port's line editor
// on a board's terminal (echo, editing keys, history), plain bytes elsewhere. Appends the line,
// without its line end, to [line] and returns one of PY_PORT_LINE_*.
int py_port_readline(py_vstr_t *line);

// Writes [len] bytes to standard error (the UART on a board), as text.
void py_port_stderr_write(const char *str, size_t len);

// Writes [len] bytes to standard output (standard error if [is_stderr]) exactly as they are, with
// no newline conversion (sys.stdout.buffer, sys.stderr.buffer).
void py_port_stdout_write_raw(bool is_stderr, const char *str, size_t len);

#endif
