// SPDX-License-Identifier: MIT
// objdict.c: the dict type, its views (keys, values, items) and their iterators.
//
// A dict is a py_map_t (map.c) in an object: insertion-ordered, O(1) lookups once it has more
// than a few entries. Iterators remember the dict's size when they start and raise RuntimeError
// if it changes, as CPython does.

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "objtype.h"
#include "runtime.h"

typedef enum {
    DICT_KIND_KEYS,
    DICT_KIND_VALUES,
    DICT_KIND_ITEMS,
} dict_kind_t;

static inline bool is_dict(py_const_obj_t o) {
    return py_obj_is_type(o, &py_type_dict);
}

// The dict behind [o]: a dict, or an instance of a dict subclass; NULL otherwise.
static py_obj_dict_t *as_dict(py_obj_t o) {
    if (is_dict(o)) {
        return PY_OBJ_TO_PTR(o);
    }
    if (py_obj_is_heap_instance(o)) {
        py_obj_t native = py_instance_native(o);
        if (native != PY_OBJ_NULL && is_dict(native)) {
            return PY_OBJ_TO_PTR(native);
        }
    }
    return NULL;
}

static PY_NORETURN void raise_key_error(py_obj_t key) {
    py_raise(py_obj_new_exception_arg1(&py_type_KeyError, key));
}

static void check_writable(py_obj_dict_t *d) {
    if (d->map.is_fixed) {
        py_raise_TypeError("dict is read-only");
    }
}

// ---- The objects.h interface --------------------------------------------------------------------

py_obj_t py_obj_new_dict(size_t n) {
    py_obj_dict_t *d = py_new_obj(py_obj_dict_t, &py_type_dict);
    py_map_init(&d->map, n);
    return PY_OBJ_FROM_PTR(d);
}

void py_obj_dict_store(py_obj_t self_in, py_obj_t key, py_obj_t value) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_lookup(&self->map, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
}

void py_obj_dict_delete(py_obj_t self_in, py_obj_t key) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    if (!py_map_remove(&self->map, key, NULL)) {
        raise_key_error(key);
    }
}

py_obj_t py_obj_dict_get(py_obj_t self_in, py_obj_t key) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_elem_t *e = py_map_lookup(&self->map, key, PY_MAP_LOOKUP);
    return e != NULL ? e->value : PY_OBJ_NULL;
}

py_map_t *py_obj_dict_get_map(py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    return &self->map;
}

size_t py_obj_dict_len(py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    return self->map.used;
}

static py_obj_t dict_copy_of(py_obj_dict_t *src) {
    py_obj_t d = py_obj_new_dict(src->map.used);
    py_map_update(py_obj_dict_get_map(d), &src->map);
    return d;
}

void py_dict_update_from(py_obj_t self, py_obj_t arg) {
    py_obj_dict_t *src = as_dict(arg);
    if (src != NULL) {
        py_map_update(py_obj_dict_get_map(self), &src->map);
        return;
    }
    py_obj_t dest[2];
    py_load_method_maybe(arg, PY_QSTR_keys, dest);
    if (dest[0] != PY_OBJ_NULL) {
        // A mapping: anything with keys() and subscription.
        py_obj_t keys = py_call_method_n_kw(0, 0, dest);
        py_obj_iter_buf_t iter_buf;
        py_obj_t it = py_getiter(keys, &iter_buf);
        for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
            py_obj_dict_store(self, k, py_obj_subscr(arg, k, PY_OBJ_SENTINEL));
        }
        return;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(arg, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        py_obj_t kv[2];
        py_unpack_sequence(item, 2, kv);
        py_obj_dict_store(self, kv[0], kv[1]);
    }
}

// Stores the [n_kw] (name, value) pairs at [kw].
static void dict_store_kw_pairs(py_obj_t self, size_t n_kw, const py_obj_t *kw) {
    for (size_t i = 0; i < n_kw; i++) {
        py_obj_dict_store(self, kw[2 * i], kw[2 * i + 1]);
    }
}

