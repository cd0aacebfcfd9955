// SPDX-License-Identifier: MIT
// objbytearray.c: the bytearray type: a mutable, growable byte sequence with the bytes methods.

#include <string.h>

#include "gc.h"
#include "objstr.h"

// Longest bytearray: lengths and growth arithmetic stay far from overflow.
#define BYTEARRAY_MAX_LEN (SIZE_MAX / 4)

// Where an empty bytearray's items point until it first grows, so that [items] is never NULL.
static byte no_items[1];

static py_obj_bytearray_t *ba_of(py_obj_t o) {
    return PY_OBJ_TO_PTR(o);
}

// Makes room for [n] bytes in total.
static void ba_reserve(py_obj_bytearray_t *o, size_t n) {
    if (n <= o->alloc) {
        return;
    }
    if (n > BYTEARRAY_MAX_LEN) {
        py_raise_MemoryError();
    }
    size_t alloc = n + n / 4 + 8;
    if (o->alloc == 0) {
        o->items = py_malloc_noscan(alloc);
    } else {
        o->items = py_realloc(o->items, o->alloc, alloc);
    }
    o->alloc = alloc;
}

py_obj_t py_obj_new_bytearray(size_t len, const void *items) {
    if (len > BYTEARRAY_MAX_LEN) {
        py_raise_MemoryError();
    }
    py_obj_bytearray_t *o = py_new_obj(py_obj_bytearray_t, &py_type_bytearray);
    o->items = no_items;
    if (len > 0) {
        o->items = py_malloc_noscan(len);
        o->alloc = len;
        o->len = len;
        if (items != NULL) {
            memcpy(o->items, items, len);
        }
    }
    return PY_OBJ_FROM_PTR(o);
}

// Replaces bytes [a, b) of [o] with [n] bytes at [src] (which must not point into [o]).
static void ba_splice(py_obj_bytearray_t *o, size_t a, size_t b, const byte *src, size_t n) {
    size_t tail = o->len - b;
    size_t new_len = a + n + tail;
    ba_reserve(o, new_len);
    memmove(o->items + a + n, o->items + b, tail);
    if (n > 0) {
        memcpy(o->items + a, src, n);
    }
    o->len = new_len;
}

// The bytes of a value assigned or added to a bytearray, copied so that [o] itself may be the
// source.
static void value_bytes(py_vstr_t *v, py_obj_t value) {
    py_vstr_init(v, 16);
    py_bytes_collect(v, value);
}

// ---- Slots --------------------------------------------------------------------------------------

static py_obj_t bytearray_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                   const py_obj_t *args) {
    (void)type;
    py_vstr_t v;
    py_vstr_init(&v, 16);
    py_bytes_make_contents(&v, n_args, n_kw, args);
    py_obj_bytearray_t *o = py_new_obj(py_obj_bytearray_t, &py_type_bytearray);
    o->items = (byte *)v.buf;
    o->alloc = v.alloc;
    o->len = v.len;
    return PY_OBJ_FROM_PTR(o);
}

static void bytearray_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_obj_bytearray_t *o = ba_of(self);
    py_print_str(print, "bytearray(");
    py_str_print_quoted(print, o->items, o->len, true);
    py_print_str(print, ")");
}

static py_obj_t bytearray_unary_op(py_unary_op_t op, py_obj_t self) {
    py_obj_bytearray_t *o = ba_of(self);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(o->len != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(o->len);
        default:
            return PY_OBJ_NULL; // HASH too: mutable, so unhashable
    }
}

static py_obj_t ba_repeat(py_obj_t self, py_obj_t count, bool inplace) {
    intptr_t n;
    if (!py_obj_is_int(count) || !py_obj_get_int_maybe(count, &n)) {
        return PY_OBJ_NULL;
    }
    py_obj_bytearray_t *o = ba_of(self);
    size_t len = o->len;
    size_t times = n < 0 ? 0 : (size_t)n;
    if (len != 0 && times > BYTEARRAY_MAX_LEN / len) {
        py_raise_MemoryError();
    }
    py_obj_bytearray_t *r = inplace ? o : ba_of(py_obj_new_bytearray(0, NULL));
    ba_reserve(r, len * times);
    for (size_t i = inplace ? 1 : 0; i < times; i++) {
        memcpy(r->items + i * len, o->items, len);
    }
    r->len = len * times;
    return PY_OBJ_FROM_PTR(r);
}

