// SPDX-License-Identifier: MIT
// pyexec.c: running source on the board, and the friendly REPL with paste mode.

#include "pyexec.h"

#include <stdio.h>

#include "boot.h"
#include "console.h"
#include "gc.h"
#include "hal.h"
#include "parse.h"
#include "readline.h"
#include "scheduler.h"

// What the friendly REPL got from the terminal.
typedef enum {
    INPUT_NOTHING,    // an empty line, Ctrl-C, a refused input: prompt again
    INPUT_STATEMENT,  // run [line] as one REPL input
    INPUT_PASTE,      // run [line] as a file
    INPUT_RAW_REPL,   // Ctrl-A
    INPUT_BANNER,     // Ctrl-B
    INPUT_SOFT_RESET, // Ctrl-D
} input_t;

static pyexec_mode_t mode = PYEXEC_MODE_FRIENDLY;

pyexec_mode_t pyexec_mode(void) {
    return mode;
}

void pyexec_set_mode(pyexec_mode_t new_mode) {
    mode = new_mode;
}

// ---- Running code -------------------------------------------------------------------------------

// Prints what escaped the code and says what the REPL must do next.
static int report_exception(py_obj_t exc) {
    if (py_obj_is_instance(exc, &py_type_SystemExit)) {
        return PYEXEC_FORCED_EXIT;
    }
    py_obj_print_exception(&py_plat_print, exc);
    return PYEXEC_EXCEPTION;
}

int pyexec_run(py_reader_t *reader, qstr source_name, py_compile_mode_t compile_mode,
               unsigned flags) {
    const char *eof = flags & PYEXEC_FLAG_PRINT_EOF ? "\x04" : "";
    py_obj_dict_t *main_dict = py_state.roots.dict_main;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_globals_set(main_dict);
        py_locals_set(main_dict);
        py_obj_t fun = py_compile(reader, source_name, compile_mode);
        console_exec_begin();
        py_exec_code(fun, main_dict, main_dict);
        console_exec_end();
        py_handle_pending(); // a Ctrl-C that arrived as the code ended is still delivered
        sched_run_pending();
        py_nlr_pop();
        console_tx_str(eof); // after the output
        console_tx_str(eof); // after the (empty) error output
        return PYEXEC_OK;
    }
    console_exec_end();
    py_state.pending_exception = PY_OBJ_NULL;
    py_globals_set(main_dict);
    py_locals_set(main_dict);
    if (reader->close != NULL) {
        reader->close(reader->data);
    }
    console_tx_str(eof);
    int result = report_exception(PY_OBJ_FROM_PTR(nlr.ret_val));
    console_tx_str(eof);
    return result;
}

int pyexec_str(const char *src, size_t len, qstr source_name) {
    py_reader_mem_t state;
    py_reader_t reader;
    py_reader_init_mem(&reader, &state, (const byte *)src, len);
    return pyexec_run(&reader, source_name, PY_COMPILE_FILE, 0);
}

// ---- Friendly REPL ------------------------------------------------------------------------------

