// SPDX-License-Identifier: MIT
// objtuple.c: the tuple type, its iterator, and helpers shared by the sequence types.

#include <string.h>

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

// The one empty tuple: () costs no allocation.
static const py_obj_tuple_t empty_tuple = {{&py_type_tuple}, 0};

// ---- Printing -----------------------------------------------------------------------------------

// The containers being printed right now, innermost first. Each frame lives on the C stack of
// the py_print_guarded call that pushed it and is unlinked on every exit, normal or not.
typedef struct print_frame {
    struct print_frame *prev;
    py_obj_t obj;
} print_frame_t;

static print_frame_t *print_stack_top;

void py_print_guarded(const py_print_t *print, py_obj_t self, const char *recursed,
                      py_print_body_fun_t body) {
    for (const print_frame_t *f = print_stack_top; f != NULL; f = f->prev) {
        if (f->obj == self) {
            py_print_str(print, recursed);
            return;
        }
    }
    print_frame_t frame = {print_stack_top, self};
    print_stack_top = &frame;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        body(print, self);
        py_nlr_pop();
        print_stack_top = frame.prev;
    } else {
        print_stack_top = frame.prev;
        py_nlr_jump(nlr.ret_val);
    }
}

void py_print_items(const py_print_t *print, const py_obj_t *items, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (i > 0) {
            py_print_strn(print, ", ", 2);
        }
        py_obj_print_helper(print, items[i], PY_PRINT_REPR);
    }
}

// ---- Sequence helpers ---------------------------------------------------------------------------

// The current items of a tuple or list. Lists are re-read after every call into Python code,
// since that code may have resized them.
static inline py_obj_t *seq_items(py_obj_t seq, size_t *len) {
    const py_obj_type_t *type = ((py_obj_base_t *)PY_OBJ_TO_PTR(seq))->type;
    if (type == &py_type_tuple) {
        py_obj_tuple_t *t = PY_OBJ_TO_PTR(seq);
        *len = t->len;
        return t->items;
    }
    if (type == &py_type_list) {
        py_obj_list_t *l = PY_OBJ_TO_PTR(seq);
        *len = l->len;
        return l->items;
    }
    py_obj_t *items;
    py_obj_get_array(seq, len, &items);
    return items;
}

static inline bool items_equal(py_obj_t a, py_obj_t b) {
    if (a == b) {
        return true;
    }
    if ((PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b)) ||
        (PY_OBJ_IS_QSTR(a) && PY_OBJ_IS_QSTR(b))) {
        return false;
    }
    return py_obj_equal(a, b);
}

// The result of comparison [op] between two values whose ordering is [c] (<0, 0 or >0).
static bool compare_result(py_binary_op_t op, int c) {
    switch (op) {
        case PY_BINARY_OP_LESS:
            return c < 0;
        case PY_BINARY_OP_MORE:
            return c > 0;
        case PY_BINARY_OP_LESS_EQUAL:
            return c <= 0;
        case PY_BINARY_OP_MORE_EQUAL:
            return c >= 0;
        case PY_BINARY_OP_NOT_EQUAL:
            return c != 0;
        default:
            return c == 0;
    }
}

static inline int order(size_t a, size_t b) {
    return a < b ? -1 : a > b;
}

bool py_seq_compare(py_binary_op_t op, py_obj_t a, py_obj_t b) {
    size_t a_len, b_len;
    seq_items(a, &a_len);
    seq_items(b, &b_len);
    if ((op == PY_BINARY_OP_EQUAL || op == PY_BINARY_OP_NOT_EQUAL) && a_len != b_len) {
        return op == PY_BINARY_OP_NOT_EQUAL;
    }
    // Find the first position where the items differ; the lengths decide if there is none.
    for (size_t i = 0;; i++) {
        py_obj_t *ai = seq_items(a, &a_len);
        py_obj_t *bi = seq_items(b, &b_len);
        if (i >= a_len || i >= b_len) {
            return compare_result(op, order(a_len, b_len));
        }
        py_obj_t x = ai[i], y = bi[i];
        if (items_equal(x, y)) {
            continue;
        }
        if (op == PY_BINARY_OP_EQUAL || op == PY_BINARY_OP_NOT_EQUAL) {
            return op == PY_BINARY_OP_NOT_EQUAL;
        }
        if (PY_OBJ_IS_SMALL_INT(x) && PY_OBJ_IS_SMALL_INT(y)) {
            intptr_t xv = PY_OBJ_SMALL_INT_VALUE(x), yv = PY_OBJ_SMALL_INT_VALUE(y);
            return compare_result(op, xv < yv ? -1 : 1);
        }
        return py_obj_is_true(py_binary_op(op, x, y));
    }
}

