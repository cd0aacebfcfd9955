// SPDX-License-Identifier: MIT
// objiter.c: iterator builtins (enumerate, zip, map, filter, reversed), the iterator for objects
// that only have __getitem__, and the reducing builtins min, max, sum, any and all.

#include "builtin.h"
#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

// map() of this many iterables or fewer passes the arguments from the C stack.
#define MAP_STACK_ARGS (4)

// n + 1, with a small-int fast path for counting.
static inline py_obj_t int_add_one(py_obj_t n) {
    if (PY_OBJ_IS_SMALL_INT(n) && PY_OBJ_SMALL_INT_VALUE(n) < PY_SMALL_INT_MAX) {
        return PY_OBJ_NEW_SMALL_INT(PY_OBJ_SMALL_INT_VALUE(n) + 1);
    }
    return py_binary_op(PY_BINARY_OP_ADD, n, PY_OBJ_NEW_SMALL_INT(1));
}

static PY_NORETURN void raise_bad_keyword(qstr name, const char *fun) {
    py_raise_msg_varg(&py_type_TypeError, "'%q' is an invalid keyword argument for %s()", name,
                      fun);
}

// ---- enumerate ----------------------------------------------------------------------------------

typedef struct enumerate_obj {
    py_obj_base_t base;
    py_obj_t iter;
    py_obj_t count;
} enumerate_obj_t;

static py_obj_t enumerate_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                   const py_obj_t *args) {
    (void)type;
    py_obj_t iterable = PY_OBJ_NULL, start = PY_OBJ_NEW_SMALL_INT(0);
    if (n_args > 2) {
        py_raise_msg_varg(&py_type_TypeError, "enumerate() takes at most 2 arguments (%u given)",
                          (unsigned)(n_args + n_kw));
    }
    if (n_args >= 1) {
        iterable = args[0];
    }
    if (n_args == 2) {
        start = args[1];
    }
    for (size_t i = 0; i < n_kw; i++) {
        qstr name = PY_OBJ_QSTR_VALUE(args[n_args + 2 * i]);
        if (name == PY_QSTR_start) {
            start = args[n_args + 2 * i + 1];
        } else if (name == PY_QSTR_iterable) {
            iterable = args[n_args + 2 * i + 1];
        } else {
            raise_bad_keyword(name, "enumerate");
        }
    }
    if (iterable == PY_OBJ_NULL) {
        py_raise_TypeError("enumerate() missing required argument 'iterable' (pos 1)");
    }
    if (!py_obj_is_int(start)) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                          py_obj_get_type_str(start));
    }
    enumerate_obj_t *self = py_new_obj(enumerate_obj_t, &py_type_enumerate);
    self->iter = py_getiter(iterable, NULL);
    self->count = start == py_const_true    ? PY_OBJ_NEW_SMALL_INT(1)
                  : start == py_const_false ? PY_OBJ_NEW_SMALL_INT(0)
                                            : start;
    return PY_OBJ_FROM_PTR(self);
}

static py_obj_t enumerate_iternext(py_obj_t self_in) {
    enumerate_obj_t *self = PY_OBJ_TO_PTR(self_in);
    py_obj_t item = py_iternext(self->iter);
    if (item == PY_OBJ_STOP_ITERATION) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_obj_t pair[2] = {self->count, item};
    self->count = int_add_one(self->count);
    return py_obj_new_tuple(2, pair);
}

const py_obj_type_t py_type_enumerate = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_enumerate,
    .make_new = enumerate_make_new,
    .getiter = py_getiter_self,
    .iternext = enumerate_iternext,
};

// ---- zip ----------------------------------------------------------------------------------------

typedef struct zip_obj {
    py_obj_base_t base;
    size_t n;
    bool strict;
    bool done;
    py_obj_t iters[];
} zip_obj_t;

static py_obj_t zip_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    bool strict = false;
    for (size_t i = 0; i < n_kw; i++) {
        qstr name = PY_OBJ_QSTR_VALUE(args[n_args + 2 * i]);
        if (name != PY_QSTR_strict) {
            raise_bad_keyword(name, "zip");
        }
        strict = py_obj_is_true(args[n_args + 2 * i + 1]);
    }
    zip_obj_t *self = py_new_obj_var(zip_obj_t, n_args * sizeof(py_obj_t), &py_type_zip);
    self->n = n_args;
    self->strict = strict;
    for (size_t i = 0; i < n_args; i++) {
        self->iters[i] = py_getiter(args[i], NULL);
    }
    return PY_OBJ_FROM_PTR(self);
}