static py_obj_t dict_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                              const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, true);
    py_obj_t d = py_obj_new_dict(n_kw);
    if (n_args == 1) {
        py_dict_update_from(d, args[0]);
    }
    dict_store_kw_pairs(d, n_kw, args + n_args);
    return d;
}

// ---- Printing -----------------------------------------------------------------------------------

static void dict_print_body(const py_print_t *print, py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    py_print_strn(print, "{", 1);
    bool first = true;
    // Re-read the table each step: a __repr__ may change the dict.
    for (size_t i = 0; i < self->map.filled; i++) {
        py_map_elem_t e = self->map.table[i];
        if (e.key == PY_OBJ_NULL) {
            continue;
        }
        if (!first) {
            py_print_strn(print, ", ", 2);
        }
        first = false;
        py_obj_print_helper(print, e.key, PY_PRINT_REPR);
        py_print_strn(print, ": ", 2);
        py_obj_print_helper(print, e.value, PY_PRINT_REPR);
    }
    py_print_strn(print, "}", 1);
}

static void dict_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_print_guarded(print, self_in, "{...}", dict_print_body);
}

// ---- Operators ----------------------------------------------------------------------------------

static py_obj_t dict_unary_op(py_unary_op_t op, py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(self->map.used != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(self->map.used);
        default:
            return PY_OBJ_NULL;
    }
}

static bool dict_equal(py_obj_dict_t *a, py_obj_dict_t *b) {
    if (a == b) {
        return true;
    }
    if (a->map.used != b->map.used) {
        return false;
    }
    for (size_t i = 0; i < a->map.filled; i++) {
        py_map_elem_t e = a->map.table[i];
        if (e.key == PY_OBJ_NULL) {
            continue;
        }
        py_map_elem_t *other = py_map_lookup(&b->map, e.key, PY_MAP_LOOKUP);
        if (other == NULL || !py_obj_equal(e.value, other->value)) {
            return false;
        }
    }
    return true;
}

static py_obj_t dict_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    py_obj_dict_t *lhs = PY_OBJ_TO_PTR(lhs_in);
    switch (op) {
        case PY_BINARY_OP_CONTAINS:
            return PY_OBJ_NEW_BOOL(py_map_lookup(&lhs->map, rhs_in, PY_MAP_LOOKUP) != NULL);
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL: {
            py_obj_dict_t *rhs = as_dict(rhs_in);
            if (rhs == NULL) {
                return PY_OBJ_NULL;
            }
            return PY_OBJ_NEW_BOOL(dict_equal(lhs, rhs) == (op == PY_BINARY_OP_EQUAL));
        }
        case PY_BINARY_OP_OR: {
            py_obj_dict_t *rhs = as_dict(rhs_in);
            if (rhs == NULL) {
                return PY_OBJ_NULL;
            }
            py_obj_t d = dict_copy_of(lhs);
            py_map_update(py_obj_dict_get_map(d), &rhs->map);
            return d;
        }
        case PY_BINARY_OP_REVERSE_OR: {
            // other | self where other is a dict subclass instance the runtime unwrapped.
            py_obj_dict_t *rhs = as_dict(rhs_in);
            if (rhs == NULL) {
                return PY_OBJ_NULL;
            }
            py_obj_t d = dict_copy_of(rhs);
            py_map_update(py_obj_dict_get_map(d), &lhs->map);
            return d;
        }
        case PY_BINARY_OP_INPLACE_OR:
            check_writable(lhs);
            py_dict_update_from(lhs_in, rhs_in);
            return lhs_in;
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t dict_subscr(py_obj_t self_in, py_obj_t index, py_obj_t value) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    if (value == PY_OBJ_SENTINEL) {
        py_map_elem_t *e = py_map_lookup(&self->map, index, PY_MAP_LOOKUP);
        if (e == NULL) {
            raise_key_error(index);
        }
        return e->value;
    }
    if (value == PY_OBJ_NULL) {
        py_obj_dict_delete(self_in, index);
    } else {
        py_obj_dict_store(self_in, index, value);
    }
    return py_const_none;
}

