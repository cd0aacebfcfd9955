// SPDX-License-Identifier: MIT
// console.c: the REPL's terminal over the HAL UART: output, blocking input, interruptible waits.

#include "console.h"

#include <string.h>

#include "hal.h"
#include "port.h"
#include "runtime.h"
#include "scheduler.h"

// Bytes of cooked output gathered before they are handed to the UART in one call.
#define COOKED_CHUNK (128)

static bool executing;

// ---- Output -------------------------------------------------------------------------------------

void console_tx_str(const char *str) {
    hal_stdout_tx_strn(str, strlen(str));
}

void console_tx_cooked(const char *str, size_t len) {
    char buf[COOKED_CHUNK + 1];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (n >= COOKED_CHUNK) {
            hal_stdout_tx_strn(buf, n);
            n = 0;
        }
        if (str[i] == '\n') {
            buf[n++] = '\r';
        }
        buf[n++] = str[i];
    }
    hal_stdout_tx_strn(buf, n);
}

static void plat_print_strn(void *data, const char *str, size_t len) {
    (void)data;
    console_tx_cooked(str, len);
}

const py_print_t py_plat_print = {NULL, plat_print_strn};

void py_port_stderr_write(const char *str, size_t len) {
    console_tx_cooked(str, len);
}

void py_port_stdout_write_raw(bool is_stderr, const char *str, size_t len) {
    (void)is_stderr; // one UART
    hal_stdout_tx_strn(str, len);
}

// ---- Input and waiting --------------------------------------------------------------------------

// [now] + [us], saturating (UINT64_MAX is "never").
static uint64_t deadline_after(uint64_t us) {
    uint64_t now = hal_ticks_us();
    return us > UINT64_MAX - now ? UINT64_MAX : now + us;
}

// What every wait does before sleeping: deliver a Ctrl-C, run due callbacks.
static void safe_point(void) {
    if (py_state.pending_exception != PY_OBJ_NULL) {
        py_handle_pending();
    }
    hal_poll_hook();
    sched_run_pending();
}

int console_rx_chr(void) {
    for (;;) {
        int c = hal_stdin_rx_poll();
        if (c >= 0) {
            return c;
        }
        safe_point();
        hal_wait_rx(sched_wait_limit_us(UINT64_MAX));
    }
}

int console_rx_chr_timeout(uint64_t timeout_us) {
    uint64_t deadline = deadline_after(timeout_us);
    for (;;) {
        int c = hal_stdin_rx_poll();
        if (c >= 0) {
            return c;
        }
        uint64_t now = hal_ticks_us();
        if (now >= deadline) {
            return -1;
        }
        safe_point();
        hal_wait_rx(sched_wait_limit_us(deadline - now));
    }
}

bool console_wait_rx(uint64_t timeout_us) {
    uint64_t start = hal_ticks_us();
    for (;;) {
        if (hal_stdin_rx_any() > 0) {
            return true;
        }
        uint64_t waited = hal_ticks_us() - start;
        if (waited >= timeout_us) {
            return false;
        }
        safe_point();
        hal_wait_rx(sched_wait_limit_us(timeout_us - waited));
    }
}

void console_delay_us(uint64_t us) {
    uint64_t deadline = deadline_after(us);
    for (;;) {
        safe_point();
        uint64_t now = hal_ticks_us();
        if (now >= deadline) {
            return;
        }
        hal_wait_us(sched_wait_limit_us(deadline - now));
    }
}

int py_port_stdin_getc(bool raw) {
    int c = console_rx_chr();
    // Text input ends lines with '\n'; a terminal's Enter sends '\r'.
    return c == '\r' && !raw ? '\n' : c;
}

// ---- Running code -------------------------------------------------------------------------------

void console_set_kbd_intr_char(int c) {
    if (executing) {
        hal_set_interrupt_char(c);
    }
}

void console_init(void) {
    executing = false;
    hal_set_interrupt_char(-1);
}

void console_exec_begin(void) {
    executing = true;
    hal_set_interrupt_char(CHAR_CTRL_C);
}

void console_exec_end(void) {
    executing = false;
    hal_set_interrupt_char(-1);
}
