// SPDX-License-Identifier: MIT
// objlist.c: the list type, its iterator, list.sort() and the sorted() builtin.

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

// Storage for the first items of a list that grows from empty.
#define LIST_MIN_ALLOC (4)

static inline bool is_list(py_obj_t o) {
    return py_obj_is_type(o, &py_type_list);
}

// ---- Storage ------------------------------------------------------------------------------------

static py_obj_list_t *list_new(size_t n) {
    py_obj_list_t *self = py_new_obj(py_obj_list_t, &py_type_list);
    if (n > 0) {
        if (n > SIZE_MAX / sizeof(py_obj_t)) {
            py_raise_MemoryError();
        }
        self->items = py_new(py_obj_t, n);
        self->alloc = n;
    }
    self->len = n;
    return self;
}

void py_list_reserve(py_obj_list_t *self, size_t n) {
    if (n <= self->alloc) {
        return;
    }
    if (n > SIZE_MAX / sizeof(py_obj_t) / 2) {
        py_raise_MemoryError();
    }
    // Grow by half again so that appends are amortised O(1).
    size_t new_alloc = self->alloc + self->alloc / 2;
    if (new_alloc < n) {
        new_alloc = n;
    }
    if (new_alloc < LIST_MIN_ALLOC) {
        new_alloc = LIST_MIN_ALLOC;
    }
    self->items = py_renew(py_obj_t, self->items, self->alloc, new_alloc);
    self->alloc = new_alloc;
}

// Gives back storage after the list shrank a lot, and clears the dropped slots so they do not
// keep objects alive.
static void list_shrunk(py_obj_list_t *self, size_t old_len) {
    if (old_len == self->len) {
        return; // nothing dropped (and [items] may be NULL)
    }
    memset(self->items + self->len, 0, (old_len - self->len) * sizeof(py_obj_t));
    if (self->alloc > 16 && self->len < self->alloc / 4) {
        size_t new_alloc = self->len * 2 < LIST_MIN_ALLOC ? LIST_MIN_ALLOC : self->len * 2;
        self->items = py_renew(py_obj_t, self->items, self->alloc, new_alloc);
        self->alloc = new_alloc;
    }
}

py_obj_t py_obj_new_list(size_t n, const py_obj_t *items) {
    py_obj_list_t *self = list_new(n);
    if (items != NULL && n > 0) {
        memcpy(self->items, items, n * sizeof(py_obj_t));
    }
    return PY_OBJ_FROM_PTR(self);
}

py_obj_t py_obj_list_append(py_obj_t self_in, py_obj_t item) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    if (PY_UNLIKELY(self->len >= self->alloc)) {
        py_list_reserve(self, self->len + 1);
    }
    self->items[self->len++] = item;
    return py_const_none;
}

// Appends [n] items at [items] (which may be [self]'s own storage).
static void list_extend_items(py_obj_list_t *self, size_t n, const py_obj_t *items) {
    if (n == 0) {
        return;
    }
    if (items == self->items) {
        // Extending a list by itself: the storage may move while growing.
        py_list_reserve(self, self->len + n);
        items = self->items;
    } else {
        py_list_reserve(self, self->len + n);
    }
    memmove(self->items + self->len, items, n * sizeof(py_obj_t));
    self->len += n;
}

void py_obj_list_extend(py_obj_t self_in, py_obj_t iterable) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    if (is_list(iterable) || py_obj_is_type(iterable, &py_type_tuple)) {
        size_t n;
        py_obj_t *items;
        py_obj_get_array(iterable, &n, &items);
        list_extend_items(self, n, items);
        return;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(iterable, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        py_obj_list_append(self_in, item);
    }
}

py_obj_t py_obj_list_from_iterable(py_obj_t iterable) {
    py_obj_t list = py_obj_new_list(0, NULL);
    py_obj_list_extend(list, iterable);
    return list;
}

// A subclass's instances hold a plain list as their native part, so [type] is not used.
static py_obj_t list_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                              const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    py_obj_list_t *self = list_new(0);
    if (n_args == 1) {
        py_obj_list_extend(PY_OBJ_FROM_PTR(self), args[0]);
    }
    return PY_OBJ_FROM_PTR(self);
}

