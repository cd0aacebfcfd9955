// SPDX-License-Identifier: MIT
// objset.c: set and frozenset, thin types over py_map_t (map.c) whose values are unused.
//
// Members iterate in insertion order. Operators want a set or frozenset on both sides; the named
// methods take any iterables. Results of operators have the type of the left operand.

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

static inline bool is_frozen(const py_obj_set_t *s) {
    return s->base.type == &py_type_frozenset;
}

bool py_obj_is_set_like(py_const_obj_t o) {
    return py_obj_is_type(o, &py_type_set) || py_obj_is_type(o, &py_type_frozenset);
}

py_obj_set_t *py_set_new_empty(const py_obj_type_t *type, size_t n) {
    py_obj_set_t *s = py_new_obj(py_obj_set_t, type);
    py_map_init(&s->map, n);
    return s;
}

static void set_add(py_obj_set_t *self, py_obj_t item) {
    py_map_lookup(&self->map, item, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = PY_SET_MEMBER_VALUE;
    // Growing may compact the table, moving members below the hint.
    self->pop_hint = 0;
}

bool py_set_contains(py_obj_set_t *self, py_obj_t item) {
    return py_map_lookup(&self->map, item, PY_MAP_LOOKUP) != NULL;
}

static bool set_discard(py_obj_set_t *self, py_obj_t item) {
    return py_map_remove(&self->map, item, NULL);
}

static py_obj_set_t *set_copy_as(const py_obj_type_t *type, const py_obj_set_t *src) {
    py_obj_set_t *s = py_set_new_empty(type, src->map.used);
    py_map_update(&s->map, &src->map);
    return s;
}

void py_set_update_from_iterable(py_obj_set_t *self, py_obj_t iterable) {
    if (py_obj_is_set_like(iterable)) {
        py_obj_set_t *other = PY_OBJ_TO_PTR(iterable);
        py_map_update(&self->map, &other->map);
        self->pop_hint = 0;
        return;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(iterable, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        set_add(self, item);
    }
}

py_obj_t py_set_from_iterable(const py_obj_type_t *type, py_obj_t iterable) {
    py_obj_set_t *s = py_set_new_empty(type, 0);
    py_set_update_from_iterable(s, iterable);
    return PY_OBJ_FROM_PTR(s);
}

// [o] as a set to look members up in: itself if it is one, else a new set of its items.
static py_obj_set_t *as_lookup_set(py_obj_t o) {
    if (py_obj_is_set_like(o)) {
        return PY_OBJ_TO_PTR(o);
    }
    return PY_OBJ_TO_PTR(py_set_from_iterable(&py_type_set, o));
}

py_obj_t py_obj_new_set(size_t n, const py_obj_t *items) {
    py_obj_set_t *s = py_set_new_empty(&py_type_set, n);
    for (size_t i = 0; i < n; i++) {
        set_add(s, items[i]);
    }
    return PY_OBJ_FROM_PTR(s);
}

void py_obj_set_store(py_obj_t self, py_obj_t item) {
    set_add(PY_OBJ_TO_PTR(self), item);
}

static py_obj_t set_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    type = py_obj_is_subclass(type, &py_type_frozenset) ? &py_type_frozenset : &py_type_set;
    if (n_args == 1 && type == &py_type_frozenset && py_obj_is_type(args[0], &py_type_frozenset)) {
        return args[0]; // immutable: no need for a copy
    }
    py_obj_set_t *s = py_set_new_empty(type, 0);
    if (n_args == 1) {
        py_set_update_from_iterable(s, args[0]);
    }
    return PY_OBJ_FROM_PTR(s);
}

// ---- Set algebra --------------------------------------------------------------------------------

// Members of [self] that are also in [other], as a new set of [type].
static py_obj_set_t *set_intersect(const py_obj_type_t *type, py_obj_set_t *self, py_obj_t other) {
    py_obj_set_t *lookup = as_lookup_set(other);
    py_obj_set_t *out = py_set_new_empty(type, 0);
    for (size_t i = 0; i < self->map.filled; i++) {
        py_obj_t k = self->map.table[i].key;
        if (k != PY_OBJ_NULL && py_set_contains(lookup, k)) {
            set_add(out, k);
        }
    }
    return out;
}

static void set_difference_update(py_obj_set_t *self, py_obj_t other) {
    if (PY_OBJ_FROM_PTR(self) == other) {
        py_map_clear(&self->map);
        return;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        set_discard(self, item);
    }
}

static void set_symmetric_difference_update(py_obj_set_t *self, py_obj_t other) {
    py_obj_set_t *o = as_lookup_set(other);
    if (o == self) {
        py_map_clear(&self->map);
        return;
    }
    for (size_t i = 0; i < o->map.filled; i++) {
        py_obj_t k = o->map.table[i].key;
        if (k != PY_OBJ_NULL && !set_discard(self, k)) {
            set_add(self, k);
        }
    }
}

// Replaces the members of [self] with those of [src] (a new set nobody else sees).
static void set_take_members(py_obj_set_t *self, py_obj_set_t *src) {
    py_map_deinit(&self->map);
    self->map = src->map;
    self->pop_hint = 0;
    py_map_init(&src->map, 0);
}

static bool set_is_subset(py_obj_set_t *self, py_obj_set_t *other) {
    if (self->map.used > other->map.used) {
        return false;
    }
    for (size_t i = 0; i < self->map.filled; i++) {
        py_obj_t k = self->map.table[i].key;
        if (k != PY_OBJ_NULL && !py_set_contains(other, k)) {
            return false;
        }
    }
    return true;
}

static bool set_equal(py_obj_set_t *a, py_obj_set_t *b) {
    return a->map.used == b->map.used && set_is_subset(a, b);
}

// ---- Slots --------------------------------------------------------------------------------------

static void set_print_body(const py_print_t *print, py_obj_t self_in) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    bool frozen = is_frozen(self);
    if (self->map.used == 0) {
        py_print_str(print, frozen ? "frozenset()" : "set()");
        return;
    }
    py_print_str(print, frozen ? "frozenset({" : "{");
    bool first = true;
    for (size_t i = 0; i < self->map.filled; i++) {
        py_obj_t k = self->map.table[i].key;
        if (k == PY_OBJ_NULL) {
            continue;
        }
        if (!first) {
            py_print_strn(print, ", ", 2);
        }
        first = false;
        py_obj_print_helper(print, k, PY_PRINT_REPR);
    }
    py_print_str(print, frozen ? "})" : "}");
}