static py_obj_t bytearray_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    py_obj_bytearray_t *o = ba_of(lhs);
    switch (op) {
        case PY_BINARY_OP_MULTIPLY:
        case PY_BINARY_OP_REVERSE_MULTIPLY:
            return ba_repeat(lhs, rhs, false);
        case PY_BINARY_OP_INPLACE_MULTIPLY:
            return ba_repeat(lhs, rhs, true);
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(py_bytes_contains(o->items, o->len, rhs));
        case PY_BINARY_OP_MODULO:
            return py_str_modulo(lhs, rhs);
        default:
            break;
    }
    py_buffer_info_t info;
    if (py_obj_is_str(rhs) || !py_get_buffer(rhs, &info, PY_BUFFER_READ)) {
        return PY_OBJ_NULL;
    }
    switch (op) {
        case PY_BINARY_OP_ADD: {
            py_obj_bytearray_t *r = ba_of(py_obj_new_bytearray(0, NULL));
            ba_reserve(r, o->len + info.len);
            ba_splice(r, 0, 0, o->items, o->len);
            ba_splice(r, r->len, r->len, info.buf, info.len);
            return PY_OBJ_FROM_PTR(r);
        }
        case PY_BINARY_OP_INPLACE_ADD: {
            py_vstr_t v;
            value_bytes(&v, rhs);
            ba_splice(o, o->len, o->len, (const byte *)v.buf, v.len);
            py_vstr_clear(&v);
            return lhs;
        }
        default:
            return py_str_cmp_op(op, py_bytes_cmp(o->items, o->len, info.buf, info.len));
    }
}

static size_t slice_count(const py_bound_slice_t *bs) {
    if (bs->step > 0 && bs->stop > bs->start) {
        return (size_t)((bs->stop - bs->start + bs->step - 1) / bs->step);
    }
    if (bs->step < 0 && bs->stop < bs->start) {
        return (size_t)((bs->start - bs->stop - bs->step - 1) / -bs->step);
    }
    return 0;
}

// Resolves [index] against [o]. Resolving may run Python code (__index__) that resizes [o], so
// the result is clamped to the length [o] has afterwards.
static void ba_resolve(py_obj_bytearray_t *o, py_obj_t index, py_bound_slice_t *bs) {
    py_obj_slice_indices(index, o->len, bs);
    intptr_t len = (intptr_t)o->len;
    intptr_t lo = bs->step > 0 ? 0 : -1, hi = bs->step > 0 ? len : len - 1;
    bs->start = bs->start < lo ? lo : bs->start > hi ? hi : bs->start;
    bs->stop = bs->stop < lo ? lo : bs->stop > hi ? hi : bs->stop;
}

static void ba_slice_store(py_obj_bytearray_t *o, py_obj_t index, py_obj_t value) {
    // The new bytes first (iterating them may run Python code), then the slice.
    py_vstr_t v;
    if (value == PY_OBJ_NULL) {
        py_vstr_init(&v, 1);
    } else {
        value_bytes(&v, value);
    }
    py_bound_slice_t bs;
    ba_resolve(o, index, &bs);
    if (bs.step == 1) {
        // An empty range (stop before start) inserts at start.
        size_t a = (size_t)bs.start;
        size_t b = bs.stop < bs.start ? a : (size_t)bs.stop;
        ba_splice(o, a, b, (const byte *)v.buf, v.len);
    } else {
        size_t n = slice_count(&bs);
        if (value == PY_OBJ_NULL) {
            // Delete the selected bytes by compacting the rest in order.
            size_t step = (size_t)(bs.step < 0 ? -bs.step : bs.step);
            size_t first = bs.step < 0 ? (size_t)bs.start - (n - 1) * step : (size_t)bs.start;
            size_t w = first;
            for (size_t r = first; r < o->len; r++) {
                if (r < first + n * step && (r - first) % step == 0) {
                    continue;
                }
                o->items[w++] = o->items[r];
            }
            o->len = w;
        } else {
            if (v.len != n) {
                py_raise_msg_varg(&py_type_ValueError,
                                  "attempt to assign bytes of size %u to extended slice of size %u",
                                  (unsigned)v.len, (unsigned)n);
            }
            intptr_t i = bs.start;
            for (size_t k = 0; k < n; k++, i += bs.step) {
                o->items[i] = (byte)v.buf[k];
            }
        }
    }
    py_vstr_clear(&v);
}

