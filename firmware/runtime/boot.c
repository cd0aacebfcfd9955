// SPDX-License-Identifier: MIT
// boot.c: the board's life: power-on, boot.py and main.py, the REPL, soft resets; the banner.

#include "boot.h"

#include <string.h>

#include "console.h"
#include "hal.h"
#include "help.h"
#include "port.h"
#include "pyexec.h"
#include "readline.h"
#include "runtime.h"
#include "scheduler.h"

// "Mmm dd yyyy" (__DATE__) as "yyyy-mm-dd", the banner's date form.
static void build_date(char out[11]) {
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char *date = __DATE__;
    int month = 1;
    for (int i = 0; i < 12; i++) {
        if (memcmp(date, months + 3 * i, 3) == 0) {
            month = i + 1;
        }
    }
    memcpy(out, date + 7, 4);
    out[4] = '-';
    out[5] = (char)('0' + month / 10);
    out[6] = (char)('0' + month % 10);
    out[7] = '-';
    out[8] = date[4] == ' ' ? '0' : date[4];
    out[9] = date[5];
    out[10] = '\0';
}

void boot_print_banner(void) {
    char date[11];
    build_date(date);
    console_tx_str("MicroPython " BOOT_VERSION " on ");
    console_tx_str(date);
    console_tx_str("; ");
    // The same text as sys.implementation._machine, "<board> with <mcu>".
    console_tx_str(py_port_machine());
    console_tx_str("\r\nType \"help()\" for more information.\r\n");
}

// ---- Starting the interpreter -------------------------------------------------------------------

static void start_interpreter(void *heap, size_t heap_size, void *stack_top, bool hard) {
    py_init(heap, heap_size, stack_top);
    console_init();
    readline_init();
    sched_init();
    // help is the board's, not the core's: it lives in __main__'s globals.
    py_obj_dict_store(PY_OBJ_FROM_PTR(py_state.roots.dict_main), PY_OBJ_NEW_QSTR(PY_QSTR_help),
                      PY_OBJ_FROM_PTR(&help_obj));
    hal_board_init(hard);
}

// Runs a script from the board's filesystem if it is there; true unless it raised.
static bool run_script(const char *name) {
    py_obj_t source = hal_file_source(name);
    if (source == PY_OBJ_NULL) {
        return true;
    }
    size_t len;
    const char *src = py_obj_str_get_data(source, &len);
    return pyexec_str(src, len, py_qstr_from_str(name)) != PYEXEC_EXCEPTION;
}

// boot.py, then main.py unless boot.py failed or a tool is using the raw REPL.
static void run_boot_scripts(void) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        if (run_script("boot.py") && pyexec_mode() == PYEXEC_MODE_FRIENDLY) {
            run_script("main.py");
        }
        py_nlr_pop();
    } else {
        py_obj_print_exception(&py_plat_print, PY_OBJ_FROM_PTR(nlr.ret_val));
    }
}

// Runs the REPL in its current mode until it asks for a mode switch or a soft reset.
static int run_repl(void) {
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        int result = pyexec_mode() == PYEXEC_MODE_RAW ? pyexec_raw_repl() : pyexec_friendly_repl();
        py_nlr_pop();
        return result;
    }
    // The REPL itself failed (no heap left for its buffers): only a soft reset helps.
    py_obj_print_exception(&py_plat_print, PY_OBJ_FROM_PTR(nlr.ret_val));
    return PYEXEC_FORCED_EXIT;
}

void boot_run(void *heap, size_t heap_size, void *stack_top) {
    pyexec_set_mode(PYEXEC_MODE_FRIENDLY);
    start_interpreter(heap, heap_size, stack_top, true);
    run_boot_scripts();
    console_tx_str("\r\n");
    for (;;) {
        if (run_repl() & PYEXEC_FORCED_EXIT) {
            console_tx_str("MPY: soft reboot\r\n");
            py_deinit();
            start_interpreter(heap, heap_size, stack_top, false);
            run_boot_scripts();
        }
    }
}