// ---- Iterators ----------------------------------------------------------------------------------

typedef struct dict_iter {
    py_obj_base_t base;
    py_obj_dict_t *dict;
    size_t pos;  // next table slot; for reverse iterators, one past it
    size_t used; // the dict's size when iteration began
} dict_iter_t;

_Static_assert(sizeof(dict_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");

static py_obj_t dict_iter_next(py_obj_t self_in);
static py_obj_t dict_rev_iter_next(py_obj_t self_in);

// Indexed by dict_kind_t, then the same for reverse iteration.
static const py_obj_type_t dict_iter_types[6] = {
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_keyiterator,
     .getiter = py_getiter_self,
     .iternext = dict_iter_next},
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_valueiterator,
     .getiter = py_getiter_self,
     .iternext = dict_iter_next},
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_itemiterator,
     .getiter = py_getiter_self,
     .iternext = dict_iter_next},
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_reversekeyiterator,
     .getiter = py_getiter_self,
     .iternext = dict_rev_iter_next},
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_reversevalueiterator,
     .getiter = py_getiter_self,
     .iternext = dict_rev_iter_next},
    {{&py_type_type},
     PY_TYPE_FLAG_ITER_IS_SELF,
     PY_QSTR_dict_reverseitemiterator,
     .getiter = py_getiter_self,
     .iternext = dict_rev_iter_next},
};

static py_obj_t dict_iter_new(py_obj_dict_t *d, dict_kind_t kind, bool reverse,
                              py_obj_iter_buf_t *iter_buf) {
    dict_iter_t *it =
        iter_buf != NULL ? (dict_iter_t *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
    it->base.type = &dict_iter_types[kind + (reverse ? 3 : 0)];
    it->dict = d;
    it->pos = reverse ? d->map.filled : 0;
    it->used = d->map.used;
    return PY_OBJ_FROM_PTR(it);
}

static py_obj_t dict_iter_yield(dict_iter_t *it, const py_map_elem_t *e) {
    switch ((it->base.type - dict_iter_types) % 3) {
        case DICT_KIND_KEYS:
            return e->key;
        case DICT_KIND_VALUES:
            return e->value;
        default: {
            py_obj_t kv[2] = {e->key, e->value};
            return py_obj_new_tuple(2, kv);
        }
    }
}

static void dict_iter_check(dict_iter_t *it) {
    if (it->dict->map.used != it->used) {
        it->used = it->dict->map.used; // raise once, not on every later call
        py_raise_msg(&py_type_RuntimeError, "dictionary changed size during iteration");
    }
}

static py_obj_t dict_iter_next(py_obj_t self_in) {
    dict_iter_t *it = PY_OBJ_TO_PTR(self_in);
    dict_iter_check(it);
    const py_map_t *map = &it->dict->map;
    while (it->pos < map->filled) {
        const py_map_elem_t *e = &map->table[it->pos++];
        if (e->key != PY_OBJ_NULL) {
            return dict_iter_yield(it, e);
        }
    }
    return PY_OBJ_STOP_ITERATION;
}

static py_obj_t dict_rev_iter_next(py_obj_t self_in) {
    dict_iter_t *it = PY_OBJ_TO_PTR(self_in);
    dict_iter_check(it);
    const py_map_t *map = &it->dict->map;
    if (it->pos > map->filled) {
        it->pos = map->filled;
    }
    while (it->pos > 0) {
        const py_map_elem_t *e = &map->table[--it->pos];
        if (e->key != PY_OBJ_NULL) {
            return dict_iter_yield(it, e);
        }
    }
    return PY_OBJ_STOP_ITERATION;
}

static py_obj_t dict_getiter(py_obj_t self_in, py_obj_iter_buf_t *iter_buf) {
    return dict_iter_new(PY_OBJ_TO_PTR(self_in), DICT_KIND_KEYS, false, iter_buf);
}

// ---- Views --------------------------------------------------------------------------------------

typedef struct dict_view {
    py_obj_base_t base;
    py_obj_dict_t *dict;
} dict_view_t;

static const py_obj_type_t dict_view_types[3];

static inline bool is_view(py_const_obj_t o) {
    return PY_OBJ_IS_OBJ((py_obj_t)o) && ((const py_obj_base_t *)o)->type >= dict_view_types &&
           ((const py_obj_base_t *)o)->type < dict_view_types + 3;
}

static inline dict_kind_t view_kind(const dict_view_t *v) {
    return (dict_kind_t)(v->base.type - dict_view_types);
}

static py_obj_t dict_view_new(py_obj_t dict, dict_kind_t kind) {
    dict_view_t *v = py_new_obj(dict_view_t, &dict_view_types[kind]);
    v->dict = PY_OBJ_TO_PTR(dict);
    return PY_OBJ_FROM_PTR(v);
}

static void dict_view_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    dict_view_t *self = PY_OBJ_TO_PTR(self_in);
    py_printf(print, "%q([", (qstr)self->base.type->name);
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = dict_iter_new(self->dict, view_kind(self), false, &iter_buf);
    bool first = true;
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION; first = false) {
        if (!first) {
            py_print_strn(print, ", ", 2);
        }
        py_obj_print_helper(print, x, PY_PRINT_REPR);
    }
    py_print_str(print, "])");
}

