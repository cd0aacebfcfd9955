// SPDX-License-Identifier: MIT
// unit_port.h: what the interpreter's unit tests share: a fresh interpreter for every case.

#ifndef UNIT_PORT_H
#define UNIT_PORT_H

// The GC heap each case gets.
#define UNIT_HEAP_BYTES (1024 * 1024)

// main() passes the address of one of its locals: every case runs below it, so the collector
// scans the cases' frames from there.
void unit_mark_stack_top(void *top);

// A cmocka setup function: starts a fresh interpreter over the unit tests' heap.
int unit_py_setup(void **state);

#endif