static input_t read_paste(py_vstr_t *line) {
    console_tx_str("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
    line->len = 0;
    bool too_long = false;
    for (;;) {
        int c = console_rx_chr();
        if (c == CHAR_CTRL_C) {
            console_tx_str("\r\n");
            return INPUT_NOTHING;
        }
        if (c == CHAR_CTRL_D) {
            console_tx_str("\r\n");
            break;
        }
        if (line->len >= PYEXEC_PASTE_MAX) {
            too_long = true;
        } else {
            py_vstr_add_byte(line, (byte)c);
        }
        if (c == '\r') {
            console_tx_str("\r\n=== ");
        } else {
            char ch = (char)c;
            hal_stdout_tx_strn(&ch, 1);
        }
    }
    if (too_long) {
        char msg[80];
        int n = snprintf(msg, sizeof(msg), "paste too long (limit %u bytes); discarded\r\n",
                         (unsigned)PYEXEC_PASTE_MAX);
        hal_stdout_tx_strn(msg, (size_t)n);
        return INPUT_NOTHING;
    }
    return INPUT_PASTE;
}

// What a REPL command key typed at an empty ">>> " means.
static input_t command_key(int key, py_vstr_t *line) {
    switch (key) {
        case CHAR_CTRL_A:
            console_tx_str("\r\n");
            return INPUT_RAW_REPL;
        case CHAR_CTRL_B:
            console_tx_str("\r\n");
            return INPUT_BANNER;
        case CHAR_CTRL_D:
            console_tx_str("\r\n");
            return INPUT_SOFT_RESET;
        case CHAR_CTRL_E:
            return read_paste(line);
        case CHAR_CTRL_C:
            console_tx_str("\r\n");
            return INPUT_NOTHING;
        default: // READLINE_TOO_LONG: already reported
            return INPUT_NOTHING;
    }
}

// Is the statement in [line] complete? As in MicroPython, only a truly empty line ends a compound
// statement: a line of nothing but auto-indent's spaces continues it (auto-indent stops after two
// of them, so pressing Enter three times always ends the statement).
static bool input_complete(py_vstr_t *line) {
    size_t i = line->len;
    while (i > 0 && line->buf[i - 1] == ' ') {
        i--;
    }
    if (i < line->len && i > 0 && line->buf[i - 1] == '\n') {
        return false;
    }
    // The parser wants each line ended by '\n': the last one's is added for the question.
    py_vstr_add_byte(line, '\n');
    bool complete = py_parse_input_is_complete(line->buf, line->len);
    line->len--;
    return complete;
}

// Reads one statement, with continuation lines while it is incomplete.
static input_t read_input(py_vstr_t *line) {
    int key = readline_read(line, ">>> ");
    if (key != 0) {
        return command_key(key, line);
    }
    if (line->len == 0) {
        return INPUT_NOTHING;
    }
    while (!input_complete(line)) {
        py_vstr_add_byte(line, '\n');
        key = readline_read(line, "... ");
        if (key == CHAR_CTRL_C) {
            console_tx_str("\r\n");
            return INPUT_NOTHING;
        } else if (key == READLINE_TOO_LONG) {
            return INPUT_NOTHING;
        } else if (key == CHAR_CTRL_D) {
            break; // ends the block at once
        }
    }
    return INPUT_STATEMENT;
}

// Reads one input into [line] (a fresh heap buffer); false, after saying why, if the heap ran out.
static bool read_input_protected(py_vstr_t *line, input_t *input) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_vstr_init(line, 32);
        *input = read_input(line);
        py_nlr_pop();
        return true;
    }
    console_tx_str("\r\n");
    py_obj_print_exception(&py_plat_print, PY_OBJ_FROM_PTR(nlr.ret_val));
    return false;
}

// Reads one input and runs it; returns what the REPL loop does next: -1 to go on, else the
// loop's result.
static int friendly_step(void) {
    py_vstr_t line;
    input_t input;
    if (!read_input_protected(&line, &input)) {
        return -1;
    }
    switch (input) {
        case INPUT_RAW_REPL:
            mode = PYEXEC_MODE_RAW;
            return PYEXEC_OK;
        case INPUT_SOFT_RESET:
            return PYEXEC_FORCED_EXIT;
        case INPUT_BANNER:
            boot_print_banner();
            return -1;
        case INPUT_NOTHING:
            return -1;
        default:
            break;
    }
    py_reader_mem_t state;
    py_reader_t reader;
    py_reader_init_mem(&reader, &state, (const byte *)line.buf, line.len);
    py_compile_mode_t kind = input == INPUT_PASTE ? PY_COMPILE_FILE : PY_COMPILE_SINGLE;
    int result = pyexec_run(&reader, PY_QSTR_lt_stdin_gt, kind, 0);
    return result & PYEXEC_FORCED_EXIT ? PYEXEC_FORCED_EXIT : -1;
}

int pyexec_friendly_repl(void) {
    boot_print_banner();
    for (;;) {
        // A heap left locked by a failed callback would make the REPL unusable.
        py_state.gc_lock_depth = 0;
        int result = friendly_step();
        if (result >= 0) {
            return result;
        }
    }
}