// zip(strict=True) found iterator [i] exhausted (i > 0), or the first exhausted and a later one
// not: either way the lengths differ.
static PY_NORETURN void zip_raise_strict(size_t i, bool shorter) {
    if (i == 1) {
        py_raise_msg_varg(&py_type_ValueError, "zip() argument 2 is %s than argument 1",
                          shorter ? "shorter" : "longer");
    }
    py_raise_msg_varg(&py_type_ValueError, "zip() argument %u is %s than arguments 1-%u",
                      (unsigned)(i + 1), shorter ? "shorter" : "longer", (unsigned)i);
}

static py_obj_t zip_iternext(py_obj_t self_in) {
    zip_obj_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->n == 0 || self->done) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(self->n, NULL));
    for (size_t i = 0; i < self->n; i++) {
        py_obj_t item = py_iternext(self->iters[i]);
        if (item == PY_OBJ_STOP_ITERATION) {
            self->done = true;
            if (self->strict) {
                if (i > 0) {
                    zip_raise_strict(i, true);
                }
                for (size_t j = 1; j < self->n; j++) {
                    if (py_iternext(self->iters[j]) != PY_OBJ_STOP_ITERATION) {
                        zip_raise_strict(j, false);
                    }
                }
            }
            return PY_OBJ_STOP_ITERATION;
        }
        t->items[i] = item;
    }
    return PY_OBJ_FROM_PTR(t);
}

const py_obj_type_t py_type_zip = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_zip,
    .make_new = zip_make_new,
    .getiter = py_getiter_self,
    .iternext = zip_iternext,
};

// ---- map ----------------------------------------------------------------------------------------

typedef struct map_obj {
    py_obj_base_t base;
    py_obj_t fun;
    size_t n;
    py_obj_t iters[];
} map_obj_t;

static py_obj_t map_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 2, PY_FUN_ARGS_MAX, false);
    map_obj_t *self = py_new_obj_var(map_obj_t, (n_args - 1) * sizeof(py_obj_t), &py_type_map);
    self->fun = args[0];
    self->n = n_args - 1;
    for (size_t i = 0; i < self->n; i++) {
        self->iters[i] = py_getiter(args[i + 1], NULL);
    }
    return PY_OBJ_FROM_PTR(self);
}

static py_obj_t map_iternext(py_obj_t self_in) {
    map_obj_t *self = PY_OBJ_TO_PTR(self_in);
    py_obj_t stack_args[MAP_STACK_ARGS];
    py_obj_t *fun_args = stack_args;
    if (self->n > MAP_STACK_ARGS) {
        fun_args = py_new(py_obj_t, self->n);
    }
    for (size_t i = 0; i < self->n; i++) {
        fun_args[i] = py_iternext(self->iters[i]);
        if (fun_args[i] == PY_OBJ_STOP_ITERATION) {
            return PY_OBJ_STOP_ITERATION;
        }
    }
    return py_call_function_n_kw(self->fun, self->n, 0, fun_args);
}

const py_obj_type_t py_type_map = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_map,
    .make_new = map_make_new,
    .getiter = py_getiter_self,
    .iternext = map_iternext,
};

// ---- filter -------------------------------------------------------------------------------------

typedef struct filter_obj {
    py_obj_base_t base;
    py_obj_t fun; // None keeps the true items
    py_obj_t iter;
} filter_obj_t;

static py_obj_t filter_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 2, 2, false);
    filter_obj_t *self = py_new_obj(filter_obj_t, &py_type_filter);
    self->fun = args[0];
    self->iter = py_getiter(args[1], NULL);
    return PY_OBJ_FROM_PTR(self);
}

static py_obj_t filter_iternext(py_obj_t self_in) {
    filter_obj_t *self = PY_OBJ_TO_PTR(self_in);
    for (;;) {
        py_obj_t item = py_iternext(self->iter);
        if (item == PY_OBJ_STOP_ITERATION) {
            return PY_OBJ_STOP_ITERATION;
        }
        py_obj_t test = self->fun == py_const_none ? item : py_call_function_1(self->fun, item);
        if (py_obj_is_true(test)) {
            return item;
        }
    }
}

const py_obj_type_t py_type_filter = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_filter,
    .make_new = filter_make_new,
    .getiter = py_getiter_self,
    .iternext = filter_iternext,
};

// ---- reversed -----------------------------------------------------------------------------------

// Walks a sequence backwards: [pos] is one past the next index.
typedef struct reversed_obj {
    py_obj_base_t base;
    py_obj_t seq;
    size_t pos;
} reversed_obj_t;