// ---- Printing -----------------------------------------------------------------------------------

static void list_print_body(const py_print_t *print, py_obj_t self_in) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    py_print_strn(print, "[", 1);
    // Re-read the length each time: an item's __repr__ may change the list.
    for (size_t i = 0; i < self->len; i++) {
        if (i > 0) {
            py_print_strn(print, ", ", 2);
        }
        py_obj_print_helper(print, self->items[i], PY_PRINT_REPR);
    }
    py_print_strn(print, "]", 1);
}

static void list_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_print_guarded(print, self_in, "[...]", list_print_body);
}

// ---- Operators ----------------------------------------------------------------------------------

static py_obj_t list_unary_op(py_unary_op_t op, py_obj_t self_in) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(self->len != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(self->len);
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t list_repeat(py_obj_list_t *self, size_t copies) {
    py_obj_list_t *out = list_new(self->len * copies);
    py_seq_repeat_fill(out->items, self->items, self->len, copies);
    return PY_OBJ_FROM_PTR(out);
}

static py_obj_t list_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    py_obj_list_t *lhs = PY_OBJ_TO_PTR(lhs_in);
    switch (op) {
        case PY_BINARY_OP_ADD: {
            if (!is_list(rhs_in)) {
                return PY_OBJ_NULL;
            }
            py_obj_list_t *rhs = PY_OBJ_TO_PTR(rhs_in);
            py_obj_list_t *out = list_new(lhs->len + rhs->len);
            // Empty lists have no storage: copy only what exists.
            if (lhs->len > 0) {
                memcpy(out->items, lhs->items, lhs->len * sizeof(py_obj_t));
            }
            if (rhs->len > 0) {
                memcpy(out->items + lhs->len, rhs->items, rhs->len * sizeof(py_obj_t));
            }
            return PY_OBJ_FROM_PTR(out);
        }
        case PY_BINARY_OP_INPLACE_ADD:
            py_obj_list_extend(lhs_in, rhs_in);
            return lhs_in;
        case PY_BINARY_OP_MULTIPLY:
        case PY_BINARY_OP_REVERSE_MULTIPLY: {
            size_t copies;
            if (!py_seq_repeat_count(rhs_in, lhs->len, &copies)) {
                return PY_OBJ_NULL;
            }
            return list_repeat(lhs, copies);
        }
        case PY_BINARY_OP_INPLACE_MULTIPLY: {
            size_t copies;
            if (!py_seq_repeat_count(rhs_in, lhs->len, &copies)) {
                return PY_OBJ_NULL;
            }
            size_t old_len = lhs->len;
            if (copies == 0) {
                lhs->len = 0;
                list_shrunk(lhs, old_len);
            } else if (copies > 1) {
                py_list_reserve(lhs, old_len * copies);
                py_seq_repeat_fill(lhs->items + old_len, lhs->items, old_len, copies - 1);
                lhs->len = old_len * copies;
            }
            return lhs_in;
        }
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL:
            if (!is_list(rhs_in)) {
                return PY_OBJ_NULL;
            }
            return PY_OBJ_NEW_BOOL(py_seq_compare(op, lhs_in, rhs_in));
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(py_seq_contains(lhs_in, rhs_in));
        default:
            return PY_OBJ_NULL;
    }
}

// ---- Subscription -------------------------------------------------------------------------------

// Removes [count] items at start, start + step, ... (step > 0).
static void list_delete_slice(py_obj_list_t *self, const py_seq_slice_t *sl_in) {
    py_seq_slice_t sl = *sl_in;
    if (sl.count == 0) {
        return;
    }
    if (sl.step < 0) {
        sl.start += (intptr_t)(sl.count - 1) * sl.step;
        sl.step = -sl.step;
    }
    size_t old_len = self->len;
    size_t start = (size_t)sl.start;
    if (sl.step == 1) {
        memmove(self->items + start, self->items + start + sl.count,
                (old_len - start - sl.count) * sizeof(py_obj_t));
    } else {
        // Keep everything from start on that is not at start + k * step, in one pass.
        size_t dst = start, next_del = start, deleted = 0;
        for (size_t src = start; src < old_len; src++) {
            if (src == next_del && deleted < sl.count) {
                deleted++;
                next_del += (size_t)sl.step;
                continue;
            }
            self->items[dst++] = self->items[src];
        }
    }
    self->len = old_len - sl.count;
    list_shrunk(self, old_len);
}

