// SPDX-License-Identifier: MIT
// collections_deque.c: collections.deque, a double-ended queue in a growable ring buffer.
//
// deque([iterable[, maxlen]]) as in CPython (MicroPython requires both arguments). With a maxlen,
// adding to a full deque drops an item from the other end. Iterators raise RuntimeError when the
// deque changes under them.

#include <string.h>

#include "extmod.h"
#include "gc.h"

#define DEQUE_UNBOUNDED SIZE_MAX

typedef struct deque {
    py_obj_base_t base;
    py_obj_t *items; // ring buffer of [alloc] slots; the first item is at [head]
    size_t alloc;
    size_t head;
    size_t len;
    size_t maxlen;  // DEQUE_UNBOUNDED when not given
    size_t version; // bumped by every change, for iterators
} deque_t;

static deque_t *get_deque(py_obj_t o) {
    return PY_OBJ_TO_PTR(o);
}

static py_obj_t *slot(deque_t *d, size_t i) {
    return &d->items[(d->head + i) % d->alloc];
}

static void deque_grow(deque_t *d) {
    if (d->len < d->alloc) {
        return;
    }
    size_t alloc = d->alloc ? d->alloc * 2 : 8;
    py_obj_t *items = py_new(py_obj_t, alloc);
    for (size_t i = 0; i < d->len; i++) {
        items[i] = *slot(d, i);
    }
    py_free(d->items);
    d->items = items;
    d->alloc = alloc;
    d->head = 0;
}

static void deque_push_right(deque_t *d, py_obj_t item) {
    d->version++;
    if (d->maxlen == 0) {
        return;
    }
    if (d->len == d->maxlen) {
        // Full: the leftmost item goes.
        *slot(d, 0) = PY_OBJ_NULL;
        d->head = (d->head + 1) % d->alloc;
        *slot(d, d->len - 1) = item;
        return;
    }
    deque_grow(d);
    *slot(d, d->len++) = item;
}

static void deque_push_left(deque_t *d, py_obj_t item) {
    d->version++;
    if (d->maxlen == 0) {
        return;
    }
    if (d->len == d->maxlen) {
        // Full: the rightmost item goes.
        *slot(d, d->len - 1) = PY_OBJ_NULL;
        d->head = (d->head + d->alloc - 1) % d->alloc;
        *slot(d, 0) = item;
        return;
    }
    deque_grow(d);
    d->head = (d->head + d->alloc - 1) % d->alloc;
    *slot(d, 0) = item;
    d->len++;
}

static py_obj_t deque_pop_right(deque_t *d) {
    if (d->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from an empty deque");
    }
    d->version++;
    py_obj_t *s = slot(d, --d->len);
    py_obj_t item = *s;
    *s = PY_OBJ_NULL;
    return item;
}

static py_obj_t deque_pop_left(deque_t *d) {
    if (d->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from an empty deque");
    }
    d->version++;
    py_obj_t *s = slot(d, 0);
    py_obj_t item = *s;
    *s = PY_OBJ_NULL;
    d->head = (d->head + 1) % d->alloc;
    d->len--;
    return item;
}

static void deque_extend_from(deque_t *d, py_obj_t iterable, bool left) {
    // A snapshot first, so d.extend(d) terminates.
    py_obj_t list = py_obj_list_from_iterable(iterable);
    py_obj_list_t *l = PY_OBJ_TO_PTR(list);
    for (size_t i = 0; i < l->len; i++) {
        if (left) {
            deque_push_left(d, l->items[i]);
        } else {
            deque_push_right(d, l->items[i]);
        }
    }
}

// deque(iterable=(), maxlen=None)
static py_obj_t deque_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_iterable, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_maxlen, PY_ARG_OBJ, {.u_obj = py_const_none}},
    };
    py_map_t kw;
    py_map_init(&kw, n_kw);
    for (size_t i = 0; i < n_kw; i++) {
        py_map_lookup(&kw, args[n_args + 2 * i], PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value =
            args[n_args + 2 * i + 1];
    }
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, &kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    deque_t *d = py_new_obj(deque_t, type);
    d->maxlen = DEQUE_UNBOUNDED;
    if (vals[1].u_obj != py_const_none) {
        intptr_t maxlen = py_obj_get_int(vals[1].u_obj);
        if (maxlen < 0) {
            py_raise_ValueError("maxlen must be non-negative");
        }
        d->maxlen = (size_t)maxlen;
    }
    if (vals[0].u_obj != PY_OBJ_NULL) {
        deque_extend_from(d, vals[0].u_obj, false);
    }
    return PY_OBJ_FROM_PTR(d);
}

