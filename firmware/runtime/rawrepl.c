// SPDX-License-Identifier: MIT
// rawrepl.c: the raw REPL (Ctrl-A) and raw-paste mode, byte for byte as host tools expect.

#include <stdio.h>

#include "console.h"
#include "gc.h"
#include "hal.h"
#include "pyexec.h"

#define RAW_BANNER "raw REPL; CTRL-B to exit\r\n"

// Raw-paste's reader: pulls the code from the UART as the compiler asks for it and grants the
// host another window each time a window's worth has been consumed.
typedef struct paste_reader {
    bool eof;
    uint16_t window;
    uint16_t remain;
} paste_reader_t;

// A classic raw REPL command being received.
typedef struct raw_command {
    py_vstr_t buf;
    bool too_long; // bytes past PYEXEC_RAW_MAX (or the heap) were dropped: refuse the command
} raw_command_t;

// ---- Raw-paste ----------------------------------------------------------------------------------

static int paste_readbyte(void *data) {
    paste_reader_t *st = data;
    if (st->eof) {
        return PY_READER_EOF;
    }
    int c = console_rx_chr();
    if (c == CHAR_CTRL_C || c == CHAR_CTRL_D) {
        st->eof = true;
        console_tx_str("\x04"); // acknowledges the end of the data
        if (c == CHAR_CTRL_C) {
            py_obj_t exc = py_state.roots.keyboard_interrupt;
            py_obj_exception_clear_traceback(exc);
            py_nlr_jump(PY_OBJ_TO_PTR(exc));
        }
        return PY_READER_EOF;
    }
    if (--st->remain == 0) {
        console_tx_str("\x01");
        st->remain = st->window;
    }
    return c;
}

// After a failure before the end of the data: tell the host to stop, and drop what it still
// sends up to its end marker.
static void paste_close(void *data) {
    paste_reader_t *st = data;
    if (st->eof) {
        return;
    }
    st->eof = true;
    console_tx_str("\x04");
    for (;;) {
        int c = console_rx_chr();
        if (c == CHAR_CTRL_C || c == CHAR_CTRL_D) {
            return;
        }
    }
}

// The host sent 05 [sub] 01; 'A' asks for raw-paste.
static int raw_paste(int sub) {
    if (sub != 'A') {
        hal_stdout_tx_strn("R\x00", 2);
        return PYEXEC_OK;
    }
    hal_stdout_tx_strn("R\x01", 2);
    size_t window = hal_stdin_rx_capacity() / 2;
    if (window > 0xffff) {
        window = 0xffff;
    } else if (window == 0) {
        window = 1;
    }
    // The window size grants one window and the 0x01 a second, as the RX buffer holds two.
    char reply[3] = {(char)(window & 0xff), (char)(window >> 8), CHAR_CTRL_A};
    hal_stdout_tx_strn(reply, sizeof(reply));
    paste_reader_t st = {false, (uint16_t)window, (uint16_t)window};
    py_reader_t reader = {&st, paste_readbyte, paste_close};
    return pyexec_run(&reader, PY_QSTR_lt_stdin_gt, PY_COMPILE_FILE, PYEXEC_FLAG_PRINT_EOF);
}

// ---- Classic raw REPL ---------------------------------------------------------------------------

static void command_add(raw_command_t *cmd, int c) {
    if (cmd->too_long) {
        return;
    }
    if (cmd->buf.len >= PYEXEC_RAW_MAX) {
        cmd->too_long = true;
        return;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_vstr_add_byte(&cmd->buf, (byte)c);
        py_nlr_pop();
    } else {
        cmd->too_long = true; // out of heap
    }
}

static void command_reset(raw_command_t *cmd) {
    cmd->buf.len = 0;
    cmd->too_long = false;
}

// Answers a command that did not fit, in the framing hosts parse.
static void refuse_command(void) {
    char msg[96];
    int n = snprintf(msg, sizeof(msg),
                     "\x04MemoryError: raw REPL command too long (limit %u bytes)\r\n\x04",
                     (unsigned)PYEXEC_RAW_MAX);
    hal_stdout_tx_strn(msg, (size_t)n);
}

// Runs a complete command (0x04 received). Returns -1 to go on, else the raw REPL's result.
static int run_command(raw_command_t *cmd) {
    console_tx_str("OK");
    if (cmd->buf.len == 0 && !cmd->too_long) {
        console_tx_str("\r\n");
        return PYEXEC_FORCED_EXIT;
    }
    if (cmd->too_long) {
        refuse_command();
        return -1;
    }
    py_reader_mem_t state;
    py_reader_t reader;
    py_reader_init_mem(&reader, &state, (const byte *)cmd->buf.buf, cmd->buf.len);
    int result = pyexec_run(&reader, PY_QSTR_lt_stdin_gt, PY_COMPILE_FILE, PYEXEC_FLAG_PRINT_EOF);
    return result & PYEXEC_FORCED_EXIT ? PYEXEC_FORCED_EXIT : -1;
}

// Handles one received byte; returns -1 to go on, -2 when a prompt '>' is due, else the raw
// REPL's result.
static int raw_byte(raw_command_t *cmd, int c) {
    switch (c) {
        case CHAR_CTRL_A:
            if (cmd->buf.len == 2 && cmd->buf.buf[0] == CHAR_CTRL_E) {
                int result = raw_paste((byte)cmd->buf.buf[1]);
                command_reset(cmd);
                return result & PYEXEC_FORCED_EXIT ? PYEXEC_FORCED_EXIT : -2;
            }
            console_tx_str(RAW_BANNER);
            command_reset(cmd);
            return -2;
        case CHAR_CTRL_B:
            console_tx_str("\r\n");
            pyexec_set_mode(PYEXEC_MODE_FRIENDLY);
            return PYEXEC_OK;
        case CHAR_CTRL_C:
            command_reset(cmd);
            return -1;
        case CHAR_CTRL_D: {
            int result = run_command(cmd);
            command_reset(cmd);
            return result >= 0 ? result : -2;
        }
        default:
            command_add(cmd, c);
            return -1;
    }
}

int pyexec_raw_repl(void) {
    raw_command_t cmd = {{0}, false};
    py_vstr_init(&cmd.buf, 64);
    console_tx_str(RAW_BANNER ">");
    for (;;) {
        int result = raw_byte(&cmd, console_rx_chr());
        if (result == -2) {
            console_tx_str(">");
        } else if (result >= 0) {
            return result;
        }
    }
}