static py_obj_t dict_view_unary_op(py_unary_op_t op, py_obj_t self_in) {
    dict_view_t *self = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(self->dict->map.used != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(self->dict->map.used);
        default:
            return PY_OBJ_NULL;
    }
}

static bool dict_view_contains(dict_view_t *self, py_obj_t x) {
    switch (view_kind(self)) {
        case DICT_KIND_KEYS:
            return py_map_lookup(&self->dict->map, x, PY_MAP_LOOKUP) != NULL;
        case DICT_KIND_ITEMS: {
            if (!py_obj_is_type(x, &py_type_tuple)) {
                return false;
            }
            py_obj_tuple_t *t = PY_OBJ_TO_PTR(x);
            if (t->len != 2) {
                return false;
            }
            py_map_elem_t *e = py_map_lookup(&self->dict->map, t->items[0], PY_MAP_LOOKUP);
            return e != NULL && py_obj_equal(e->value, t->items[1]);
        }
        default: {
            const py_map_t *map = &self->dict->map;
            for (size_t i = 0; i < map->filled; i++) {
                if (map->table[i].key != PY_OBJ_NULL && py_obj_equal(map->table[i].value, x)) {
                    return true;
                }
            }
            return false;
        }
    }
}

// Keys and items views behave as sets in operators and comparisons.
static bool is_set_like_operand(py_obj_t o) {
    return py_obj_is_set_like(o) || (is_view(o) && view_kind(PY_OBJ_TO_PTR(o)) != DICT_KIND_VALUES);
}

// A new set of the items of [o]: a keys view is read through its dict, as CPython does.
static py_obj_t view_to_set(py_obj_t o) {
    if (is_view(o) && view_kind(PY_OBJ_TO_PTR(o)) == DICT_KIND_KEYS) {
        o = PY_OBJ_FROM_PTR(((dict_view_t *)PY_OBJ_TO_PTR(o))->dict);
    }
    return py_set_new(&py_type_set, o);
}

// view & other, walking whichever side CPython walks (which decides the result's order).
static py_obj_t dict_view_intersect(py_obj_t self, py_obj_t other) {
    size_t len_self = ((dict_view_t *)PY_OBJ_TO_PTR(self))->dict->map.used;
    if (py_obj_is_type(other, &py_type_set) &&
        len_self <= (size_t)py_obj_get_int(py_obj_len(other))) {
        return py_set_intersection(other, self);
    }
    if (is_set_like_operand(other) && !py_obj_is_set_like(other) &&
        ((dict_view_t *)PY_OBJ_TO_PTR(other))->dict->map.used > len_self) {
        py_obj_t t = self;
        self = other;
        other = t;
    }
    py_obj_t result = py_set_new(&py_type_set, PY_OBJ_NULL);
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (dict_view_contains(PY_OBJ_TO_PTR(self), k)) {
            py_obj_set_store(result, k);
        }
    }
    return result;
}