static void set_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_print_guarded(print, self_in, "set(...)", set_print_body);
}

// A hash that does not depend on the order of the members.
static py_obj_t frozenset_hash(py_obj_set_t *self) {
    size_t h = 0;
    for (size_t i = 0; i < self->map.filled; i++) {
        py_obj_t k = self->map.table[i].key;
        if (k != PY_OBJ_NULL) {
            size_t x = py_obj_hash_value(k);
            h ^= ((x ^ 89869747u) ^ (x << 16)) * 3644798167u;
        }
    }
    h ^= ((size_t)self->map.used + 1) * 1927868237u;
    h = h * 69069u + 907133923u;
    return PY_OBJ_NEW_SMALL_INT(h & (size_t)PY_SMALL_INT_MAX);
}

static py_obj_t set_unary_op(py_unary_op_t op, py_obj_t self_in) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(self->map.used != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(self->map.used);
        case PY_UNARY_OP_HASH:
            // A mutable set has none, and obj.c reports it unhashable.
            return is_frozen(self) ? frozenset_hash(self) : PY_OBJ_NULL;
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t set_compare(py_binary_op_t op, py_obj_set_t *lhs, py_obj_set_t *rhs) {
    bool r;
    switch (op) {
        case PY_BINARY_OP_EQUAL:
            r = set_equal(lhs, rhs);
            break;
        case PY_BINARY_OP_NOT_EQUAL:
            r = !set_equal(lhs, rhs);
            break;
        case PY_BINARY_OP_LESS_EQUAL:
            r = set_is_subset(lhs, rhs);
            break;
        case PY_BINARY_OP_LESS:
            r = lhs->map.used < rhs->map.used && set_is_subset(lhs, rhs);
            break;
        case PY_BINARY_OP_MORE_EQUAL:
            r = set_is_subset(rhs, lhs);
            break;
        default: // MORE
            r = rhs->map.used < lhs->map.used && set_is_subset(rhs, lhs);
            break;
    }
    return PY_OBJ_NEW_BOOL(r);
}

static py_obj_t set_binary_op(py_binary_op_t op, py_obj_t lhs_in, py_obj_t rhs_in) {
    py_obj_set_t *lhs = PY_OBJ_TO_PTR(lhs_in);
    if (op == PY_BINARY_OP_CONTAINS) {
        return PY_OBJ_NEW_BOOL(py_set_contains(lhs, rhs_in));
    }
    if (!py_obj_is_set_like(rhs_in)) {
        return PY_OBJ_NULL;
    }
    py_obj_set_t *rhs = PY_OBJ_TO_PTR(rhs_in);
    const py_obj_type_t *type = lhs->base.type;
    // The in-place forms change a set; a frozenset falls back to the plain operator.
    bool inplace = op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER;
    if (inplace && is_frozen(lhs)) {
        return PY_OBJ_NULL;
    }
    switch (op) {
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL:
            return set_compare(op, lhs, rhs);
        case PY_BINARY_OP_OR: {
            py_obj_set_t *out = set_copy_as(type, lhs);
            py_set_update_from_iterable(out, rhs_in);
            return PY_OBJ_FROM_PTR(out);
        }
        case PY_BINARY_OP_AND:
            return PY_OBJ_FROM_PTR(set_intersect(type, lhs, rhs_in));
        case PY_BINARY_OP_SUBTRACT: {
            py_obj_set_t *out = set_copy_as(type, lhs);
            set_difference_update(out, rhs_in);
            return PY_OBJ_FROM_PTR(out);
        }
        case PY_BINARY_OP_XOR: {
            py_obj_set_t *out = set_copy_as(type, lhs);
            set_symmetric_difference_update(out, rhs_in);
            return PY_OBJ_FROM_PTR(out);
        }
        case PY_BINARY_OP_INPLACE_OR:
            py_set_update_from_iterable(lhs, rhs_in);
            return lhs_in;
        case PY_BINARY_OP_INPLACE_AND:
            set_take_members(lhs, set_intersect(type, lhs, rhs_in));
            return lhs_in;
        case PY_BINARY_OP_INPLACE_SUBTRACT:
            set_difference_update(lhs, rhs_in);
            return lhs_in;
        case PY_BINARY_OP_INPLACE_XOR:
            set_symmetric_difference_update(lhs, rhs_in);
            return lhs_in;
        default:
            return PY_OBJ_NULL;
    }
}

// ---- Iterator -----------------------------------------------------------------------------------

typedef struct set_iter {
    py_obj_base_t base;
    py_obj_set_t *set;
    size_t pos;
    size_t used; // the set's size when iteration began
} set_iter_t;

static py_obj_t set_iter_next(py_obj_t self_in) {
    set_iter_t *it = PY_OBJ_TO_PTR(self_in);
    const py_map_t *map = &it->set->map;
    if (map->used != it->used) {
        it->used = map->used;
        py_raise_msg(&py_type_RuntimeError, "Set changed size during iteration");
    }
    while (it->pos < map->filled) {
        py_obj_t k = map->table[it->pos++].key;
        if (k != PY_OBJ_NULL) {
            return k;
        }
    }
    return PY_OBJ_STOP_ITERATION;
}

static const py_obj_type_t set_iter_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_set_iterator,
    .getiter = py_getiter_self,
    .iternext = set_iter_next,
};

