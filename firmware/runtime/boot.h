// SPDX-License-Identifier: MIT
// boot.h: the board's life: power-on, boot.py and main.py, the REPL, soft resets; the banner.

#ifndef RUNTIME_BOOT_H
#define RUNTIME_BOOT_H

#include <stdbool.h>
#include <stddef.h>

#include "misc.h"

// The version the banner names, in MicroPython's "v<major>.<minor>.<patch>" tag form.
#define BOOT_VERSION "v0.1.0-replhub"

// Prints the friendly REPL's banner: "MicroPython <version> on <date>; <board> with <mcu>"
// and the help hint, each ending in "\r\n".
void boot_print_banner(void);

// Runs the board from power-on (or a hard reset): starts the interpreter over [heap] of
// [heap_size] bytes ([stack_top] as py_init wants it), runs boot.py and main.py, then the REPL,
// performing soft resets as asked, forever.
PY_NORETURN void boot_run(void *heap, size_t heap_size, void *stack_top);

#endif
