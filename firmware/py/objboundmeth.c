// SPDX-License-Identifier: MIT
// objboundmeth.c: bound methods (obj.method as a value): calls prepend self.

#include <string.h>

#include "gc.h"
#include "runtime.h"

typedef struct bound_meth {
    py_obj_base_t base;
    py_obj_t meth;
    py_obj_t self;
} bound_meth_t;

// Arguments at most this many go in a stack buffer; more use the heap.
#define BOUND_METH_STACK_ARGS (8)

static py_obj_t bound_meth_call(py_obj_t self_in, size_t n_args, size_t n_kw,
                                const py_obj_t *args) {
    bound_meth_t *self = PY_OBJ_TO_PTR(self_in);
    size_t n = n_args + 2 * n_kw;
    py_obj_t stack_buf[BOUND_METH_STACK_ARGS + 1];
    py_obj_t *all = n < BOUND_METH_STACK_ARGS ? stack_buf : py_new(py_obj_t, n + 1);
    all[0] = self->self;
    if (n > 0) { // args may be NULL when there are none
        memcpy(all + 1, args, n * sizeof(py_obj_t));
    }
    py_obj_t r = py_call_function_n_kw(self->meth, n_args + 1, n_kw, all);
    if (all != stack_buf) {
        py_free(all);
    }
    return r;
}

static void bound_meth_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    bound_meth_t *self = PY_OBJ_TO_PTR(self_in);
    py_printf(print, "<bound_method %p ", self_in);
    py_obj_print_helper(print, self->self, PY_PRINT_REPR);
    py_print_str(print, ".");
    py_obj_print_helper(print, self->meth, PY_PRINT_REPR);
    py_print_str(print, ">");
}

static py_obj_t bound_meth_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (op != PY_BINARY_OP_EQUAL || !py_obj_is_type(rhs, &py_type_bound_meth)) {
        return PY_OBJ_NULL;
    }
    bound_meth_t *a = PY_OBJ_TO_PTR(lhs);
    bound_meth_t *b = PY_OBJ_TO_PTR(rhs);
    return PY_OBJ_NEW_BOOL(a->self == b->self && py_obj_equal(a->meth, b->meth));
}

static py_obj_t bound_meth_unary_op(py_unary_op_t op, py_obj_t self_in) {
    if (op != PY_UNARY_OP_HASH) {
        return PY_OBJ_NULL;
    }
    bound_meth_t *self = PY_OBJ_TO_PTR(self_in);
    return PY_OBJ_NEW_SMALL_INT((uintptr_t)self->self >> 3 ^ (uintptr_t)self->meth >> 3);
}

static void bound_meth_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    bound_meth_t *self = PY_OBJ_TO_PTR(self_in);
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    if (attr == PY_QSTR___self__) {
        dest[0] = self->self;
    } else if (attr == PY_QSTR___func__) {
        dest[0] = self->meth;
    } else {
        // Other attributes (__name__, __doc__) come from the function.
        py_obj_t f[2];
        py_load_method_maybe(self->meth, attr, f);
        if (f[0] != PY_OBJ_NULL && f[1] == PY_OBJ_NULL) {
            dest[0] = f[0];
        }
    }
}

const py_obj_type_t py_type_bound_meth = {
    .base = {&py_type_type},
    .name = PY_QSTR_bound_method,
    .print = bound_meth_print,
    .call = bound_meth_call,
    .unary_op = bound_meth_unary_op,
    .binary_op = bound_meth_binary_op,
    .attr = bound_meth_attr,
};

py_obj_t py_obj_new_bound_meth(py_obj_t meth, py_obj_t self) {
    bound_meth_t *o = py_new_obj(bound_meth_t, &py_type_bound_meth);
    o->meth = meth;
    o->self = self;
    return PY_OBJ_FROM_PTR(o);
}