bool py_seq_contains(py_obj_t seq, py_obj_t value) {
    size_t len;
    for (size_t i = 0;; i++) {
        py_obj_t *items = seq_items(seq, &len);
        if (i >= len) {
            return false;
        }
        if (items_equal(items[i], value)) {
            return true;
        }
    }
}

size_t py_seq_count(py_obj_t seq, py_obj_t value) {
    size_t len, n = 0;
    for (size_t i = 0;; i++) {
        py_obj_t *items = seq_items(seq, &len);
        if (i >= len) {
            return n;
        }
        if (items_equal(items[i], value)) {
            n++;
        }
    }
}

size_t py_seq_index(py_obj_t seq, size_t n_args, const py_obj_t *args) {
    size_t len;
    seq_items(seq, &len);
    const py_obj_type_t *type = py_obj_get_type(seq);
    size_t start = 0, stop = len;
    if (n_args >= 2) {
        start = py_get_index(type, len, args[1], true);
    }
    if (n_args >= 3) {
        stop = py_get_index(type, len, args[2], true);
    }
    for (size_t i = start; i < stop; i++) {
        py_obj_t *items = seq_items(seq, &len);
        if (i >= len) {
            break;
        }
        if (items_equal(items[i], args[0])) {
            return i;
        }
    }
    py_raise_ValueError("object not in sequence");
}

bool py_seq_repeat_count(py_obj_t count, size_t len, size_t *copies) {
    intptr_t n;
    if (PY_OBJ_IS_SMALL_INT(count)) {
        n = PY_OBJ_SMALL_INT_VALUE(count);
    } else if (count == py_const_true || count == py_const_false) {
        n = count == py_const_true;
    } else if (py_obj_is_int(count)) {
        if (py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, count, PY_OBJ_NEW_SMALL_INT(0)))) {
            n = 0;
        } else if (len == 0) {
            n = 0;
        } else {
            py_raise_msg(&py_type_OverflowError, "cannot fit 'int' into an index-sized integer");
        }
    } else {
        return false;
    }
    if (n <= 0 || len == 0) {
        *copies = 0;
        return true;
    }
    if ((size_t)n > SIZE_MAX / sizeof(py_obj_t) / len) {
        py_raise_MemoryError();
    }
    *copies = (size_t)n;
    return true;
}

void py_seq_repeat_fill(py_obj_t *dest, const py_obj_t *items, size_t len, size_t copies) {
    if (len == 1) {
        py_obj_t item = items[0];
        for (size_t i = 0; i < copies; i++) {
            dest[i] = item;
        }
        return;
    }
    for (size_t i = 0; i < copies; i++) {
        memcpy(dest + i * len, items, len * sizeof(py_obj_t));
    }
}

void py_seq_slice_resolve(py_obj_t slice, size_t len, py_seq_slice_t *out) {
    py_bound_slice_t b;
    py_obj_slice_indices(slice, len, &b);
    out->start = b.start;
    out->step = b.step;
    if (b.step > 0) {
        out->count = b.start < b.stop ? (size_t)(b.stop - b.start - 1) / (size_t)b.step + 1 : 0;
    } else {
        out->count = b.stop < b.start ? (size_t)(b.start - b.stop - 1) / (size_t)(-b.step) + 1 : 0;
    }
}

void py_seq_slice_copy(py_obj_t *dest, const py_obj_t *items, const py_seq_slice_t *sl) {
    if (sl->count == 0) {
        return; // [dest] and [items] may be NULL
    }
    if (sl->step == 1) {
        memcpy(dest, items + sl->start, sl->count * sizeof(py_obj_t));
        return;
    }
    intptr_t pos = sl->start;
    for (size_t i = 0; i < sl->count; i++, pos += sl->step) {
        dest[i] = items[pos];
    }
}

