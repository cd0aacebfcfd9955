// SPDX-License-Identifier: MIT
// unit_port.h: what the interpreter's unit tests share: a fresh interpreter for every case.

#ifndef UNIT_PORT_H
#define UNIT_PORT_H

#include <stddef.h>

// The GC heap each case gets.
#define UNIT_HEAP_BYTES (1024 * 1024)
// The heap of the cases set up with unit_py_setup_small: the board's, on a 32-bit build.
#define UNIT_SMALL_HEAP_BYTES (38 * 1024)

// main() passes the address of one of its locals: every case runs below it, so the collector
// scans the cases' frames from there.
void unit_mark_stack_top(void *top);

// A cmocka setup function: starts a fresh interpreter over the unit tests' heap.
int unit_py_setup(void **state);
// The same over a heap of UNIT_SMALL_HEAP_BYTES, where the collector allocates first-fit.
int unit_py_setup_small(void **state);

// Makes py_port_stdin_getc hand out the [len] bytes at [data] (the caller keeps them alive), then
// report the end of the input. Each setup empties it.
void unit_set_stdin(const char *data, size_t len);

#endif
