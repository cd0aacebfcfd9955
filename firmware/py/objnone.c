// SPDX-License-Identifier: MIT
// objnone.c: the singletons None, Ellipsis and NotImplemented.

#include "runtime.h"

static void singleton_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    const char *text = self == py_const_ellipsis         ? "Ellipsis"
                       : self == py_const_notimplemented ? "NotImplemented"
                                                         : "None";
    py_print_str(print, text);
}

static py_obj_t singleton_unary_op(py_unary_op_t op, py_obj_t self) {
    if (op == PY_UNARY_OP_BOOL) {
        return PY_OBJ_NEW_BOOL(self != py_const_none);
    }
    return PY_OBJ_NULL;
}

const py_obj_type_t py_type_NoneType = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_NoneType,
    .print = singleton_print,
    .unary_op = singleton_unary_op,
};

const py_obj_type_t py_type_ellipsis = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_ellipsis,
    .print = singleton_print,
};

const py_obj_type_t py_type_NotImplementedType = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_NotImplementedType,
    .print = singleton_print,
};