py_obj_t py_getiter_self(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

bool py_obj_is_heap_instance(py_const_obj_t o) {
    return PY_OBJ_IS_OBJ((py_obj_t)o) &&
           (((const py_obj_base_t *)o)->type->flags & PY_TYPE_FLAG_IS_HEAP) != 0;
}

// ---- Construction -------------------------------------------------------------------------------

py_obj_t py_obj_new_tuple(size_t n, const py_obj_t *items) {
    if (n == 0) {
        return PY_OBJ_FROM_PTR((py_obj_tuple_t *)&empty_tuple);
    }
    if (n > (SIZE_MAX - sizeof(py_obj_tuple_t)) / sizeof(py_obj_t)) {
        py_raise_MemoryError();
    }
    py_obj_tuple_t *t = py_new_obj_var(py_obj_tuple_t, n * sizeof(py_obj_t), &py_type_tuple);
    t->len = n;
    if (items != NULL) {
        memcpy(t->items, items, n * sizeof(py_obj_t));
    }
    return PY_OBJ_FROM_PTR(t);
}

py_obj_t py_obj_tuple_from_iterable(py_obj_t iterable) {
    if (py_obj_is_type(iterable, &py_type_tuple)) {
        return iterable;
    }
    if (py_obj_is_type(iterable, &py_type_list)) {
        py_obj_list_t *l = PY_OBJ_TO_PTR(iterable);
        return py_obj_new_tuple(l->len, l->items);
    }
    // Collect into a list, then copy; the list is garbage straight away.
    py_obj_list_t *l = PY_OBJ_TO_PTR(py_obj_list_from_iterable(iterable));
    py_obj_t t = py_obj_new_tuple(l->len, l->items);
    py_free(l->items);
    py_free(l);
    return t;
}

// A subclass's instances hold a plain tuple as their native part, so [type] is not used.
static py_obj_t tuple_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    return n_args == 0 ? py_obj_new_tuple(0, NULL) : py_obj_tuple_from_iterable(args[0]);
}

// ---- Slots --------------------------------------------------------------------------------------

static void tuple_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(self_in);
    py_print_strn(print, "(", 1);
    py_print_items(print, self->items, self->len);
    py_print_str(print, self->len == 1 ? ",)" : ")");
}

// CPython's tuple hash (an xxHash round per item), so that sets of tuples of ints iterate in
// CPython's order. Only the low bits survive as a small int; they are the ones a table uses.
#if UINTPTR_MAX > 0xffffffffu
#define XX_PRIME_1   ((size_t)11400714785074694791ull)
#define XX_PRIME_2   ((size_t)14029467366897019727ull)
#define XX_PRIME_5   ((size_t)2870177450012600261ull)
#define XX_ROTATE(x) (((x) << 31) | ((x) >> 33))
#else
#define XX_PRIME_1   ((size_t)2654435761u)
#define XX_PRIME_2   ((size_t)2246822519u)
#define XX_PRIME_5   ((size_t)374761393u)
#define XX_ROTATE(x) (((x) << 13) | ((x) >> 19))
#endif

static py_obj_t tuple_hash(py_obj_tuple_t *self) {
    size_t acc = XX_PRIME_5;
    for (size_t i = 0; i < self->len; i++) {
        acc += py_obj_hash_value(self->items[i]) * XX_PRIME_2;
        acc = XX_ROTATE(acc);
        acc *= XX_PRIME_1;
    }
    acc += self->len ^ (XX_PRIME_5 ^ 3527539u);
    if (acc == (size_t)-1) {
        acc = 1546275796u;
    }
    return PY_OBJ_NEW_SMALL_INT(acc);
}

static py_obj_t tuple_unary_op(py_unary_op_t op, py_obj_t self_in) {
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(self->len != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(self->len);
        case PY_UNARY_OP_HASH:
            return tuple_hash(self);
        default:
            return PY_OBJ_NULL;
    }
}

static inline bool is_tuple(py_obj_t o) {
    return py_obj_is_type(o, &py_type_tuple);
}