static void deque_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    deque_t *d = get_deque(self_in);
    py_print_str(print, "deque([");
    for (size_t i = 0; i < d->len; i++) {
        if (i > 0) {
            py_print_str(print, ", ");
        }
        py_obj_print_helper(print, *slot(d, i), PY_PRINT_REPR);
    }
    py_print_str(print, "]");
    if (d->maxlen != DEQUE_UNBOUNDED) {
        py_printf(print, ", maxlen=%u", (unsigned)d->maxlen);
    }
    py_print_str(print, ")");
}

static py_obj_t deque_unary_op(py_unary_op_t op, py_obj_t self_in) {
    deque_t *d = get_deque(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(d->len != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(d->len);
        default:
            return PY_OBJ_NULL;
    }
}

// Index of the item equal to [value] at or after [start], or -1. Stops if the deque changes.
static intptr_t deque_find(deque_t *d, py_obj_t value, size_t start) {
    size_t version = d->version;
    for (size_t i = start; i < d->len; i++) {
        bool eq = py_obj_equal(*slot(d, i), value);
        if (d->version != version) {
            py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
        }
        if (eq) {
            return (intptr_t)i;
        }
    }
    return -1;
}

static py_obj_t deque_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    deque_t *d = get_deque(lhs);
    switch (op) {
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(deque_find(d, rhs, 0) >= 0);
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL: {
            if (!py_obj_is_type(rhs, &py_collections_deque_type)) {
                return PY_OBJ_NULL;
            }
            deque_t *o = get_deque(rhs);
            bool eq = d->len == o->len;
            for (size_t i = 0; eq && i < d->len && i < o->len; i++) {
                eq = py_obj_equal(*slot(d, i), *slot(o, i));
            }
            return PY_OBJ_NEW_BOOL(eq == (op == PY_BINARY_OP_EQUAL));
        }
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t deque_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    deque_t *d = get_deque(self_in);
    if (value == PY_OBJ_NULL) {
        return PY_OBJ_NULL; // del d[i] is not supported
    }
    intptr_t i = py_obj_get_int(index);
    if (i < 0) {
        i += (intptr_t)d->len;
    }
    if (i < 0 || (size_t)i >= d->len) {
        py_raise_msg(&py_type_IndexError, "deque index out of range");
    }
    if (value == PY_OBJ_SENTINEL) {
        return *slot(d, (size_t)i);
    }
    *slot(d, (size_t)i) = value;
    return py_const_none;
}

// ---- Iterator -----------------------------------------------------------------------------------

typedef struct deque_iter {
    py_obj_base_t base;
    deque_t *deque;
    size_t pos;
    size_t version;
} deque_iter_t;

static py_obj_t deque_iter_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static py_obj_t deque_iter_next(py_obj_t self_in) {
    deque_iter_t *it = PY_OBJ_TO_PTR(self_in);
    if (it->deque->version != it->version) {
        py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
    }
    if (it->pos >= it->deque->len) {
        return PY_OBJ_STOP_ITERATION;
    }
    return *slot(it->deque, it->pos++);
}

static const py_obj_type_t deque_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR__deque_iterator,
    .getiter = deque_iter_getiter,
    .iternext = deque_iter_next,
};