// Lists and tuples: straight from the items array (which a list may have shrunk meanwhile).
static py_obj_t seq_reversed_iternext(py_obj_t self_in) {
    reversed_obj_t *self = PY_OBJ_TO_PTR(self_in);
    size_t len;
    py_obj_t *items;
    py_obj_get_array(self->seq, &len, &items);
    if (self->pos == 0 || self->pos > len) {
        self->pos = 0;
        return PY_OBJ_STOP_ITERATION;
    }
    return items[--self->pos];
}

static const py_obj_type_t seq_reversed_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_list_reverseiterator,
    .getiter = py_getiter_self,
    .iternext = seq_reversed_iternext,
};

// Anything else with __len__ and __getitem__.
static py_obj_t reversed_iternext(py_obj_t self_in) {
    reversed_obj_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->pos == 0) {
        return PY_OBJ_STOP_ITERATION;
    }
    self->pos--;
    return py_obj_subscr(self->seq, py_obj_new_int_from_uint(self->pos), PY_OBJ_SENTINEL);
}

// Does [o] support subscription (a __getitem__ for classes made by `class`)?
static bool has_getitem(py_obj_t o) {
    if (py_obj_is_heap_instance(o)) {
        py_obj_t dest[2];
        py_load_method_maybe(o, PY_QSTR___getitem__, dest);
        return dest[0] != PY_OBJ_NULL;
    }
    return py_obj_get_type(o)->subscr != NULL;
}

static py_obj_t reversed_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                  const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 1, 1, false);
    py_obj_t seq = args[0];
    if (py_obj_is_type(seq, &py_type_list) || py_obj_is_type(seq, &py_type_tuple)) {
        reversed_obj_t *self = py_new_obj(reversed_obj_t, &seq_reversed_type);
        py_obj_t *items;
        self->seq = seq;
        py_obj_get_array(seq, &self->pos, &items);
        return PY_OBJ_FROM_PTR(self);
    }
    if (py_obj_is_type(seq, &py_type_range)) {
        return py_range_reversed(seq);
    }
    if (py_obj_is_dict_like(seq)) {
        return py_dict_reversed(seq);
    }
    if (py_obj_is_heap_instance(seq)) {
        py_obj_t dest[2];
        py_load_method_maybe(seq, PY_QSTR___reversed__, dest);
        if (dest[0] != PY_OBJ_NULL) {
            return py_call_method_n_kw(0, 0, dest);
        }
    }
    py_obj_t len = has_getitem(seq) ? py_obj_len_maybe(seq) : PY_OBJ_NULL;
    if (len == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError, "'%s' object is not reversible",
                          py_obj_get_type_str(seq));
    }
    reversed_obj_t *self = py_new_obj(reversed_obj_t, &py_type_reversed);
    self->seq = seq;
    self->pos = (size_t)py_obj_get_int(len);
    return PY_OBJ_FROM_PTR(self);
}

const py_obj_type_t py_type_reversed = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_reversed,
    .make_new = reversed_make_new,
    .getiter = py_getiter_self,
    .iternext = reversed_iternext,
};

// ---- The __getitem__ iterator -------------------------------------------------------------------

typedef struct getitem_iter {
    py_obj_base_t base;
    py_obj_t obj; // PY_OBJ_NULL once exhausted
    size_t index;
} getitem_iter_t;

static py_obj_t getitem_iternext(py_obj_t self_in) {
    getitem_iter_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->obj == PY_OBJ_NULL) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t value =
            py_obj_subscr(self->obj, py_obj_new_int_from_uint(self->index), PY_OBJ_SENTINEL);
        py_nlr_pop();
        self->index++;
        return value;
    }
    // IndexError (or StopIteration) ends the sequence; anything else propagates.
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_IndexError)) ||
        py_obj_exception_match(exc, PY_OBJ_FROM_PTR(&py_type_StopIteration))) {
        self->obj = PY_OBJ_NULL;
        return PY_OBJ_STOP_ITERATION;
    }
    py_nlr_jump(nlr.ret_val);
}

static const py_obj_type_t getitem_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_iterator,
    .getiter = py_getiter_self,
    .iternext = getitem_iternext,
};