static py_obj_t tuple_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    py_obj_tuple_t *lhs = PY_OBJ_TO_PTR(lhs_in);
    switch (op) {
        case PY_BINARY_OP_ADD:
        case PY_BINARY_OP_INPLACE_ADD: {
            if (!is_tuple(rhs_in)) {
                return PY_OBJ_NULL;
            }
            py_obj_tuple_t *rhs = PY_OBJ_TO_PTR(rhs_in);
            if (rhs->len == 0) {
                return lhs_in;
            }
            py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(lhs->len + rhs->len, NULL));
            memcpy(t->items, lhs->items, lhs->len * sizeof(py_obj_t));
            memcpy(t->items + lhs->len, rhs->items, rhs->len * sizeof(py_obj_t));
            return PY_OBJ_FROM_PTR(t);
        }
        case PY_BINARY_OP_MULTIPLY:
        case PY_BINARY_OP_INPLACE_MULTIPLY:
        case PY_BINARY_OP_REVERSE_MULTIPLY: {
            size_t copies;
            if (!py_seq_repeat_count(rhs_in, lhs->len, &copies)) {
                return PY_OBJ_NULL;
            }
            if (copies == 1) {
                return lhs_in;
            }
            py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(lhs->len * copies, NULL));
            py_seq_repeat_fill(t->items, lhs->items, lhs->len, copies);
            return PY_OBJ_FROM_PTR(t);
        }
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL:
            if (!is_tuple(rhs_in)) {
                return PY_OBJ_NULL;
            }
            return PY_OBJ_NEW_BOOL(py_seq_compare(op, lhs_in, rhs_in));
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(py_seq_contains(lhs_in, rhs_in));
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t tuple_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    if (value != PY_OBJ_SENTINEL) {
        return PY_OBJ_NULL; // immutable: the runtime raises TypeError
    }
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(self_in);
    if (py_obj_is_slice(index)) {
        py_seq_slice_t sl;
        py_seq_slice_resolve(index, self->len, &sl);
        if (sl.count == self->len && sl.step == 1) {
            return self_in;
        }
        py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(sl.count, NULL));
        py_seq_slice_copy(t->items, self->items, &sl);
        return PY_OBJ_FROM_PTR(t);
    }
    return self->items[py_get_index(&py_type_tuple, self->len, index, false)];
}

// ---- Iterator -----------------------------------------------------------------------------------

typedef struct tuple_iter {
    py_obj_base_t base;
    py_obj_tuple_t *tuple;
    size_t pos;
} tuple_iter_t;

static py_obj_t tuple_iter_next(py_obj_t self_in) {
    tuple_iter_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->pos < self->tuple->len) {
        return self->tuple->items[self->pos++];
    }
    return PY_OBJ_STOP_ITERATION;
}

static const py_obj_type_t tuple_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_tuple_iterator,
    .getiter = py_getiter_self,
    .iternext = tuple_iter_next,
};

py_obj_t py_tuple_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    _Static_assert(sizeof(tuple_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
    tuple_iter_t *it = iter_buf != NULL ? (tuple_iter_t *)iter_buf : py_new_obj(tuple_iter_t, NULL);
    it->base.type = &tuple_iter_type;
    it->tuple = PY_OBJ_TO_PTR(self);
    it->pos = 0;
    return PY_OBJ_FROM_PTR(it);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t tuple_count(py_obj_t self, py_obj_t value) {
    return py_obj_new_int_from_uint(py_seq_count(self, value));
}
static PY_DEFINE_CONST_FUN_OBJ_2(tuple_count_obj, tuple_count);

static py_obj_t tuple_index(size_t n_args, const py_obj_t *args) {
    return py_obj_new_int_from_uint(py_seq_index(args[0], n_args - 1, args + 1));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(tuple_index_obj, 2, 4, tuple_index);

static const py_map_elem_t tuple_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_count), PY_ROM_PTR(&tuple_count_obj)},
    {PY_ROM_QSTR(PY_QSTR_index), PY_ROM_PTR(&tuple_index_obj)},
};
static PY_DEFINE_CONST_DICT(tuple_locals_dict, tuple_locals_table);

const py_obj_type_t py_type_tuple = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_tuple,
    .print = tuple_print,
    .make_new = tuple_make_new,
    .unary_op = tuple_unary_op,
    .binary_op = tuple_binary_op,
    .subscr = tuple_subscr,
    .getiter = py_tuple_getiter,
    .locals_dict = (py_obj_dict_t *)&tuple_locals_dict,
};