static py_obj_t set_getiter(py_obj_t self_in, py_obj_iter_buf_t *iter_buf) {
    _Static_assert(sizeof(set_iter_t) <= sizeof(py_obj_iter_buf_t), "iter_buf too small");
    set_iter_t *it = iter_buf != NULL ? (set_iter_t *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
    it->base.type = &set_iter_type;
    it->set = PY_OBJ_TO_PTR(self_in);
    it->pos = 0;
    it->used = it->set->map.used;
    return PY_OBJ_FROM_PTR(it);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t set_add_method(py_obj_t self, py_obj_t item) {
    set_add(PY_OBJ_TO_PTR(self), item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_add_obj, set_add_method);

static py_obj_t set_clear(py_obj_t self_in) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_clear(&self->map);
    self->pop_hint = 0;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_clear_obj, set_clear);

static py_obj_t set_copy(py_obj_t self_in) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    if (is_frozen(self)) {
        return self_in;
    }
    return PY_OBJ_FROM_PTR(set_copy_as(self->base.type, self));
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_copy_obj, set_copy);

static py_obj_t set_discard_method(py_obj_t self, py_obj_t item) {
    set_discard(PY_OBJ_TO_PTR(self), item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_discard_obj, set_discard_method);

static py_obj_t set_remove(py_obj_t self, py_obj_t item) {
    if (!set_discard(PY_OBJ_TO_PTR(self), item)) {
        py_raise(py_obj_new_exception_arg1(&py_type_KeyError, item));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_remove_obj, set_remove);

static py_obj_t set_pop(py_obj_t self_in) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_t *map = &self->map;
    // Members leave from the front, in iteration order; the hint skips the holes left behind.
    for (size_t i = self->pop_hint; i < map->filled; i++) {
        py_obj_t k = map->table[i].key;
        if (k != PY_OBJ_NULL) {
            py_map_remove(map, k, NULL);
            self->pop_hint = i + 1;
            return k;
        }
    }
    py_raise_msg(&py_type_KeyError, "pop from an empty set");
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_pop_obj, set_pop);

static py_obj_t set_update(size_t n_args, const py_obj_t *args) {
    for (size_t i = 1; i < n_args; i++) {
        py_set_update_from_iterable(PY_OBJ_TO_PTR(args[0]), args[i]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_update_obj, 1, set_update);

static py_obj_t set_union(size_t n_args, const py_obj_t *args) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(args[0]);
    py_obj_set_t *out = set_copy_as(self->base.type, self);
    for (size_t i = 1; i < n_args; i++) {
        py_set_update_from_iterable(out, args[i]);
    }
    return PY_OBJ_FROM_PTR(out);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_union_obj, 1, set_union);

static py_obj_t set_intersection(size_t n_args, const py_obj_t *args) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(args[0]);
    py_obj_set_t *out = set_copy_as(self->base.type, self);
    for (size_t i = 1; i < n_args; i++) {
        out = set_intersect(self->base.type, out, args[i]);
    }
    return PY_OBJ_FROM_PTR(out);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_intersection_obj, 1, set_intersection);

static py_obj_t set_intersection_update(size_t n_args, const py_obj_t *args) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(args[0]);
    for (size_t i = 1; i < n_args; i++) {
        set_take_members(self, set_intersect(&py_type_set, self, args[i]));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_intersection_update_obj, 1, set_intersection_update);

static py_obj_t set_difference(size_t n_args, const py_obj_t *args) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(args[0]);
    py_obj_set_t *out = set_copy_as(self->base.type, self);
    for (size_t i = 1; i < n_args; i++) {
        set_difference_update(out, args[i] == args[0] ? PY_OBJ_FROM_PTR(out) : args[i]);
    }
    return PY_OBJ_FROM_PTR(out);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_difference_obj, 1, set_difference);

static py_obj_t set_difference_update_method(size_t n_args, const py_obj_t *args) {
    for (size_t i = 1; i < n_args; i++) {
        set_difference_update(PY_OBJ_TO_PTR(args[0]), args[i]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_difference_update_obj, 1, set_difference_update_method);

static py_obj_t set_symmetric_difference(py_obj_t self_in, py_obj_t other) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    py_obj_set_t *out = set_copy_as(self->base.type, self);
    set_symmetric_difference_update(out, other == self_in ? PY_OBJ_FROM_PTR(out) : other);
    return PY_OBJ_FROM_PTR(out);
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_symmetric_difference_obj, set_symmetric_difference);

static py_obj_t set_symmetric_difference_update_method(py_obj_t self, py_obj_t other) {
    set_symmetric_difference_update(PY_OBJ_TO_PTR(self), other);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_symmetric_difference_update_obj,
                                 set_symmetric_difference_update_method);

static py_obj_t set_issubset(py_obj_t self, py_obj_t other) {
    return PY_OBJ_NEW_BOOL(set_is_subset(PY_OBJ_TO_PTR(self), as_lookup_set(other)));
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_issubset_obj, set_issubset);

static py_obj_t set_issuperset(py_obj_t self, py_obj_t other) {
    return PY_OBJ_NEW_BOOL(set_is_subset(as_lookup_set(other), PY_OBJ_TO_PTR(self)));
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_issuperset_obj, set_issuperset);

static py_obj_t set_isdisjoint(py_obj_t self_in, py_obj_t other) {
    py_obj_set_t *self = PY_OBJ_TO_PTR(self_in);
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t item; (item = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (py_set_contains(self, item)) {
            return py_const_false;
        }
    }
    return py_const_true;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_isdisjoint_obj, set_isdisjoint);

static const py_map_elem_t set_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_add), PY_ROM_PTR(&set_add_obj)},
    {PY_ROM_QSTR(PY_QSTR_clear), PY_ROM_PTR(&set_clear_obj)},
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&set_copy_obj)},
    {PY_ROM_QSTR(PY_QSTR_difference), PY_ROM_PTR(&set_difference_obj)},
    {PY_ROM_QSTR(PY_QSTR_difference_update), PY_ROM_PTR(&set_difference_update_obj)},
    {PY_ROM_QSTR(PY_QSTR_discard), PY_ROM_PTR(&set_discard_obj)},
    {PY_ROM_QSTR(PY_QSTR_intersection), PY_ROM_PTR(&set_intersection_obj)},
    {PY_ROM_QSTR(PY_QSTR_intersection_update), PY_ROM_PTR(&set_intersection_update_obj)},
    {PY_ROM_QSTR(PY_QSTR_isdisjoint), PY_ROM_PTR(&set_isdisjoint_obj)},
    {PY_ROM_QSTR(PY_QSTR_issubset), PY_ROM_PTR(&set_issubset_obj)},
    {PY_ROM_QSTR(PY_QSTR_issuperset), PY_ROM_PTR(&set_issuperset_obj)},
    {PY_ROM_QSTR(PY_QSTR_pop), PY_ROM_PTR(&set_pop_obj)},
    {PY_ROM_QSTR(PY_QSTR_remove), PY_ROM_PTR(&set_remove_obj)},
    {PY_ROM_QSTR(PY_QSTR_symmetric_difference), PY_ROM_PTR(&set_symmetric_difference_obj)},
    {PY_ROM_QSTR(PY_QSTR_symmetric_difference_update),
     PY_ROM_PTR(&set_symmetric_difference_update_obj)},
    {PY_ROM_QSTR(PY_QSTR_union), PY_ROM_PTR(&set_union_obj)},
    {PY_ROM_QSTR(PY_QSTR_update), PY_ROM_PTR(&set_update_obj)},
};
static PY_DEFINE_CONST_DICT(set_locals_dict, set_locals_table);