static py_obj_t bytearray_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    py_obj_bytearray_t *o = ba_of(self);
    if (py_obj_is_slice(index)) {
        if (value == PY_OBJ_SENTINEL) {
            py_bound_slice_t bs;
            ba_resolve(o, index, &bs);
            return py_bytes_slice_bound(&py_type_bytearray, o->items, &bs);
        }
        ba_slice_store(o, index, value);
        return py_const_none;
    }
    size_t i = py_get_index(&py_type_bytearray, o->len, index, false);
    if (value == PY_OBJ_SENTINEL) {
        return PY_OBJ_NEW_SMALL_INT(o->items[i]);
    }
    if (value == PY_OBJ_NULL) {
        ba_splice(o, i, i + 1, NULL, 0);
    } else {
        o->items[i] = py_str_byte_value(value);
    }
    return py_const_none;
}

typedef struct bytearray_it {
    py_obj_base_t base;
    py_obj_t seq;
    size_t pos;
} bytearray_it_t;

static py_obj_t ba_it_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static py_obj_t ba_it_iternext(py_obj_t self_in) {
    bytearray_it_t *it = PY_OBJ_TO_PTR(self_in);
    py_obj_bytearray_t *o = ba_of(it->seq);
    if (it->pos >= o->len) {
        return PY_OBJ_STOP_ITERATION;
    }
    return PY_OBJ_NEW_SMALL_INT(o->items[it->pos++]);
}

static const py_obj_type_t bytearray_iterator_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_iterator,
    .getiter = ba_it_getiter,
    .iternext = ba_it_iternext,
};

static py_obj_t bytearray_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    bytearray_it_t *it;
    if (iter_buf != NULL) {
        it = (bytearray_it_t *)iter_buf;
        it->base.type = &bytearray_iterator_type;
    } else {
        it = py_new_obj(bytearray_it_t, &bytearray_iterator_type);
    }
    it->seq = self;
    it->pos = 0;
    return PY_OBJ_FROM_PTR(it);
}

