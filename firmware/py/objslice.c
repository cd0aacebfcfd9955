// SPDX-License-Identifier: MIT
// objslice.c: slice objects and how they resolve against a sequence's length.

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

py_obj_t py_obj_new_slice(py_obj_t start, py_obj_t stop, py_obj_t step) {
    py_obj_slice_t *s = py_new_obj(py_obj_slice_t, &py_type_slice);
    s->start = start;
    s->stop = stop;
    s->step = step;
    return PY_OBJ_FROM_PTR(s);
}

bool py_obj_is_slice(py_const_obj_t o) {
    return py_obj_is_type(o, &py_type_slice);
}

intptr_t py_slice_index_value(py_obj_t o) {
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return PY_OBJ_SMALL_INT_VALUE(o);
    }
    if (o == py_const_false || o == py_const_true) {
        return o == py_const_true;
    }
    if (py_obj_is_int(o)) {
        // Not a small int, so beyond any sequence's length: only the sign matters.
        bool neg = py_binary_op(PY_BINARY_OP_LESS, o, PY_OBJ_NEW_SMALL_INT(0)) == py_const_true;
        return neg ? -INTPTR_MAX : INTPTR_MAX;
    }
    if (py_obj_is_heap_instance(o)) {
        py_obj_t v = py_unary_op(PY_UNARY_OP_INDEX, o);
        if (py_obj_is_int(v)) {
            return py_slice_index_value(v);
        }
    }
    py_raise_TypeError("slice indices must be integers or None or have an __index__ method");
}

// Resolves one bound [o] (not None) with the rules slice.indices() uses.
static intptr_t resolve_bound(py_obj_t o, intptr_t len, intptr_t step) {
    intptr_t v = py_slice_index_value(o);
    if (v < 0) {
        v += len;
        if (v < 0) {
            v = step < 0 ? -1 : 0;
        }
    } else if (v >= len) {
        v = step < 0 ? len - 1 : len;
    }
    return v;
}

void py_obj_slice_indices(py_obj_t slice, size_t len_in, py_bound_slice_t *result) {
    py_obj_slice_t *s = PY_OBJ_TO_PTR(slice);
    intptr_t len = (intptr_t)len_in;
    intptr_t step = 1;
    if (s->step != py_const_none) {
        step = py_slice_index_value(s->step);
        if (step == 0) {
            py_raise_ValueError("slice step cannot be zero");
        }
        // Any step longer than the sequence selects one item; a bound on its size lets callers
        // compute counts such as (stop - start + step - 1) / step without overflow.
        if (step > PY_SMALL_INT_MAX) {
            step = PY_SMALL_INT_MAX;
        } else if (step < -PY_SMALL_INT_MAX) {
            step = -PY_SMALL_INT_MAX;
        }
    }
    result->step = step;
    result->start =
        s->start == py_const_none ? (step < 0 ? len - 1 : 0) : resolve_bound(s->start, len, step);
    result->stop =
        s->stop == py_const_none ? (step < 0 ? -1 : len) : resolve_bound(s->stop, len, step);
}

static py_obj_t slice_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 3, false);
    if (n_args == 1) {
        return py_obj_new_slice(py_const_none, args[0], py_const_none);
    }
    return py_obj_new_slice(args[0], args[1], n_args == 3 ? args[2] : py_const_none);
}

static void slice_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_slice_t *s = PY_OBJ_TO_PTR(self_in);
    py_print_str(print, "slice(");
    py_obj_print_helper(print, s->start, PY_PRINT_REPR);
    py_print_str(print, ", ");
    py_obj_print_helper(print, s->stop, PY_PRINT_REPR);
    py_print_str(print, ", ");
    py_obj_print_helper(print, s->step, PY_PRINT_REPR);
    py_print_str(print, ")");
}

static py_obj_t slice_as_tuple(py_obj_t self_in) {
    py_obj_slice_t *s = PY_OBJ_TO_PTR(self_in);
    py_obj_t items[3] = {s->start, s->stop, s->step};
    return py_obj_new_tuple(3, items);
}

static py_obj_t slice_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    switch (op) {
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL:
            if (!py_obj_is_slice(rhs)) {
                return PY_OBJ_NULL;
            }
            // Slices compare as the tuples (start, stop, step).
            return PY_OBJ_NEW_BOOL(py_seq_compare(op, slice_as_tuple(lhs), slice_as_tuple(rhs)));
        default:
            return PY_OBJ_NULL;
    }
}

static void slice_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return; // read-only
    }
    py_obj_slice_t *s = PY_OBJ_TO_PTR(self_in);
    if (attr == PY_QSTR_start) {
        dest[0] = s->start;
    } else if (attr == PY_QSTR_stop) {
        dest[0] = s->stop;
    } else if (attr == PY_QSTR_step) {
        dest[0] = s->step;
    }
}

static py_obj_t slice_indices(py_obj_t self_in, py_obj_t len_in) {
    intptr_t len = py_obj_get_int(len_in);
    if (len < 0) {
        py_raise_ValueError("length should not be negative");
    }
    py_bound_slice_t b;
    py_obj_slice_indices(self_in, (size_t)len, &b);
    // The step comes back as given (any size), as in CPython; the bounds are within [-1, len].
    py_obj_slice_t *s = PY_OBJ_TO_PTR(self_in);
    py_obj_t step =
        py_obj_is_int(s->step) && s->step != py_const_true ? s->step : py_obj_new_int(b.step);
    py_obj_t items[3] = {py_obj_new_int(b.start), py_obj_new_int(b.stop), step};
    return py_obj_new_tuple(3, items);
}
static PY_DEFINE_CONST_FUN_OBJ_2(slice_indices_obj, slice_indices);

static const py_map_elem_t slice_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_indices), PY_ROM_PTR(&slice_indices_obj)},
};
static PY_DEFINE_CONST_DICT(slice_locals_dict, slice_locals_table);

const py_obj_type_t py_type_slice = {
    .base = {&py_type_type},
    .name = PY_QSTR_slice,
    .print = slice_print,
    .make_new = slice_make_new,
    .binary_op = slice_binary_op,
    .attr = slice_attr,
    .locals_dict = (py_obj_dict_t *)&slice_locals_dict,
};