// self[slice] = value, for any iterable [value].
static void list_assign_slice(py_obj_list_t *self, py_obj_t slice, py_obj_t value) {
    size_t n;
    py_obj_t *items;
    if (value == PY_OBJ_FROM_PTR(self) ||
        !(is_list(value) || py_obj_is_type(value, &py_type_tuple))) {
        // Take a snapshot first: the iterable may be the list itself or may look at it.
        value = py_obj_list_from_iterable(value);
    }
    py_obj_get_array(value, &n, &items);
    py_seq_slice_t sl;
    py_seq_slice_resolve(slice, self->len, &sl);
    if (sl.step != 1) {
        if (n != sl.count) {
            py_raise_msg_varg(&py_type_ValueError,
                              "attempt to assign sequence of size %u to extended slice of size %u",
                              (unsigned)n, (unsigned)sl.count);
        }
        intptr_t pos = sl.start;
        for (size_t i = 0; i < n; i++, pos += sl.step) {
            self->items[pos] = items[i];
        }
        return;
    }
    size_t start = (size_t)sl.start, old_len = self->len;
    size_t tail = old_len - start - sl.count; // items after the replaced part
    if (n > sl.count) {
        py_list_reserve(self, old_len + n - sl.count);
    }
    // Empty lists have no storage: move and copy only what exists.
    if (tail > 0) {
        memmove(self->items + start + n, self->items + start + sl.count, tail * sizeof(py_obj_t));
    }
    if (n > 0) {
        memcpy(self->items + start, items, n * sizeof(py_obj_t));
    }
    self->len = start + n + tail;
    if (self->len < old_len) {
        list_shrunk(self, old_len);
    }
}

static py_obj_t list_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    if (PY_LIKELY(PY_OBJ_IS_SMALL_INT(index))) {
        // The common case, without a call: a small in-range index.
        intptr_t i = PY_OBJ_SMALL_INT_VALUE(index);
        if (i < 0) {
            i += (intptr_t)self->len;
        }
        if (value == PY_OBJ_SENTINEL && i >= 0 && (size_t)i < self->len) {
            return self->items[i];
        }
    }
    if (py_obj_is_slice(index)) {
        if (value == PY_OBJ_SENTINEL) {
            py_seq_slice_t sl;
            py_seq_slice_resolve(index, self->len, &sl);
            py_obj_list_t *out = list_new(sl.count);
            py_seq_slice_copy(out->items, self->items, &sl);
            return PY_OBJ_FROM_PTR(out);
        }
        if (value == PY_OBJ_NULL) {
            py_seq_slice_t sl;
            py_seq_slice_resolve(index, self->len, &sl);
            list_delete_slice(self, &sl);
        } else {
            list_assign_slice(self, index, value);
        }
        return py_const_none;
    }
    size_t i = py_get_index(&py_type_list, self->len, index, false);
    if (value == PY_OBJ_SENTINEL) {
        return self->items[i];
    }
    if (value == PY_OBJ_NULL) {
        size_t old_len = self->len;
        memmove(self->items + i, self->items + i + 1, (old_len - i - 1) * sizeof(py_obj_t));
        self->len--;
        list_shrunk(self, old_len);
    } else {
        self->items[i] = value;
    }
    return py_const_none;
}

// ---- Iterator -----------------------------------------------------------------------------------

typedef struct list_iter {
    py_obj_base_t base;
    py_obj_list_t *list;
    size_t pos;
} list_iter_t;

static py_obj_t list_iter_next(py_obj_t self_in) {
    list_iter_t *self = PY_OBJ_TO_PTR(self_in);
    // The list may have changed since the last step: check against its current length.
    if (self->pos < self->list->len) {
        return self->list->items[self->pos++];
    }
    return PY_OBJ_STOP_ITERATION;
}

static const py_obj_type_t list_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_list_iterator,
    .getiter = py_getiter_self,
    .iternext = list_iter_next,
};

