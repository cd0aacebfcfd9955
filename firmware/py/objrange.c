// SPDX-License-Identifier: MIT
// objrange.c: the range type and its iterator.
//
// `for i in range(n)` is the hottest loop there is, so a range whose bounds are small ints
// iterates with C integers in the caller's iter_buf: no allocation per step or per loop. Ranges
// with big-int bounds work too, through the generic int operations.

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

typedef struct range_obj {
    py_obj_base_t base;
    py_obj_t start; // ints (small or big)
    py_obj_t stop;
    py_obj_t step;
} range_obj_t;

// ---- Integer helpers ----------------------------------------------------------------------------

static inline bool all_small(const range_obj_t *r) {
    return PY_OBJ_IS_SMALL_INT(r->start) && PY_OBJ_IS_SMALL_INT(r->stop) &&
           PY_OBJ_IS_SMALL_INT(r->step);
}

static py_obj_t int_op(py_binary_op_t op, py_obj_t a, py_obj_t b) {
    return py_binary_op(op, a, b);
}

static bool int_lt(py_obj_t a, py_obj_t b) {
    if (PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b)) {
        return PY_OBJ_SMALL_INT_VALUE(a) < PY_OBJ_SMALL_INT_VALUE(b);
    }
    return py_binary_op(PY_BINARY_OP_LESS, a, b) == py_const_true;
}

static inline bool step_positive(const range_obj_t *r) {
    return int_lt(PY_OBJ_NEW_SMALL_INT(0), r->step);
}

// Length for small bounds; the result may exceed the small int range, so it is a C integer.
static uintptr_t small_len(intptr_t start, intptr_t stop, intptr_t step) {
    // Differences of small ints always fit in intptr_t.
    if (step > 0) {
        return start < stop ? (uintptr_t)(stop - start - 1) / (uintptr_t)step + 1 : 0;
    }
    return stop < start ? (uintptr_t)(start - stop - 1) / (uintptr_t)(-step) + 1 : 0;
}

// len(range) as an int object of any size.
static py_obj_t range_len_obj(const range_obj_t *r) {
    if (all_small(r)) {
        return py_obj_new_int_from_uint(small_len(PY_OBJ_SMALL_INT_VALUE(r->start),
                                                  PY_OBJ_SMALL_INT_VALUE(r->stop),
                                                  PY_OBJ_SMALL_INT_VALUE(r->step)));
    }
    py_obj_t one = PY_OBJ_NEW_SMALL_INT(1);
    py_obj_t lo = r->start, hi = r->stop, step = r->step;
    if (!step_positive(r)) {
        lo = r->stop;
        hi = r->start;
        step = int_op(PY_BINARY_OP_SUBTRACT, PY_OBJ_NEW_SMALL_INT(0), step);
    }
    if (!int_lt(lo, hi)) {
        return PY_OBJ_NEW_SMALL_INT(0);
    }
    py_obj_t span = int_op(PY_BINARY_OP_SUBTRACT, int_op(PY_BINARY_OP_SUBTRACT, hi, lo), one);
    return int_op(PY_BINARY_OP_ADD, int_op(PY_BINARY_OP_FLOOR_DIVIDE, span, step), one);
}

// start + i * step
static py_obj_t range_item(const range_obj_t *r, py_obj_t i) {
    return int_op(PY_BINARY_OP_ADD, r->start, int_op(PY_BINARY_OP_MULTIPLY, i, r->step));
}

// An int argument of range(): ints, bools, or objects with __index__.
static py_obj_t range_arg(py_obj_t o) {
    if (PY_OBJ_IS_SMALL_INT(o)) {
        return o;
    }
    if (o == py_const_false || o == py_const_true) {
        return PY_OBJ_NEW_SMALL_INT(o == py_const_true);
    }
    if (py_obj_is_int(o)) {
        return o;
    }
    if (py_obj_is_heap_instance(o)) {
        py_obj_t v = py_unary_op(PY_UNARY_OP_INDEX, o);
        if (py_obj_is_int(v)) {
            return v;
        }
    }
    py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                      py_obj_get_type_str(o));
}

static py_obj_t range_new(py_obj_t start, py_obj_t stop, py_obj_t step) {
    range_obj_t *r = py_new_obj(range_obj_t, &py_type_range);
    r->start = start;
    r->stop = stop;
    r->step = step;
    return PY_OBJ_FROM_PTR(r);
}