static const py_map_elem_t frozenset_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_copy), PY_ROM_PTR(&set_copy_obj)},
    {PY_ROM_QSTR(PY_QSTR_difference), PY_ROM_PTR(&set_difference_obj)},
    {PY_ROM_QSTR(PY_QSTR_intersection), PY_ROM_PTR(&set_intersection_obj)},
    {PY_ROM_QSTR(PY_QSTR_isdisjoint), PY_ROM_PTR(&set_isdisjoint_obj)},
    {PY_ROM_QSTR(PY_QSTR_issubset), PY_ROM_PTR(&set_issubset_obj)},
    {PY_ROM_QSTR(PY_QSTR_issuperset), PY_ROM_PTR(&set_issuperset_obj)},
    {PY_ROM_QSTR(PY_QSTR_symmetric_difference), PY_ROM_PTR(&set_symmetric_difference_obj)},
    {PY_ROM_QSTR(PY_QSTR_union), PY_ROM_PTR(&set_union_obj)},
};
static PY_DEFINE_CONST_DICT(frozenset_locals_dict, frozenset_locals_table);

const py_obj_type_t py_type_set = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_set,
    .print = set_print,
    .make_new = set_make_new,
    .unary_op = set_unary_op,
    .binary_op = set_binary_op,
    .getiter = set_getiter,
    .locals_dict = (py_obj_dict_t *)&set_locals_dict,
};

const py_obj_type_t py_type_frozenset = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_frozenset,
    .print = set_print,
    .make_new = set_make_new,
    .unary_op = set_unary_op,
    .binary_op = set_binary_op,
    .getiter = set_getiter,
    .locals_dict = (py_obj_dict_t *)&frozenset_locals_dict,
};
