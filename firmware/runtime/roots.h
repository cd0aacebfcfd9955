// SPDX-License-Identifier: MIT
// roots.h: which of py_state.roots.port_roots[] the runtime and the port keep their objects in.
//
// ORDER ROOTS: each slot has one owner; the GC keeps whatever a slot points at alive, and every
// start of the interpreter clears them all (py_init zeroes py_state).

#ifndef RUNTIME_ROOTS_H
#define RUNTIME_ROOTS_H

#include "state.h"

enum {
    ROOT_READLINE_HISTORY, // readline.c: list of str, most recent first
    ROOT_SCHED_TIMERS,     // scheduler.c: array of armed timers
    ROOT_PORT_FIRST,       // the port's own slots start here
};

#define ROOT(slot) (py_state.roots.port_roots[(slot)])

_Static_assert(ROOT_PORT_FIRST <= PY_ARRAY_SIZE(((py_state_roots_t *)0)->port_roots),
               "port_roots too small");

#endif