static py_obj_t list_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    _Static_assert(sizeof(list_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
    list_iter_t *it = iter_buf != NULL ? (list_iter_t *)iter_buf : py_new_obj(list_iter_t, NULL);
    it->base.type = &list_iter_type;
    it->list = PY_OBJ_TO_PTR(self);
    it->pos = 0;
    return PY_OBJ_FROM_PTR(it);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t list_append(py_obj_t self, py_obj_t item) {
    return py_obj_list_append(self, item);
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_append_obj, list_append);

static py_obj_t list_extend(py_obj_t self, py_obj_t iterable) {
    py_obj_list_extend(self, iterable);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_extend_obj, list_extend);

static py_obj_t list_insert(py_obj_t self_in, py_obj_t index, py_obj_t item) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    intptr_t i = py_slice_index_value(index);
    intptr_t len = (intptr_t)self->len;
    if (i < 0) {
        i = i + len < 0 ? 0 : i + len;
    } else if (i > len) {
        i = len;
    }
    py_list_reserve(self, self->len + 1);
    memmove(self->items + i + 1, self->items + i, (self->len - (size_t)i) * sizeof(py_obj_t));
    self->items[i] = item;
    self->len++;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(list_insert_obj, list_insert);

static py_obj_t list_pop(size_t n_args, const py_obj_t *args) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(args[0]);
    if (self->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from empty list");
    }
    size_t i = self->len - 1;
    if (n_args > 1) {
        i = py_get_index(&py_type_list, self->len, args[1], false);
    }
    py_obj_t item = self->items[i];
    size_t old_len = self->len;
    memmove(self->items + i, self->items + i + 1, (old_len - i - 1) * sizeof(py_obj_t));
    self->len--;
    list_shrunk(self, old_len);
    return item;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(list_pop_obj, 1, 2, list_pop);

static py_obj_t list_remove(py_obj_t self_in, py_obj_t value) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    size_t i = py_seq_index(self_in, 1, &value);
    size_t old_len = self->len;
    if (i >= old_len) {
        return py_const_none; // an __eq__ shortened the list under us
    }
    memmove(self->items + i, self->items + i + 1, (old_len - i - 1) * sizeof(py_obj_t));
    self->len--;
    list_shrunk(self, old_len);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_remove_obj, list_remove);

static py_obj_t list_index(size_t n_args, const py_obj_t *args) {
    return py_obj_new_int_from_uint(py_seq_index(args[0], n_args - 1, args + 1));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(list_index_obj, 2, 4, list_index);

static py_obj_t list_count(py_obj_t self, py_obj_t value) {
    return py_obj_new_int_from_uint(py_seq_count(self, value));
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_count_obj, list_count);

static py_obj_t list_reverse(py_obj_t self_in) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    for (size_t lo = 0, hi = self->len; lo + 1 < hi; lo++, hi--) {
        py_obj_t t = self->items[lo];
        self->items[lo] = self->items[hi - 1];
        self->items[hi - 1] = t;
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(list_reverse_obj, list_reverse);

static py_obj_t list_clear(py_obj_t self_in) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    py_free(self->items);
    self->items = NULL;
    self->len = 0;
    self->alloc = 0;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(list_clear_obj, list_clear);

static py_obj_t list_copy(py_obj_t self_in) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    return py_obj_new_list(self->len, self->items);
}
static PY_DEFINE_CONST_FUN_OBJ_1(list_copy_obj, list_copy);

void py_list_sort(py_obj_t self_in, py_obj_t key, bool reverse) {
    py_obj_list_t *self = PY_OBJ_TO_PTR(self_in);
    // The list looks empty while it is sorted, so key functions and comparisons that touch it
    // cannot disturb the items being moved; what they did is detected afterwards.
    py_obj_t *items = self->items;
    size_t len = self->len, alloc = self->alloc;
    self->items = NULL;
    self->len = 0;
    self->alloc = 0;
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_sort(items, len, key, reverse);
        py_nlr_pop();
    } else {
        self->items = items;
        self->len = len;
        self->alloc = alloc;
        py_nlr_jump(nlr.ret_val);
    }
    bool modified = self->items != NULL || self->len != 0;
    self->items = items;
    self->len = len;
    self->alloc = alloc;
    if (modified) {
        py_raise_ValueError("list modified during sort");
    }
}

static const py_arg_t sort_args[] = {
    {PY_QSTR_key, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    {PY_QSTR_reverse, PY_ARG_KW_ONLY | PY_ARG_BOOL, {.u_bool = false}},
};

static py_obj_t list_sort(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    py_arg_val_t vals[PY_ARRAY_SIZE(sort_args)];
    py_arg_parse_all(n_args - 1, args + 1, kw_args, PY_ARRAY_SIZE(sort_args), sort_args, vals);
    py_list_sort(args[0], vals[0].u_obj, vals[1].u_bool);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(list_sort_obj, 1, list_sort);

// sorted(iterable, /, *, key=None, reverse=False)
static py_obj_t builtin_sorted(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    if (n_args != 1) {
        py_raise_msg_varg(&py_type_TypeError, "sorted expected 1 argument, got %u",
                          (unsigned)n_args);
    }
    py_arg_val_t vals[PY_ARRAY_SIZE(sort_args)];
    py_arg_parse_all(0, NULL, kw_args, PY_ARRAY_SIZE(sort_args), sort_args, vals);
    py_obj_t list = py_obj_list_from_iterable(args[0]);
    py_list_sort(list, vals[0].u_obj, vals[1].u_bool);
    return list;
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_sorted_obj, 1, builtin_sorted);

// The dunders subclasses reach through super().
static py_obj_t list_init(size_t n_args, const py_obj_t *args) {
    list_clear(args[0]);
    if (n_args == 2) {
        py_obj_list_extend(args[0], args[1]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(list_init_obj, 1, 2, list_init);

static py_obj_t list_getitem(py_obj_t self, py_obj_t index) {
    return list_subscr(self, index, PY_OBJ_SENTINEL);
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_getitem_obj, list_getitem);

static py_obj_t list_setitem(py_obj_t self, py_obj_t index, py_obj_t value) {
    return list_subscr(self, index, value);
}
static PY_DEFINE_CONST_FUN_OBJ_3(list_setitem_obj, list_setitem);

static py_obj_t list_delitem(py_obj_t self, py_obj_t index) {
    return list_subscr(self, index, PY_OBJ_NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_2(list_delitem_obj, list_delitem);

static const py_map_elem_t list_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___delitem__), PY_ROM_PTR(&list_delitem_obj)},
    {PY_ROM_QSTR(PY_QSTR___getitem__), PY_ROM_PTR(&list_getitem_obj)},
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&list_init_obj)},
    {PY_ROM_QSTR(PY_QSTR___setitem__), PY_ROM_PTR(&list_setitem_obj)},
    {PY_ROM_QSTR(PY_QSTR_append), PY_ROM_PTR(&list_append_obj)},
    {PY_ROM_QSTR(PY_QSTR_clear), PY_ROM_PTR(&list_clear_obj)},
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&list_copy_obj)},
    {PY_ROM_QSTR(PY_QSTR_count), PY_ROM_PTR(&list_count_obj)},
    {PY_ROM_QSTR(PY_QSTR_extend), PY_ROM_PTR(&list_extend_obj)},
    {PY_ROM_QSTR(PY_QSTR_index), PY_ROM_PTR(&list_index_obj)},
    {PY_ROM_QSTR(PY_QSTR_insert), PY_ROM_PTR(&list_insert_obj)},
    {PY_ROM_QSTR(PY_QSTR_pop), PY_ROM_PTR(&list_pop_obj)},
    {PY_ROM_QSTR(PY_QSTR_remove), PY_ROM_PTR(&list_remove_obj)},
    {PY_ROM_QSTR(PY_QSTR_reverse), PY_ROM_PTR(&list_reverse_obj)},
    {PY_ROM_QSTR(PY_QSTR_sort), PY_ROM_PTR(&list_sort_obj)},
};
static PY_DEFINE_CONST_DICT(list_locals_dict, list_locals_table);

const py_obj_type_t py_type_list = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_list,
    .print = list_print,
    .make_new = list_make_new,
    .unary_op = list_unary_op,
    .binary_op = list_binary_op,
    .subscr = list_subscr,
    .getiter = list_getiter,
    .locals_dict = (py_obj_dict_t *)&list_locals_dict,
};