static py_obj_t range_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 3, false);
    py_obj_t start = PY_OBJ_NEW_SMALL_INT(0), stop, step = PY_OBJ_NEW_SMALL_INT(1);
    if (n_args == 1) {
        stop = range_arg(args[0]);
    } else {
        start = range_arg(args[0]);
        stop = range_arg(args[1]);
        if (n_args == 3) {
            step = range_arg(args[2]);
            if (step == PY_OBJ_NEW_SMALL_INT(0)) {
                py_raise_ValueError("range() arg 3 must not be zero");
            }
        }
    }
    return range_new(start, stop, step);
}

// ---- Iterators ----------------------------------------------------------------------------------

// Small bounds: C integers. cur + step never overflows, because cur and step are small ints,
// which are one bit narrower than intptr_t.
typedef struct range_iter {
    py_obj_base_t base;
    intptr_t cur;
    intptr_t stop;
    intptr_t step;
} range_iter_t;

static py_obj_t range_iter_next(py_obj_t self_in) {
    range_iter_t *it = PY_OBJ_TO_PTR(self_in);
    intptr_t cur = it->cur;
    if (it->step > 0 ? cur < it->stop : cur > it->stop) {
        it->cur = cur + it->step;
        return PY_OBJ_NEW_SMALL_INT(cur);
    }
    return PY_OBJ_STOP_ITERATION;
}

static const py_obj_type_t range_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_range_iterator,
    .getiter = py_getiter_self,
    .iternext = range_iter_next,
};

// Big bounds: int objects, [remaining] counts down the items left.
typedef struct range_big_iter {
    py_obj_base_t base;
    py_obj_t cur;
    py_obj_t step;
    py_obj_t remaining;
} range_big_iter_t;

static py_obj_t range_big_iter_next(py_obj_t self_in) {
    range_big_iter_t *it = PY_OBJ_TO_PTR(self_in);
    if (!int_lt(PY_OBJ_NEW_SMALL_INT(0), it->remaining)) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_obj_t cur = it->cur;
    it->cur = int_op(PY_BINARY_OP_ADD, cur, it->step);
    it->remaining = int_op(PY_BINARY_OP_SUBTRACT, it->remaining, PY_OBJ_NEW_SMALL_INT(1));
    return cur;
}

static const py_obj_type_t range_big_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_longrange_iterator,
    .getiter = py_getiter_self,
    .iternext = range_big_iter_next,
};

