// SPDX-License-Identifier: MIT
// nlr.h: non-local return, the C mechanism behind Python's raise.
//
// A catch site pushes a py_nlr_buf_t; py_nlr_push() returns 0 at once and nonzero when something
// raised, with the exception in [ret_val]. The code in between must call py_nlr_pop() on every
// normal exit. py_nlr_jump() unwinds to the innermost buffer. Catch sites are few: the VM (one per
// active try block set), the REPL, the top of each port, and code that must restore state.
//
//     py_nlr_buf_t nlr;
//     if (py_nlr_push(&nlr) == 0) {
//         py_call_function_0(fun);
//         py_nlr_pop();
//     } else {
//         py_obj_print_exception(&py_plat_print, PY_OBJ_FROM_PTR(nlr.ret_val));
//     }

#ifndef PY_NLR_H
#define PY_NLR_H

#include <setjmp.h>

#include "misc.h"

typedef struct py_nlr_buf {
    struct py_nlr_buf *prev;
    void *ret_val;
    jmp_buf jmpbuf;
} py_nlr_buf_t;

// Links [buf] in as the innermost catch site. Use the py_nlr_push macro, not this.
void py_nlr_push_tail(py_nlr_buf_t *buf);
// Unlinks the innermost catch site.
void py_nlr_pop(void);
// Unwinds to the innermost catch site with [val]; with none, calls the port's fatal handler.
PY_NORETURN void py_nlr_jump(void *val);

#define py_nlr_push(buf) (py_nlr_push_tail(buf), setjmp((buf)->jmpbuf))

// Called when nothing catches an exception; the port prints and stops or resets.
PY_NORETURN void py_nlr_jump_fail(void *val);

#endif
