// SPDX-License-Identifier: MIT
// nlr.c: the chain of catch sites behind py_nlr_push/py_nlr_jump.

#include "nlr.h"

#include "state.h"

void py_nlr_push_tail(py_nlr_buf_t *buf) {
    buf->prev = py_state.nlr_top;
    buf->ret_val = NULL;
    py_state.nlr_top = buf;
}

void py_nlr_pop(void) {
    py_state.nlr_top = py_state.nlr_top->prev;
}

void py_nlr_jump(void *val) {
    py_nlr_buf_t *top = py_state.nlr_top;
    if (top == NULL) {
        py_nlr_jump_fail(val);
    }
    top->ret_val = val;
    py_state.nlr_top = top->prev;
    longjmp(top->jmpbuf, 1);
}