// self op other, or other op self for the reflected forms: the left operand becomes a new set
// that the right one updates.
static py_obj_t dict_view_set_op(py_binary_op_t op, py_obj_t self, py_obj_t other) {
    bool reflected = op >= PY_BINARY_OP_REVERSE_OR;
    py_binary_op_t plain =
        reflected ? (py_binary_op_t)(op - PY_BINARY_OP_REVERSE_OR + PY_BINARY_OP_OR) : op;
    if (plain == PY_BINARY_OP_AND) {
        return dict_view_intersect(self, other);
    }
    py_obj_t left = reflected ? other : self, right = reflected ? self : other;
    py_obj_t result = view_to_set(left);
    if (plain == PY_BINARY_OP_OR) {
        py_set_update(result, right);
    } else if (plain == PY_BINARY_OP_SUBTRACT) {
        py_set_difference_update(result, right);
    } else {
        py_set_symmetric_difference_update(result, right);
    }
    return result;
}

static py_obj_t dict_view_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    dict_view_t *self = PY_OBJ_TO_PTR(lhs_in);
    if (op == PY_BINARY_OP_CONTAINS) {
        return PY_OBJ_NEW_BOOL(dict_view_contains(self, rhs_in));
    }
    if (view_kind(self) == DICT_KIND_VALUES) {
        return PY_OBJ_NULL; // values views compare by identity and have no operators
    }
    switch (op) {
        case PY_BINARY_OP_AND:
        case PY_BINARY_OP_OR:
        case PY_BINARY_OP_XOR:
        case PY_BINARY_OP_SUBTRACT:
        case PY_BINARY_OP_REVERSE_AND:
        case PY_BINARY_OP_REVERSE_OR:
        case PY_BINARY_OP_REVERSE_XOR:
        case PY_BINARY_OP_REVERSE_SUBTRACT: {
            // Any iterable will do as the other operand, as in CPython.
            py_obj_t dest[2];
            if (!is_set_like_operand(rhs_in) && py_obj_get_type(rhs_in)->getiter == NULL) {
                py_load_method_maybe(rhs_in, PY_QSTR___iter__, dest);
                if (dest[0] == PY_OBJ_NULL) {
                    return PY_OBJ_NULL;
                }
            }
            return dict_view_set_op(op, lhs_in, rhs_in);
        }
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL: {
            if (!is_set_like_operand(rhs_in)) {
                return PY_OBJ_NULL;
            }
            py_obj_t lhs = py_set_new(&py_type_set, lhs_in);
            py_obj_t rhs = py_obj_is_set_like(rhs_in) ? rhs_in : py_set_new(&py_type_set, rhs_in);
            return py_binary_op(op, lhs, rhs);
        }
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t dict_view_getiter(py_obj_t self_in, py_obj_iter_buf_t *iter_buf) {
    dict_view_t *self = PY_OBJ_TO_PTR(self_in);
    return dict_iter_new(self->dict, view_kind(self), false, iter_buf);
}

static const py_obj_type_t dict_view_types[3] = {
    {{&py_type_type},
     0,
     PY_QSTR_dict_keys,
     .print = dict_view_print,
     .unary_op = dict_view_unary_op,
     .binary_op = dict_view_binary_op,
     .getiter = dict_view_getiter},
    {{&py_type_type},
     PY_TYPE_FLAG_EQ_BY_IDENTITY,
     PY_QSTR_dict_values,
     .print = dict_view_print,
     .unary_op = dict_view_unary_op,
     .binary_op = dict_view_binary_op,
     .getiter = dict_view_getiter},
    {{&py_type_type},
     0,
     PY_QSTR_dict_items,
     .print = dict_view_print,
     .unary_op = dict_view_unary_op,
     .binary_op = dict_view_binary_op,
     .getiter = dict_view_getiter},
};

bool py_obj_is_dict_like(py_const_obj_t o) {
    return is_dict(o) || is_view(o);
}

py_obj_t py_dict_reversed(py_obj_t self_in) {
    if (is_view(self_in)) {
        dict_view_t *v = PY_OBJ_TO_PTR(self_in);
        return dict_iter_new(v->dict, view_kind(v), true, NULL);
    }
    return dict_iter_new(PY_OBJ_TO_PTR(self_in), DICT_KIND_KEYS, true, NULL);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t dict_clear(py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    check_writable(self);
    py_map_clear(&self->map);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_clear_obj, dict_clear);

static py_obj_t dict_copy(py_obj_t self_in) {
    return dict_copy_of(PY_OBJ_TO_PTR(self_in));
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_copy_obj, dict_copy);

static py_obj_t dict_fromkeys(size_t n_args, const py_obj_t *args) {
    py_obj_t cls = args[0];
    py_obj_t value = n_args > 2 ? args[2] : py_const_none;
    bool plain = cls == PY_OBJ_FROM_PTR(&py_type_dict);
    py_obj_t d = plain ? py_obj_new_dict(0) : py_call_function_0(cls);
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(args[1], &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (plain) {
            py_obj_dict_store(d, k, value);
        } else {
            py_obj_subscr(d, k, value);
        }
    }
    return d;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(dict_fromkeys_fun_obj, 2, 3, dict_fromkeys);
static PY_DEFINE_CONST_CLASSMETHOD_OBJ(dict_fromkeys_obj, PY_ROM_PTR(&dict_fromkeys_fun_obj));

static py_obj_t dict_get(size_t n_args, const py_obj_t *args) {
    py_obj_t v = py_obj_dict_get(args[0], args[1]);
    if (v == PY_OBJ_NULL) {
        return n_args > 2 ? args[2] : py_const_none;
    }
    return v;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(dict_get_obj, 2, 3, dict_get);

static py_obj_t dict_keys(py_obj_t self) {
    return dict_view_new(self, DICT_KIND_KEYS);
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_keys_obj, dict_keys);

static py_obj_t dict_values(py_obj_t self) {
    return dict_view_new(self, DICT_KIND_VALUES);
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_values_obj, dict_values);

static py_obj_t dict_items(py_obj_t self) {
    return dict_view_new(self, DICT_KIND_ITEMS);
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_items_obj, dict_items);

static py_obj_t dict_pop(size_t n_args, const py_obj_t *args) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(args[0]);
    check_writable(self);
    py_obj_t value;
    if (py_map_remove(&self->map, args[1], &value)) {
        return value;
    }
    if (n_args > 2) {
        return args[2];
    }
    raise_key_error(args[1]);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(dict_pop_obj, 2, 3, dict_pop);

static py_obj_t dict_popitem(py_obj_t self_in) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(self_in);
    check_writable(self);
    py_map_elem_t e;
    if (!py_map_pop_last(&self->map, &e)) {
        py_raise_msg(&py_type_KeyError, "popitem(): dictionary is empty");
    }
    py_obj_t kv[2] = {e.key, e.value};
    return py_obj_new_tuple(2, kv);
}
static PY_DEFINE_CONST_FUN_OBJ_1(dict_popitem_obj, dict_popitem);

static py_obj_t dict_setdefault(size_t n_args, const py_obj_t *args) {
    py_obj_dict_t *self = PY_OBJ_TO_PTR(args[0]);
    py_map_elem_t *e = py_map_lookup(&self->map, args[1], PY_MAP_LOOKUP_ADD_IF_NOT_FOUND);
    if (e->value == PY_OBJ_NULL) {
        e->value = n_args > 2 ? args[2] : py_const_none;
    }
    return e->value;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(dict_setdefault_obj, 2, 3, dict_setdefault);

static py_obj_t dict_update(size_t n_args, const py_obj_t *args, py_map_t *kw_args) {
    if (n_args > 2) {
        py_raise_msg_varg(&py_type_TypeError, "update expected at most 1 argument, got %u",
                          (unsigned)(n_args - 1));
    }
    py_obj_dict_t *self = PY_OBJ_TO_PTR(args[0]);
    check_writable(self);
    if (n_args == 2) {
        py_dict_update_from(args[0], args[1]);
    }
    if (kw_args != NULL) {
        py_map_update(&self->map, kw_args);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(dict_update_obj, 1, dict_update);

static py_obj_t dict_getitem_method(py_obj_t self, py_obj_t key) {
    return dict_subscr(self, key, PY_OBJ_SENTINEL);
}
static PY_DEFINE_CONST_FUN_OBJ_2(dict_getitem_obj, dict_getitem_method);

static py_obj_t dict_setitem_method(py_obj_t self, py_obj_t key, py_obj_t value) {
    py_obj_dict_store(self, key, value);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(dict_setitem_obj, dict_setitem_method);

static py_obj_t dict_delitem_method(py_obj_t self, py_obj_t key) {
    py_obj_dict_delete(self, key);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(dict_delitem_obj, dict_delitem_method);

// dict.__init__(self, [arg], **kw), for subclasses calling super().__init__(): an update.
static PY_DEFINE_CONST_FUN_OBJ_KW(dict_init_obj, 1, dict_update);

static py_obj_t dict_contains_method(py_obj_t self, py_obj_t key) {
    return PY_OBJ_NEW_BOOL(py_obj_dict_get(self, key) != PY_OBJ_NULL);
}
static PY_DEFINE_CONST_FUN_OBJ_2(dict_contains_obj, dict_contains_method);

static const py_map_elem_t dict_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___contains__), PY_ROM_PTR(&dict_contains_obj)},
    {PY_ROM_QSTR(PY_QSTR___delitem__), PY_ROM_PTR(&dict_delitem_obj)},
    {PY_ROM_QSTR(PY_QSTR___getitem__), PY_ROM_PTR(&dict_getitem_obj)},
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&dict_init_obj)},
    {PY_ROM_QSTR(PY_QSTR___setitem__), PY_ROM_PTR(&dict_setitem_obj)},
    {PY_ROM_QSTR(PY_QSTR_clear), PY_ROM_PTR(&dict_clear_obj)},
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&dict_copy_obj)},
    {PY_ROM_QSTR(PY_QSTR_fromkeys), PY_ROM_PTR(&dict_fromkeys_obj)},
    {PY_ROM_QSTR(PY_QSTR_get), PY_ROM_PTR(&dict_get_obj)},
    {PY_ROM_QSTR(PY_QSTR_items), PY_ROM_PTR(&dict_items_obj)},
    {PY_ROM_QSTR(PY_QSTR_keys), PY_ROM_PTR(&dict_keys_obj)},
    {PY_ROM_QSTR(PY_QSTR_pop), PY_ROM_PTR(&dict_pop_obj)},
    {PY_ROM_QSTR(PY_QSTR_popitem), PY_ROM_PTR(&dict_popitem_obj)},
    {PY_ROM_QSTR(PY_QSTR_setdefault), PY_ROM_PTR(&dict_setdefault_obj)},
    {PY_ROM_QSTR(PY_QSTR_update), PY_ROM_PTR(&dict_update_obj)},
    {PY_ROM_QSTR(PY_QSTR_values), PY_ROM_PTR(&dict_values_obj)},
};
static PY_DEFINE_CONST_DICT(dict_locals_dict, dict_locals_table);

const py_obj_type_t py_type_dict = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_dict,
    .print = dict_print,
    .make_new = dict_make_new,
    .unary_op = dict_unary_op,
    .binary_op = dict_binary_op,
    .subscr = dict_subscr,
    .getiter = dict_getiter,
    .locals_dict = (py_obj_dict_t *)&dict_locals_dict,
};