py_obj_t py_obj_new_getitem_iter(py_obj_t obj, py_obj_iter_buf_t *iter_buf) {
    _Static_assert(sizeof(getitem_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
    getitem_iter_t *it =
        iter_buf != NULL ? (getitem_iter_t *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
    it->base.type = &getitem_iter_type;
    it->obj = obj;
    it->index = 0;
    return PY_OBJ_FROM_PTR(it);
}

// ---- min and max --------------------------------------------------------------------------------

static const py_arg_t min_max_args[] = {
    {PY_QSTR_key, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    {PY_QSTR_default, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
};

// Is [a] strictly better than [b] for [op] (LESS for min, MORE for max)?
static bool better(py_binary_op_t op, py_obj_t a, py_obj_t b) {
    if (PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b)) {
        return op == PY_BINARY_OP_LESS ? (intptr_t)a < (intptr_t)b : (intptr_t)a > (intptr_t)b;
    }
    return py_obj_is_true(py_binary_op(op, a, b));
}

static py_obj_t min_max(size_t n_args, const py_obj_t *args, py_map_t *kw_args, py_binary_op_t op,
                        const char *name) {
    py_arg_val_t vals[PY_ARRAY_SIZE(min_max_args)];
    py_arg_parse_all(0, NULL, kw_args, PY_ARRAY_SIZE(min_max_args), min_max_args, vals);
    py_obj_t key = vals[0].u_obj == py_const_none ? PY_OBJ_NULL : vals[0].u_obj;
    py_obj_t defval = vals[1].u_obj;
    if (n_args > 1 && defval != PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError,
                          "Cannot specify a default for %s() with multiple positional arguments",
                          name);
    }
    py_obj_t best = PY_OBJ_NULL, best_key = PY_OBJ_NULL;
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = n_args == 1 ? py_getiter(args[0], &iter_buf)
                              : py_getiter(py_obj_new_tuple(n_args, args), &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        py_obj_t k = key == PY_OBJ_NULL ? item : py_call_function_1(key, item);
        if (best == PY_OBJ_NULL || better(op, k, best_key)) {
            best = item;
            best_key = k;
        }
    }
    if (best == PY_OBJ_NULL) {
        if (defval != PY_OBJ_NULL) {
            return defval;
        }
        py_raise_msg_varg(&py_type_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
}

static py_obj_t builtin_min(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    return min_max(n_args, args, kw_args, PY_BINARY_OP_LESS, "min");
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_min_obj, 1, builtin_min);

static py_obj_t builtin_max(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    return min_max(n_args, args, kw_args, PY_BINARY_OP_MORE, "max");
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_max_obj, 1, builtin_max);

// ---- sum, any, all ------------------------------------------------------------------------------

static const py_arg_t sum_args[] = {
    {PY_QSTR_start, PY_ARG_OBJ, {.u_obj = PY_OBJ_NEW_SMALL_INT(0)}},
};

static py_obj_t builtin_sum(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    py_arg_val_t vals[PY_ARRAY_SIZE(sum_args)];
    py_arg_parse_all(n_args - 1, args + 1, kw_args, PY_ARRAY_SIZE(sum_args), sum_args, vals);
    py_obj_t acc = vals[0].u_obj;
    if (py_obj_is_str(acc)) {
        py_raise_TypeError("sum() can't sum strings [use ''.join(seq) instead]");
    }
    if (py_obj_is_type(acc, &py_type_bytes) || py_obj_is_type(acc, &py_type_bytearray)) {
        py_raise_TypeError("sum() can't sum bytes [use b''.join(seq) instead]");
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(args[0], &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (PY_OBJ_IS_SMALL_INT(acc) && PY_OBJ_IS_SMALL_INT(item)) {
            // Two small ints never overflow a C intptr_t when added.
            intptr_t s = PY_OBJ_SMALL_INT_VALUE(acc) + PY_OBJ_SMALL_INT_VALUE(item);
            acc = PY_SMALL_INT_FITS(s) ? PY_OBJ_NEW_SMALL_INT(s) : py_obj_new_int(s);
        } else {
            acc = py_binary_op(PY_BINARY_OP_ADD, acc, item);
        }
    }
    return acc;
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin_sum_obj, 1, builtin_sum);

static py_obj_t any_all(py_obj_t iterable, bool want) {
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(iterable, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (py_obj_is_true(item) == want) {
            return PY_OBJ_NEW_BOOL(want);
        }
    }
    return PY_OBJ_NEW_BOOL(!want);
}

static py_obj_t builtin_any(py_obj_t iterable) {
    return any_all(iterable, true);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_any_obj, builtin_any);

static py_obj_t builtin_all(py_obj_t iterable) {
    return any_all(iterable, false);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_all_obj, builtin_all);