_Static_assert(sizeof(range_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
_Static_assert(sizeof(range_big_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");

// An iterator over [len] items from [first] by [step]; in [iter_buf] if not NULL.
static py_obj_t range_iter_new(py_obj_t first, py_obj_t step, py_obj_t len,
                               py_obj_iter_buf_t *iter_buf) {
    void *mem = iter_buf != NULL ? (void *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
    if (PY_OBJ_IS_SMALL_INT(first) && PY_OBJ_IS_SMALL_INT(step) && PY_OBJ_IS_SMALL_INT(len)) {
        // The iterator stops one step after the last item; that fits in C integers when the last
        // item is a small int.
        py_obj_t last = first;
        if (len != PY_OBJ_NEW_SMALL_INT(0)) {
            py_obj_t n_minus_1 = int_op(PY_BINARY_OP_SUBTRACT, len, PY_OBJ_NEW_SMALL_INT(1));
            last = int_op(PY_BINARY_OP_ADD, first, int_op(PY_BINARY_OP_MULTIPLY, n_minus_1, step));
        }
        if (PY_OBJ_IS_SMALL_INT(last)) {
            range_iter_t *it = mem;
            it->base.type = &range_iter_type;
            it->cur = PY_OBJ_SMALL_INT_VALUE(first);
            it->step = PY_OBJ_SMALL_INT_VALUE(step);
            it->stop =
                len == PY_OBJ_NEW_SMALL_INT(0) ? it->cur : PY_OBJ_SMALL_INT_VALUE(last) + it->step;
            return PY_OBJ_FROM_PTR(it);
        }
    }
    range_big_iter_t *it = mem;
    it->base.type = &range_big_iter_type;
    it->cur = first;
    it->step = step;
    it->remaining = len;
    return PY_OBJ_FROM_PTR(it);
}

static py_obj_t range_getiter(py_obj_t self_in, py_obj_iter_buf_t *iter_buf) {
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    if (all_small(r)) {
        // The loop every benchmark runs: no arithmetic through the runtime.
        range_iter_t *it =
            iter_buf != NULL ? (range_iter_t *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
        it->base.type = &range_iter_type;
        it->cur = PY_OBJ_SMALL_INT_VALUE(r->start);
        it->stop = PY_OBJ_SMALL_INT_VALUE(r->stop);
        it->step = PY_OBJ_SMALL_INT_VALUE(r->step);
        return PY_OBJ_FROM_PTR(it);
    }
    return range_iter_new(r->start, r->step, range_len_obj(r), iter_buf);
}

py_obj_t py_range_reversed(py_obj_t self_in) {
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    py_obj_t len = range_len_obj(r);
    py_obj_t last = r->start;
    if (len != PY_OBJ_NEW_SMALL_INT(0)) {
        last = range_item(r, int_op(PY_BINARY_OP_SUBTRACT, len, PY_OBJ_NEW_SMALL_INT(1)));
    }
    py_obj_t neg_step = int_op(PY_BINARY_OP_SUBTRACT, PY_OBJ_NEW_SMALL_INT(0), r->step);
    return range_iter_new(last, neg_step, len, NULL);
}

// ---- Slots --------------------------------------------------------------------------------------

static void range_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    py_print_str(print, "range(");
    py_obj_print_helper(print, r->start, PY_PRINT_REPR);
    py_print_str(print, ", ");
    py_obj_print_helper(print, r->stop, PY_PRINT_REPR);
    if (r->step != PY_OBJ_NEW_SMALL_INT(1)) {
        py_print_str(print, ", ");
        py_obj_print_helper(print, r->step, PY_PRINT_REPR);
    }
    py_print_str(print, ")");
}

// The canonical form equal ranges share: (len, start, step) with the parts that do not matter
// replaced by None, as CPython compares and hashes ranges.
static py_obj_t range_key(const range_obj_t *r) {
    py_obj_t key[3] = {range_len_obj(r), r->start, r->step};
    if (key[0] == PY_OBJ_NEW_SMALL_INT(0)) {
        key[1] = key[2] = py_const_none;
    } else if (key[0] == PY_OBJ_NEW_SMALL_INT(1)) {
        key[2] = py_const_none;
    }
    return py_obj_new_tuple(3, key);
}

static py_obj_t range_unary_op(py_unary_op_t op, py_obj_t self_in) {
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(range_len_obj(r) != PY_OBJ_NEW_SMALL_INT(0));
        case PY_UNARY_OP_LEN:
            // May be a big int: len(range(0, 10 ** 12, 7)) works on a 32-bit chip too.
            return range_len_obj(r);
        case PY_UNARY_OP_HASH:
            return py_obj_hash(range_key(r));
        default:
            return PY_OBJ_NULL;
    }
}

// Is int [v] one of the range's items? If so, its position is stored in [*pos].
static bool range_int_pos(const range_obj_t *r, py_obj_t v, py_obj_t *pos) {
    if (all_small(r) && PY_OBJ_IS_SMALL_INT(v)) {
        intptr_t start = PY_OBJ_SMALL_INT_VALUE(r->start), stop = PY_OBJ_SMALL_INT_VALUE(r->stop);
        intptr_t step = PY_OBJ_SMALL_INT_VALUE(r->step), x = PY_OBJ_SMALL_INT_VALUE(v);
        bool inside = step > 0 ? (start <= x && x < stop) : (stop < x && x <= start);
        if (!inside || (x - start) % step != 0) {
            return false;
        }
        *pos = PY_OBJ_NEW_SMALL_INT((x - start) / step);
        return true;
    }
    bool up = step_positive(r);
    bool inside = up ? (!int_lt(v, r->start) && int_lt(v, r->stop))
                     : (int_lt(r->stop, v) && !int_lt(r->start, v));
    if (!inside) {
        return false;
    }
    py_obj_t diff = int_op(PY_BINARY_OP_SUBTRACT, v, r->start);
    if (int_op(PY_BINARY_OP_MODULO, diff, r->step) != PY_OBJ_NEW_SMALL_INT(0)) {
        return false;
    }
    *pos = int_op(PY_BINARY_OP_FLOOR_DIVIDE, diff, r->step);
    return true;
}

// Counts the items equal to non-int [v] by iterating, as CPython does for `1.0 in range(3)`.
static size_t range_count_generic(py_obj_t self_in, py_obj_t v, bool stop_at_first,
                                  size_t *first_pos) {
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = range_getiter(self_in, &iter_buf);
    size_t n = 0, pos = 0;
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION; pos++) {
        if (py_obj_equal(item, v)) {
            if (n++ == 0) {
                *first_pos = pos;
            }
            if (stop_at_first) {
                break;
            }
        }
    }
    return n;
}

static bool is_exact_int(py_obj_t v) {
    return PY_OBJ_IS_SMALL_INT(v) ||
           (py_obj_is_int(v) && v != py_const_true && v != py_const_false);
}

static bool range_contains(py_obj_t self_in, py_obj_t v) {
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    if (v == py_const_true || v == py_const_false) {
        v = PY_OBJ_NEW_SMALL_INT(v == py_const_true);
    }
    if (is_exact_int(v)) {
        py_obj_t pos;
        return range_int_pos(r, v, &pos);
    }
    size_t first;
    return range_count_generic(self_in, v, true, &first) > 0;
}

static py_obj_t range_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    switch (op) {
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(range_contains(lhs_in, rhs_in));
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL: {
            if (!py_obj_is_type(rhs_in, &py_type_range)) {
                return PY_OBJ_NULL;
            }
            bool eq = lhs_in == rhs_in || py_obj_equal(range_key(PY_OBJ_TO_PTR(lhs_in)),
                                                       range_key(PY_OBJ_TO_PTR(rhs_in)));
            return PY_OBJ_NEW_BOOL(eq == (op == PY_BINARY_OP_EQUAL));
        }
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t range_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    if (value != PY_OBJ_SENTINEL) {
        return PY_OBJ_NULL;
    }
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    py_obj_t len = range_len_obj(r);
    if (py_obj_is_slice(index)) {
        if (!PY_OBJ_IS_SMALL_INT(len)) {
            py_raise_msg(&py_type_OverflowError, "range too large to slice");
        }
        // As CPython: the bounds slice.indices() gives, mapped through the range.
        py_bound_slice_t b;
        py_obj_slice_indices(index, (size_t)PY_OBJ_SMALL_INT_VALUE(len), &b);
        py_obj_t step = int_op(PY_BINARY_OP_MULTIPLY, r->step, py_obj_new_int(b.step));
        py_obj_t start = range_item(r, py_obj_new_int(b.start));
        py_obj_t stop = range_item(r, py_obj_new_int(b.stop));
        return range_new(start, stop, step);
    }
    if (PY_OBJ_IS_SMALL_INT(len)) {
        return range_item(r,
                          PY_OBJ_NEW_SMALL_INT(py_get_index(
                              &py_type_range, (size_t)PY_OBJ_SMALL_INT_VALUE(len), index, false)));
    }
    // A huge range: check the bounds with int arithmetic.
    py_obj_t i = range_arg(index);
    if (int_lt(i, PY_OBJ_NEW_SMALL_INT(0))) {
        i = int_op(PY_BINARY_OP_ADD, i, len);
    }
    if (int_lt(i, PY_OBJ_NEW_SMALL_INT(0)) || !int_lt(i, len)) {
        py_raise_msg(&py_type_IndexError, "range index out of range");
    }
    return range_item(r, i);
}

static void range_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return; // read-only
    }
    range_obj_t *r = PY_OBJ_TO_PTR(self_in);
    if (attr == PY_QSTR_start) {
        dest[0] = r->start;
    } else if (attr == PY_QSTR_stop) {
        dest[0] = r->stop;
    } else if (attr == PY_QSTR_step) {
        dest[0] = r->step;
    }
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t range_count(py_obj_t self_in, py_obj_t v) {
    if (is_exact_int(v)) {
        py_obj_t pos;
        return PY_OBJ_NEW_SMALL_INT(range_int_pos(PY_OBJ_TO_PTR(self_in), v, &pos));
    }
    size_t first;
    return py_obj_new_int_from_uint(range_count_generic(self_in, v, false, &first));
}
static PY_DEFINE_CONST_FUN_OBJ_2(range_count_obj, range_count);

static py_obj_t range_index(py_obj_t self_in, py_obj_t v) {
    py_obj_t pos;
    if (v == py_const_true || v == py_const_false) {
        v = PY_OBJ_NEW_SMALL_INT(v == py_const_true);
    }
    if (is_exact_int(v)) {
        if (range_int_pos(PY_OBJ_TO_PTR(self_in), v, &pos)) {
            return pos;
        }
    } else {
        size_t first;
        if (range_count_generic(self_in, v, true, &first) > 0) {
            return py_obj_new_int_from_uint(first);
        }
    }
    py_raise_ValueError("object not in sequence");
}
static PY_DEFINE_CONST_FUN_OBJ_2(range_index_obj, range_index);

static const py_map_elem_t range_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_count), PY_ROM_PTR(&range_count_obj)},
    {PY_ROM_QSTR(PY_QSTR_index), PY_ROM_PTR(&range_index_obj)},
};
static PY_DEFINE_CONST_DICT(range_locals_dict, range_locals_table);

const py_obj_type_t py_type_range = {
    .base = {&py_type_type},
    .name = PY_QSTR_range,
    .print = range_print,
    .make_new = range_make_new,
    .unary_op = range_unary_op,
    .binary_op = range_binary_op,
    .attr = range_attr,
    .subscr = range_subscr,
    .getiter = range_getiter,
    .locals_dict = (py_obj_dict_t *)&range_locals_dict,
};