static py_obj_t deque_getiter(py_obj_t self_in, py_obj_iter_buf_t *iter_buf) {
    _Static_assert(sizeof(deque_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
    deque_iter_t *it = iter_buf != NULL ? (deque_iter_t *)iter_buf : py_new_obj(deque_iter_t, NULL);
    it->base.type = &deque_iter_type;
    it->deque = get_deque(self_in);
    it->pos = 0;
    it->version = it->deque->version;
    return PY_OBJ_FROM_PTR(it);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t deque_append(py_obj_t self, py_obj_t item) {
    deque_push_right(get_deque(self), item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_append_obj, deque_append);

static py_obj_t deque_appendleft(py_obj_t self, py_obj_t item) {
    deque_push_left(get_deque(self), item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_appendleft_obj, deque_appendleft);

static py_obj_t deque_pop(py_obj_t self) {
    return deque_pop_right(get_deque(self));
}
static PY_DEFINE_CONST_FUN_OBJ_1(deque_pop_obj, deque_pop);

static py_obj_t deque_popleft(py_obj_t self) {
    return deque_pop_left(get_deque(self));
}
static PY_DEFINE_CONST_FUN_OBJ_1(deque_popleft_obj, deque_popleft);

static py_obj_t deque_extend(py_obj_t self, py_obj_t iterable) {
    deque_extend_from(get_deque(self), iterable, false);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_extend_obj, deque_extend);

static py_obj_t deque_extendleft(py_obj_t self, py_obj_t iterable) {
    deque_extend_from(get_deque(self), iterable, true);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_extendleft_obj, deque_extendleft);

static py_obj_t deque_clear(py_obj_t self) {
    deque_t *d = get_deque(self);
    d->version++;
    py_free(d->items);
    d->items = NULL;
    d->alloc = d->head = d->len = 0;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(deque_clear_obj, deque_clear);

// rotate(n=1): n steps to the right (negative: to the left).
static py_obj_t deque_rotate(size_t n_args, const py_obj_t *args) {
    deque_t *d = get_deque(args[0]);
    intptr_t n = n_args > 1 ? py_obj_get_int(args[1]) : 1;
    if (d->len <= 1) {
        return py_const_none;
    }
    intptr_t len = (intptr_t)d->len;
    n %= len;
    if (n < 0) {
        n += len;
    }
    for (intptr_t i = 0; i < n; i++) {
        py_obj_t item = deque_pop_right(d);
        deque_push_left(d, item);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(deque_rotate_obj, 1, 2, deque_rotate);

static py_obj_t deque_count(py_obj_t self, py_obj_t value) {
    deque_t *d = get_deque(self);
    size_t n = 0;
    for (intptr_t i = 0; (i = deque_find(d, value, (size_t)i)) >= 0; i++) {
        n++;
    }
    return py_obj_new_int_from_uint(n);
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_count_obj, deque_count);

static py_obj_t deque_remove(py_obj_t self, py_obj_t value) {
    deque_t *d = get_deque(self);
    intptr_t at = deque_find(d, value, 0);
    if (at < 0) {
        py_raise_ValueError("deque.remove(x): x not in deque");
    }
    for (size_t i = (size_t)at; i + 1 < d->len; i++) {
        *slot(d, i) = *slot(d, i + 1);
    }
    deque_pop_right(d);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(deque_remove_obj, deque_remove);

static void deque_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] == PY_OBJ_NULL && attr == PY_QSTR_maxlen) {
        deque_t *d = get_deque(self_in);
        dest[0] =
            d->maxlen == DEQUE_UNBOUNDED ? py_const_none : py_obj_new_int_from_uint(d->maxlen);
    }
}

static const py_map_elem_t deque_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_append), PY_ROM_PTR(&deque_append_obj)},
    {PY_ROM_QSTR(PY_QSTR_appendleft), PY_ROM_PTR(&deque_appendleft_obj)},
    {PY_ROM_QSTR(PY_QSTR_pop), PY_ROM_PTR(&deque_pop_obj)},
    {PY_ROM_QSTR(PY_QSTR_popleft), PY_ROM_PTR(&deque_popleft_obj)},
    {PY_ROM_QSTR(PY_QSTR_extend), PY_ROM_PTR(&deque_extend_obj)},
    {PY_ROM_QSTR(PY_QSTR_extendleft), PY_ROM_PTR(&deque_extendleft_obj)},
    {PY_ROM_QSTR(PY_QSTR_clear), PY_ROM_PTR(&deque_clear_obj)},
    {PY_ROM_QSTR(PY_QSTR_rotate), PY_ROM_PTR(&deque_rotate_obj)},
    {PY_ROM_QSTR(PY_QSTR_count), PY_ROM_PTR(&deque_count_obj)},
    {PY_ROM_QSTR(PY_QSTR_remove), PY_ROM_PTR(&deque_remove_obj)},
};
static PY_DEFINE_CONST_DICT(deque_locals_dict, deque_locals_table);

const py_obj_type_t py_collections_deque_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_deque,
    .print = deque_print,
    .make_new = deque_make_new,
    .unary_op = deque_unary_op,
    .binary_op = deque_binary_op,
    .subscr = deque_subscr,
    .getiter = deque_getiter,
    .attr = deque_attr,
    .locals_dict = (py_obj_dict_t *)&deque_locals_dict,
};
