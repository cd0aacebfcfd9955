// SPDX-License-Identifier: MIT
// objbool.c: the bool type, int's subclass with the two immediates True and False.

#include "map.h"
#include "objects.h"
#include "objint.h"
#include "runtime.h"

static void bool_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_print_str(print, self == py_const_true ? "True" : "False");
}

static py_obj_t bool_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                              const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    return PY_OBJ_NEW_BOOL(n_args == 1 && py_obj_is_true(args[0]));
}

static py_obj_t bool_unary_op(py_unary_op_t op, py_obj_t self) {
    if (op == PY_UNARY_OP_BOOL) {
        return self;
    }
    return py_int_unary_op(op, self);
}

static py_obj_t bool_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    // & | ^ of two bools stay bools; everything else is int arithmetic on 0 and 1.
    bool both = (rhs == py_const_true || rhs == py_const_false);
    if (both) {
        bool a = lhs == py_const_true, b = rhs == py_const_true;
        switch (op) {
            case PY_BINARY_OP_AND:
            case PY_BINARY_OP_INPLACE_AND:
            case PY_BINARY_OP_REVERSE_AND:
                return PY_OBJ_NEW_BOOL(a && b);
            case PY_BINARY_OP_OR:
            case PY_BINARY_OP_INPLACE_OR:
            case PY_BINARY_OP_REVERSE_OR:
                return PY_OBJ_NEW_BOOL(a || b);
            case PY_BINARY_OP_XOR:
            case PY_BINARY_OP_INPLACE_XOR:
            case PY_BINARY_OP_REVERSE_XOR:
                return PY_OBJ_NEW_BOOL(a != b);
            default:
                break;
        }
    }
    return py_int_binary_op(op, lhs, rhs);
}

const py_obj_type_t py_type_bool = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_NONE,
    .name = PY_QSTR_bool,
    .print = bool_print,
    .make_new = bool_make_new,
    .unary_op = bool_unary_op,
    .binary_op = bool_binary_op,
    .attr = py_int_attr,
    .parent = &py_type_int,
    .locals_dict = (py_obj_dict_t *)&py_int_locals_dict,
};