static int bytearray_buffer(py_obj_t self, py_buffer_info_t *info, unsigned flags) {
    (void)flags;
    py_obj_bytearray_t *o = ba_of(self);
    info->buf = o->items;
    info->len = o->len;
    info->typecode = 'B';
    return 0;
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_bytearray_t *self_ba(py_obj_t self) {
    if (!py_obj_is_type(self, &py_type_bytearray)) {
        py_raise_msg_varg(&py_type_TypeError, "descriptor needs a 'bytearray' object, not '%s'",
                          py_obj_get_type_str(self));
    }
    return ba_of(self);
}

static py_obj_t bytearray_append(py_obj_t self, py_obj_t item) {
    py_obj_bytearray_t *o = self_ba(self);
    byte b = py_str_byte_value(item);
    ba_splice(o, o->len, o->len, &b, 1);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(bytearray_append_obj, bytearray_append);

static py_obj_t bytearray_extend(py_obj_t self, py_obj_t iterable) {
    py_obj_bytearray_t *o = self_ba(self);
    py_vstr_t v;
    value_bytes(&v, iterable);
    ba_splice(o, o->len, o->len, (const byte *)v.buf, v.len);
    py_vstr_clear(&v);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(bytearray_extend_obj, bytearray_extend);

static py_obj_t bytearray_pop(size_t n_args, const py_obj_t *args) {
    py_obj_bytearray_t *o = self_ba(args[0]);
    if (o->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from empty bytearray");
    }
    intptr_t i = n_args > 1 ? py_obj_get_int(args[1]) : -1;
    if (i < 0) {
        i += (intptr_t)o->len;
    }
    if (i < 0 || (size_t)i >= o->len) {
        py_raise_msg(&py_type_IndexError, "pop index out of range");
    }
    byte b = o->items[i];
    ba_splice(o, (size_t)i, (size_t)i + 1, NULL, 0);
    return PY_OBJ_NEW_SMALL_INT(b);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(bytearray_pop_obj, 1, 2, bytearray_pop);

static py_obj_t bytearray_insert(py_obj_t self, py_obj_t index, py_obj_t item) {
    py_obj_bytearray_t *o = self_ba(self);
    intptr_t i = py_obj_get_int(index);
    if (i < 0) {
        i += (intptr_t)o->len;
        if (i < 0) {
            i = 0;
        }
    }
    if ((size_t)i > o->len) {
        i = (intptr_t)o->len;
    }
    byte b = py_str_byte_value(item);
    ba_splice(o, (size_t)i, (size_t)i, &b, 1);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(bytearray_insert_obj, bytearray_insert);

static py_obj_t bytearray_remove(py_obj_t self, py_obj_t item) {
    py_obj_bytearray_t *o = self_ba(self);
    byte b = py_str_byte_value(item);
    byte *p = o->len == 0 ? NULL : memchr(o->items, b, o->len);
    if (p == NULL) {
        py_raise_ValueError("value not found in bytearray");
    }
    size_t i = (size_t)(p - o->items);
    ba_splice(o, i, i + 1, NULL, 0);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(bytearray_remove_obj, bytearray_remove);

static py_obj_t bytearray_reverse(py_obj_t self) {
    py_obj_bytearray_t *o = self_ba(self);
    for (size_t i = 0, j = o->len; i + 1 < j; i++, j--) {
        byte t = o->items[i];
        o->items[i] = o->items[j - 1];
        o->items[j - 1] = t;
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(bytearray_reverse_obj, bytearray_reverse);

static py_obj_t bytearray_clear(py_obj_t self) {
    self_ba(self)->len = 0;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(bytearray_clear_obj, bytearray_clear);

static py_obj_t bytearray_copy(py_obj_t self) {
    py_obj_bytearray_t *o = self_ba(self);
    return py_obj_new_bytearray(o->len, o->items);
}
static PY_DEFINE_CONST_FUN_OBJ_1(bytearray_copy_obj, bytearray_copy);

static const py_map_elem_t bytearray_locals_table[] = {
    PY_STR_SHARED_METHODS,
    {PY_ROM_QSTR(PY_QSTR_append), PY_ROM_PTR(&bytearray_append_obj)},
    {PY_ROM_QSTR(PY_QSTR_clear), PY_ROM_PTR(&bytearray_clear_obj)},
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&bytearray_copy_obj)},
    {PY_ROM_QSTR(PY_QSTR_decode), PY_ROM_PTR(&py_str_decode_obj)},
    {PY_ROM_QSTR(PY_QSTR_extend), PY_ROM_PTR(&bytearray_extend_obj)},
    {PY_ROM_QSTR(PY_QSTR_fromhex), PY_ROM_PTR(&py_str_fromhex_obj)},
    {PY_ROM_QSTR(PY_QSTR_hex), PY_ROM_PTR(&py_str_hex_obj)},
    {PY_ROM_QSTR(PY_QSTR_insert), PY_ROM_PTR(&bytearray_insert_obj)},
    {PY_ROM_QSTR(PY_QSTR_pop), PY_ROM_PTR(&bytearray_pop_obj)},
    {PY_ROM_QSTR(PY_QSTR_remove), PY_ROM_PTR(&bytearray_remove_obj)},
    {PY_ROM_QSTR(PY_QSTR_reverse), PY_ROM_PTR(&bytearray_reverse_obj)},
};
static PY_DEFINE_CONST_DICT(bytearray_locals_dict, bytearray_locals_table);

const py_obj_type_t py_type_bytearray = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_bytearray,
    .print = bytearray_print,
    .make_new = bytearray_make_new,
    .unary_op = bytearray_unary_op,
    .binary_op = bytearray_binary_op,
    .subscr = bytearray_subscr,
    .getiter = bytearray_getiter,
    .buffer = bytearray_buffer,
    .locals_dict = (struct py_obj_dict *)&bytearray_locals_dict,
};
