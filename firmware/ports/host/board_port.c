// SPDX-License-Identifier: MIT
// board_port.c: the interpreter's port hooks (port.h) for the simulated board.

#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

#include "board.h"
#include "extmod.h"
#include "host_flash.h"
#include "modules.h"
#include "port.h"
#include "runtime.h"
#include "vfs.h"

const py_builtin_module_t py_port_builtin_modules[] = {
    PY_EXTMOD_MODULES,
    {PY_QSTR_machine, &board_module_machine},
    {PY_QSTR_micropython, &module_micropython},
    {PY_QSTR_select, &module_select},
    {PY_QSTR_time, &module_time},
    {PY_QSTR__board, &board_module_board},
    {0, NULL},
};

const char *py_port_platform(void) {
    return "esp8266";
}

const char *py_port_machine(void) {
    // The names of MicroPython's ESP8266 builds: the 1 MiB one, and the one for 2 MiB and more.
    return host_flash_size() == 1024 * 1024 ? "ESP module (1M) with ESP8266"
                                            : "ESP module with ESP8266";
}

py_obj_t py_port_import_source(qstr name) {
    return vfs_import_source(name); // from --flash's filesystem; none without it
}

uint32_t py_port_random_seed(void) {
    uint32_t seed;
    if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != (ssize_t)sizeof(seed)) {
        seed = (uint32_t)time(NULL) ^ (uint32_t)clock();
    }
    return seed;
}

void py_port_gc_collect_roots(void) {
    // Everything the board keeps is in py_state.roots.
}

void py_nlr_jump_fail(void *val) {
    fprintf(stderr, "replhub-board: FATAL: uncaught exception %p\n", val);
    board_uart_cleanup();
    abort();
}
