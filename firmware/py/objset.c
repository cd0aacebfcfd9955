// SPDX-License-Identifier: MIT
// objset.c: set and frozenset.
//
// Sets keep their own open-addressing table instead of a py_map_t so that they iterate, print and
// pop in the order CPython's do: programs print sets directly and their output is compared with
// CPython's. The table is laid out and resized by CPython's rules: a power-of-two array of
// (key, hash) slots; a key's search starts at hash & mask, probes the next SET_LINEAR_PROBES slots,
// then jumps by a perturbed stride; removal leaves a dummy; the table is rebuilt when live plus
// dummy slots reach 60%. The set algebra follows CPython's choice of which operand to walk and
// which table to build, since that decides the order of the result. Ints hash as in CPython, so
// sets of ints (and of tuples of ints) come out in CPython's order.

#include <string.h>

#include "gc.h"
#include "objcontainer.h"
#include "objects.h"
#include "runtime.h"

// Slots in the smallest table.
#define SET_MIN_SIZE (8)
// Slots probed one after the other before the search jumps.
#define SET_LINEAR_PROBES (9)
#define SET_PERTURB_SHIFT (5)
// Sets with more members than this grow 2x when full instead of 4x.
#define SET_BIG (50000)
// The key of a slot whose member was removed (never a Python value).
#define DUMMY PY_OBJ_SENTINEL

typedef struct set_entry {
    py_obj_t key; // PY_OBJ_NULL: never used; DUMMY: removed
    size_t hash;
} set_entry_t;

struct py_obj_set {
    py_obj_base_t base;
    size_t fill;        // live and dummy slots
    size_t used;        // live slots
    size_t mask;        // slots - 1
    size_t finger;      // where set.pop() looks first
    size_t hash;        // frozenset: the hash once computed, else 0
    set_entry_t *table; // NULL while no member was ever added (a table of SET_MIN_SIZE)
};

typedef struct py_obj_set set_t;

static inline bool is_frozen(const set_t *s) {
    return s->base.type == &py_type_frozenset;
}

bool py_obj_is_set_like(py_const_obj_t o) {
    return py_obj_is_type(o, &py_type_set) || py_obj_is_type(o, &py_type_frozenset);
}

static inline size_t key_hash(py_obj_t key) {
    if (PY_OBJ_IS_SMALL_INT(key)) {
        intptr_t v = PY_OBJ_SMALL_INT_VALUE(key);
        return (size_t)(v == -1 ? -2 : v);
    }
    return py_obj_hash_value(key);
}

// Distinct small ints (or distinct qstrs) are never equal: no need to ask.
static inline bool surely_unequal(py_obj_t a, py_obj_t b) {
    return (PY_OBJ_IS_SMALL_INT(a) && PY_OBJ_IS_SMALL_INT(b)) ||
           (PY_OBJ_IS_QSTR(a) && PY_OBJ_IS_QSTR(b));
}

static set_t *set_new_empty(const py_obj_type_t *type) {
    set_t *s = py_new_obj(set_t, type);
    s->mask = SET_MIN_SIZE - 1;
    return s;
}

static set_entry_t *set_table(set_t *s) {
    if (s->table == NULL) {
        s->table = py_new(set_entry_t, s->mask + 1);
    }
    return s->table;
}

// ---- The table ----------------------------------------------------------------------------------

// The next slot to try after [i] when the linear probes are used up.
static inline size_t next_probe(size_t i, size_t *perturb, size_t mask) {
    *perturb >>= SET_PERTURB_SHIFT;
    return (i * 5 + 1 + *perturb) & mask;
}

// The live slot holding [key], or NULL.
static set_entry_t *set_lookup(set_t *s, py_obj_t key, size_t hash) {
restart:
    if (s->table == NULL) {
        return NULL;
    }
    set_entry_t *table = s->table;
    size_t mask = s->mask, i = hash & mask, perturb = hash;
    for (;;) {
        set_entry_t *e = &table[i];
        size_t probes = i + SET_LINEAR_PROBES <= mask ? SET_LINEAR_PROBES : 0;
        for (;; e++) {
            if (e->key == PY_OBJ_NULL) {
                return NULL;
            }
            if (e->hash == hash && e->key != DUMMY) {
                py_obj_t k = e->key;
                if (k == key) {
                    return e;
                }
                if (!surely_unequal(k, key)) {
                    bool eq = py_obj_equal(k, key);
                    if (s->table != table || e->key != k) {
                        goto restart; // __eq__ changed the set
                    }
                    if (eq) {
                        return e;
                    }
                }
            }
            if (probes-- == 0) {
                break;
            }
        }
        i = next_probe(i, &perturb, mask);
    }
}

// Puts [key] in the first never-used slot of its search path; for keys known to be absent.
static void insert_clean(set_entry_t *table, size_t mask, py_obj_t key, size_t hash) {
    size_t i = hash & mask, perturb = hash;
    for (;;) {
        set_entry_t *e = &table[i];
        size_t probes = i + SET_LINEAR_PROBES <= mask ? SET_LINEAR_PROBES : 0;
        for (;; e++) {
            if (e->key == PY_OBJ_NULL) {
                e->key = key;
                e->hash = hash;
                return;
            }
            if (probes-- == 0) {
                break;
            }
        }
        i = next_probe(i, &perturb, mask);
    }
}

// Rebuilds the table with the fewest slots (at least SET_MIN_SIZE) above [min_used], dropping
// the dummies.
static void set_resize(set_t *s, size_t min_used) {
    size_t size = SET_MIN_SIZE;
    while (size <= min_used) {
        if (size > SIZE_MAX / 2 / sizeof(set_entry_t)) {
            py_raise_MemoryError();
        }
        size <<= 1;
    }
    if (size == SET_MIN_SIZE && s->mask == SET_MIN_SIZE - 1 && s->fill == s->used) {
        return; // already minimal, nothing to purge
    }
    set_entry_t *old = s->table;
    size_t old_mask = s->mask;
    set_entry_t *table = py_new(set_entry_t, size);
    s->table = table;
    s->mask = size - 1;
    s->fill = s->used;
    if (old != NULL) {
        for (size_t i = 0; i <= old_mask; i++) {
            if (old[i].key != PY_OBJ_NULL && old[i].key != DUMMY) {
                insert_clean(table, s->mask, old[i].key, old[i].hash);
            }
        }
        py_free(old);
    }
}

static void set_add_entry(set_t *s, py_obj_t key, size_t hash) {
restart:;
    set_entry_t *table = set_table(s);
    set_entry_t *freeslot = NULL, *e;
    size_t mask = s->mask, i = hash & mask, perturb = hash;
    for (;;) {
        e = &table[i];
        size_t probes = i + SET_LINEAR_PROBES <= mask ? SET_LINEAR_PROBES : 0;
        for (;; e++) {
            if (e->key == PY_OBJ_NULL) {
                goto found_unused;
            }
            if (e->key == DUMMY) {
                freeslot = e; // the last dummy on the path is reused, as CPython does
            } else if (e->hash == hash) {
                py_obj_t k = e->key;
                if (k == key) {
                    return;
                }
                if (!surely_unequal(k, key)) {
                    bool eq = py_obj_equal(k, key);
                    if (eq) {
                        return;
                    }
                    if (s->table != table || e->key != k) {
                        goto restart;
                    }
                }
            }
            if (probes-- == 0) {
                break;
            }
        }
        i = next_probe(i, &perturb, mask);
    }
found_unused:
    s->hash = 0;
    s->used++;
    if (freeslot != NULL) {
        freeslot->key = key;
        freeslot->hash = hash;
        return;
    }
    e->key = key;
    e->hash = hash;
    s->fill++;
    if (s->fill * 5 >= mask * 3) {
        set_resize(s, s->used > SET_BIG ? s->used * 2 : s->used * 4);
    }
}

static bool set_discard_entry(set_t *s, py_obj_t key, size_t hash) {
    set_entry_t *e = set_lookup(s, key, hash);
    if (e == NULL) {
        return false;
    }
    e->key = DUMMY;
    e->hash = (size_t)-1;
    s->used--;
    return true;
}

static void set_clear_all(set_t *s) {
    py_free(s->table);
    s->table = NULL;
    s->mask = SET_MIN_SIZE - 1;
    s->fill = s->used = 0;
    s->hash = 0;
}

// The next live slot at or after [*pos]; advances [*pos] past it. NULL at the end.
static set_entry_t *set_next(set_t *s, size_t *pos) {
    if (s->table == NULL) {
        return NULL;
    }
    for (size_t i = *pos; i <= s->mask; i++) {
        if (s->table[i].key != PY_OBJ_NULL && s->table[i].key != DUMMY) {
            *pos = i + 1;
            return &s->table[i];
        }
    }
    *pos = s->mask + 1;
    return NULL;
}

// A set key that is itself a (mutable) set is looked up as the equal frozenset, as CPython does.
static py_obj_t lookup_key(py_obj_t key) {
    if (py_obj_is_type(key, &py_type_set)) {
        return py_set_new(&py_type_frozenset, key);
    }
    return key;
}

bool py_set_contains(py_obj_t self, py_obj_t key) {
    key = lookup_key(key);
    return set_lookup(PY_OBJ_TO_PTR(self), key, key_hash(key)) != NULL;
}

// ---- Building from other objects ----------------------------------------------------------------

// Adds the members of set [o] to [s], sizing the table once for all of them.
static void set_merge(set_t *s, set_t *o) {
    if (o == s || o->used == 0) {
        return;
    }
    if ((s->fill + o->used) * 5 >= s->mask * 3) {
        set_resize(s, (s->used + o->used) * 2);
    }
    set_entry_t *table = set_table(s);
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        // Same size, no dummies: the slots carry over as they are.
        memcpy(table, o->table, (o->mask + 1) * sizeof(set_entry_t));
        s->fill = s->used = o->used;
        s->hash = 0;
        return;
    }
    if (s->fill == 0) {
        for (size_t i = 0; i <= o->mask; i++) {
            if (o->table[i].key != PY_OBJ_NULL && o->table[i].key != DUMMY) {
                insert_clean(table, s->mask, o->table[i].key, o->table[i].hash);
            }
        }
        s->fill = s->used = o->used;
        s->hash = 0;
        return;
    }
    for (size_t i = 0; i <= o->mask; i++) {
        set_entry_t e = o->table[i];
        if (e.key != PY_OBJ_NULL && e.key != DUMMY) {
            set_add_entry(s, e.key, e.hash);
        }
    }
}

void py_set_update(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (py_obj_is_set_like(other)) {
        set_merge(s, PY_OBJ_TO_PTR(other));
        return;
    }
    if (py_obj_is_type(other, &py_type_dict)) {
        py_map_t *map = py_obj_dict_get_map(other);
        if ((s->fill + map->used) * 5 >= s->mask * 3) {
            set_resize(s, (s->used + map->used) * 2);
        }
        for (size_t i = 0; i < map->filled; i++) {
            py_obj_t k = map->table[i].key;
            if (k != PY_OBJ_NULL) {
                set_add_entry(s, k, key_hash(k));
            }
        }
        return;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        set_add_entry(s, k, key_hash(k));
    }
}

py_obj_t py_set_new(const py_obj_type_t *type, py_obj_t iterable) {
    set_t *s = set_new_empty(type);
    if (iterable != PY_OBJ_NULL) {
        py_set_update(PY_OBJ_FROM_PTR(s), iterable);
    }
    return PY_OBJ_FROM_PTR(s);
}

// A set or frozenset of the same kind as [s] (subclasses map to their built-in base).
static const py_obj_type_t *base_type(const set_t *s) {
    return is_frozen(s) ? &py_type_frozenset : &py_type_set;
}

static set_t *set_copy_of(set_t *s) {
    return PY_OBJ_TO_PTR(py_set_new(base_type(s), PY_OBJ_FROM_PTR(s)));
}

py_obj_t py_obj_new_set(size_t n, const py_obj_t *items) {
    set_t *s = set_new_empty(&py_type_set);
    for (size_t i = 0; i < n; i++) {
        set_add_entry(s, items[i], key_hash(items[i]));
    }
    return PY_OBJ_FROM_PTR(s);
}

void py_obj_set_store(py_obj_t self, py_obj_t item) {
    set_add_entry(PY_OBJ_TO_PTR(self), item, key_hash(item));
}

static py_obj_t set_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                             const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    // A subclass's instances hold a plain set or frozenset as their native part.
    type = py_obj_is_subclass(type, &py_type_frozenset) ? &py_type_frozenset : &py_type_set;
    if (n_args == 1 && type == &py_type_frozenset && py_obj_is_type(args[0], &py_type_frozenset)) {
        return args[0]; // immutable: no need for a copy
    }
    return py_set_new(type, n_args == 1 ? args[0] : PY_OBJ_NULL);
}

// ---- Set algebra --------------------------------------------------------------------------------

py_obj_t py_set_intersection(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (self == other) {
        return PY_OBJ_FROM_PTR(set_copy_of(s));
    }
    set_t *out = set_new_empty(base_type(s));
    if (py_obj_is_set_like(other)) {
        // Walk the smaller set, look up in the larger.
        set_t *walk = PY_OBJ_TO_PTR(other), *look = s;
        if (walk->used > look->used) {
            walk = s;
            look = PY_OBJ_TO_PTR(other);
        }
        size_t pos = 0;
        for (set_entry_t *e; (e = set_next(walk, &pos)) != NULL;) {
            py_obj_t k = e->key;
            size_t h = e->hash;
            if (set_lookup(look, k, h) != NULL) {
                set_add_entry(out, k, h);
            }
        }
        return PY_OBJ_FROM_PTR(out);
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        size_t h = key_hash(k);
        if (set_lookup(s, k, h) != NULL) {
            set_add_entry(out, k, h);
            if (out->used >= s->used) {
                break; // everything has been found
            }
        }
    }
    return PY_OBJ_FROM_PTR(out);
}

void py_set_difference_update(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (self == other) {
        set_clear_all(s);
        return;
    }
    if (py_obj_is_set_like(other)) {
        set_t *o = PY_OBJ_TO_PTR(other);
        if ((o->used >> 3) > s->used) {
            // A much larger other: only the common members matter.
            o = PY_OBJ_TO_PTR(py_set_intersection(self, other));
        }
        size_t pos = 0;
        for (set_entry_t *e; (e = set_next(o, &pos)) != NULL;) {
            set_discard_entry(s, e->key, e->hash);
        }
    } else {
        py_obj_iter_buf_t iter_buf;
        py_obj_t it = py_getiter(other, &iter_buf);
        for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
            k = lookup_key(k);
            set_discard_entry(s, k, key_hash(k));
        }
    }
    // Purge the dummies once they are more than a quarter of the table.
    if (s->fill - s->used > s->mask / 4) {
        set_resize(s, s->used > SET_BIG ? s->used * 2 : s->used * 4);
    }
}

// The size of [other] if it is a set or a dict (whose membership tests are cheap), else -1.
static intptr_t sized_operand(py_obj_t other) {
    if (py_obj_is_set_like(other)) {
        return (intptr_t)((set_t *)PY_OBJ_TO_PTR(other))->used;
    }
    if (py_obj_is_type(other, &py_type_dict)) {
        return (intptr_t)py_obj_dict_len(other);
    }
    return -1;
}

// self - other as CPython computes it: copy self and remove other's members when other is large
// or not a set or dict, else collect the members of self that other lacks.
static py_obj_t set_minus(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    intptr_t other_size = sized_operand(other);
    if (other_size < 0 || (s->used >> 2) > (size_t)other_size) {
        set_t *out = set_copy_of(s);
        py_set_difference_update(PY_OBJ_FROM_PTR(out), other);
        return PY_OBJ_FROM_PTR(out);
    }
    set_t *out = set_new_empty(base_type(s));
    bool is_dict = !py_obj_is_set_like(other);
    size_t pos = 0;
    for (set_entry_t *e; (e = set_next(s, &pos)) != NULL;) {
        py_obj_t k = e->key;
        size_t h = e->hash;
        bool found = is_dict ? py_obj_dict_get(other, k) != PY_OBJ_NULL
                             : set_lookup(PY_OBJ_TO_PTR(other), k, h) != NULL;
        if (!found) {
            set_add_entry(out, k, h);
        }
    }
    return PY_OBJ_FROM_PTR(out);
}

void py_set_symmetric_difference_update(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (self == other) {
        set_clear_all(s);
        return;
    }
    if (py_obj_is_type(other, &py_type_dict)) {
        py_map_t *map = py_obj_dict_get_map(other);
        for (size_t i = 0; i < map->filled; i++) {
            py_obj_t k = map->table[i].key;
            if (k != PY_OBJ_NULL) {
                size_t h = key_hash(k);
                if (!set_discard_entry(s, k, h)) {
                    set_add_entry(s, k, h);
                }
            }
        }
        return;
    }
    set_t *o = py_obj_is_set_like(other) ? PY_OBJ_TO_PTR(other)
                                         : PY_OBJ_TO_PTR(py_set_new(base_type(s), other));
    size_t pos = 0;
    for (set_entry_t *e; (e = set_next(o, &pos)) != NULL;) {
        py_obj_t k = e->key;
        size_t h = e->hash;
        if (!set_discard_entry(s, k, h)) {
            set_add_entry(s, k, h);
        }
    }
}

static py_obj_t set_symmetric_difference_new(py_obj_t self, py_obj_t other) {
    // Built from [other], then updated with [self], as CPython does.
    py_obj_t out = py_set_new(base_type(PY_OBJ_TO_PTR(self)), other);
    py_set_symmetric_difference_update(out, self);
    return out;
}

// Moves the members of [src] (a set nobody else sees) into [s].
static void set_take_members(set_t *s, set_t *src) {
    py_free(s->table);
    s->table = src->table;
    s->mask = src->mask;
    s->fill = src->fill;
    s->used = src->used;
    s->hash = 0;
    src->table = NULL;
    src->fill = src->used = 0;
    src->mask = SET_MIN_SIZE - 1;
}

static bool set_is_subset(set_t *s, set_t *o) {
    if (s->used > o->used) {
        return false;
    }
    size_t pos = 0;
    for (set_entry_t *e; (e = set_next(s, &pos)) != NULL;) {
        if (set_lookup(o, e->key, e->hash) == NULL) {
            return false;
        }
    }
    return true;
}

// ---- Slots --------------------------------------------------------------------------------------

static void set_print_body(const py_print_t *print, py_obj_t self_in) {
    set_t *s = PY_OBJ_TO_PTR(self_in);
    bool frozen = is_frozen(s);
    if (s->used == 0) {
        py_print_str(print, frozen ? "frozenset()" : "set()");
        return;
    }
    py_print_str(print, frozen ? "frozenset({" : "{");
    size_t pos = 0;
    bool first = true;
    for (set_entry_t *e; (e = set_next(s, &pos)) != NULL; first = false) {
        if (!first) {
            py_print_strn(print, ", ", 2);
        }
        py_obj_print_helper(print, e->key, PY_PRINT_REPR);
    }
    py_print_str(print, frozen ? "})" : "}");
}

static void set_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    set_t *s = PY_OBJ_TO_PTR(self_in);
    py_print_guarded(print, self_in, is_frozen(s) ? "frozenset(...)" : "set(...)", set_print_body);
}

static inline size_t shuffle_bits(size_t h) {
    return ((h ^ 89869747u) ^ (h << 16)) * 3644798167u;
}

// CPython's frozenset hash: independent of the members' order.
static size_t frozenset_hash(set_t *s) {
    if (s->hash != 0) {
        return s->hash;
    }
    size_t h = 0, pos = 0;
    for (set_entry_t *e; (e = set_next(s, &pos)) != NULL;) {
        h ^= shuffle_bits(e->hash);
    }
    h ^= (s->used + 1) * (size_t)1927868237u;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069u + 907133923u;
    if (h == (size_t)-1) {
        h = 590923713u;
    }
    s->hash = h;
    return h;
}

static py_obj_t set_unary_op(py_unary_op_t op, py_obj_t self_in) {
    set_t *s = PY_OBJ_TO_PTR(self_in);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(s->used != 0);
        case PY_UNARY_OP_LEN:
            return PY_OBJ_NEW_SMALL_INT(s->used);
        case PY_UNARY_OP_HASH:
            // A mutable set has none, and obj.c reports it unhashable.
            return is_frozen(s) ? PY_OBJ_NEW_SMALL_INT(frozenset_hash(s)) : PY_OBJ_NULL;
        default:
            return PY_OBJ_NULL;
    }
}

static bool set_compare(py_binary_op_t op, set_t *a, set_t *b) {
    switch (op) {
        case PY_BINARY_OP_EQUAL:
            return a->used == b->used && set_is_subset(a, b);
        case PY_BINARY_OP_NOT_EQUAL:
            return !(a->used == b->used && set_is_subset(a, b));
        case PY_BINARY_OP_LESS_EQUAL:
            return set_is_subset(a, b);
        case PY_BINARY_OP_LESS:
            return a->used < b->used && set_is_subset(a, b);
        case PY_BINARY_OP_MORE_EQUAL:
            return set_is_subset(b, a);
        default: // MORE
            return b->used < a->used && set_is_subset(b, a);
    }
}

static py_obj_t set_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    set_t *s = PY_OBJ_TO_PTR(lhs);
    if (op == PY_BINARY_OP_CONTAINS) {
        return PY_OBJ_NEW_BOOL(py_set_contains(lhs, rhs));
    }
    if (!py_obj_is_set_like(rhs)) {
        return PY_OBJ_NULL;
    }
    // The in-place forms change a set; a frozenset falls back to the plain operator.
    if (op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER && is_frozen(s)) {
        return PY_OBJ_NULL;
    }
    switch (op) {
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_MORE_EQUAL:
            return PY_OBJ_NEW_BOOL(set_compare(op, s, PY_OBJ_TO_PTR(rhs)));
        case PY_BINARY_OP_OR: {
            set_t *out = set_copy_of(s);
            if (lhs != rhs) {
                py_set_update(PY_OBJ_FROM_PTR(out), rhs);
            }
            return PY_OBJ_FROM_PTR(out);
        }
        case PY_BINARY_OP_AND:
            return py_set_intersection(lhs, rhs);
        case PY_BINARY_OP_SUBTRACT:
            return set_minus(lhs, rhs);
        case PY_BINARY_OP_XOR:
            return set_symmetric_difference_new(lhs, rhs);
        case PY_BINARY_OP_INPLACE_OR:
            py_set_update(lhs, rhs);
            return lhs;
        case PY_BINARY_OP_INPLACE_AND:
            set_take_members(s, PY_OBJ_TO_PTR(py_set_intersection(lhs, rhs)));
            return lhs;
        case PY_BINARY_OP_INPLACE_SUBTRACT:
            py_set_difference_update(lhs, rhs);
            return lhs;
        case PY_BINARY_OP_INPLACE_XOR:
            py_set_symmetric_difference_update(lhs, rhs);
            return lhs;
        default:
            return PY_OBJ_NULL;
    }
}

// ---- Iterator -----------------------------------------------------------------------------------

typedef struct set_iter {
    py_obj_base_t base;
    set_t *set;
    size_t pos;
    size_t used; // the set's size when iteration began
} set_iter_t;

static py_obj_t set_iter_next(py_obj_t self_in) {
    set_iter_t *it = PY_OBJ_TO_PTR(self_in);
    if (it->set->used != it->used) {
        it->used = it->set->used; // raise once, not on every later call
        py_raise_msg(&py_type_RuntimeError, "Set changed size during iteration");
    }
    set_entry_t *e = set_next(it->set, &it->pos);
    return e != NULL ? e->key : PY_OBJ_STOP_ITERATION;
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
    set_iter_t *it =
        iter_buf != NULL ? (set_iter_t *)iter_buf : py_malloc(sizeof(py_obj_iter_buf_t));
    it->base.type = &set_iter_type;
    it->set = PY_OBJ_TO_PTR(self_in);
    it->pos = 0;
    it->used = it->set->used;
    return PY_OBJ_FROM_PTR(it);
}

// ---- Methods ------------------------------------------------------------------------------------

static py_obj_t set_add(py_obj_t self, py_obj_t item) {
    py_obj_set_store(self, item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_add_obj, set_add);

static py_obj_t set_clear(py_obj_t self) {
    set_clear_all(PY_OBJ_TO_PTR(self));
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_clear_obj, set_clear);

static py_obj_t set_copy(py_obj_t self) {
    set_t *s = PY_OBJ_TO_PTR(self);
    return is_frozen(s) ? self : PY_OBJ_FROM_PTR(set_copy_of(s));
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_copy_obj, set_copy);

// Removes [item]; false if it was not a member.
static bool set_discard_key(py_obj_t self, py_obj_t item) {
    item = lookup_key(item);
    return set_discard_entry(PY_OBJ_TO_PTR(self), item, key_hash(item));
}

static py_obj_t set_discard(py_obj_t self, py_obj_t item) {
    set_discard_key(self, item);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_discard_obj, set_discard);

static py_obj_t set_remove(py_obj_t self, py_obj_t item) {
    if (!set_discard_key(self, item)) {
        py_raise(py_obj_new_exception_arg1(&py_type_KeyError, item));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_remove_obj, set_remove);

static py_obj_t set_pop(py_obj_t self) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (s->used == 0) {
        py_raise_msg(&py_type_KeyError, "pop from an empty set");
    }
    // From the finger on, wrapping around: successive pops walk the table once.
    size_t i = s->finger & s->mask;
    while (s->table[i].key == PY_OBJ_NULL || s->table[i].key == DUMMY) {
        i = (i + 1) & s->mask;
    }
    py_obj_t key = s->table[i].key;
    s->table[i].key = DUMMY;
    s->table[i].hash = (size_t)-1;
    s->used--;
    s->finger = i + 1;
    return key;
}
static PY_DEFINE_CONST_FUN_OBJ_1(set_pop_obj, set_pop);

static py_obj_t set_update_method(size_t n_args, const py_obj_t *args) {
    for (size_t i = 1; i < n_args; i++) {
        py_set_update(args[0], args[i]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_update_obj, 1, set_update_method);

static py_obj_t set_union(size_t n_args, const py_obj_t *args) {
    py_obj_t out = PY_OBJ_FROM_PTR(set_copy_of(PY_OBJ_TO_PTR(args[0])));
    for (size_t i = 1; i < n_args; i++) {
        if (args[i] != args[0]) {
            py_set_update(out, args[i]);
        }
    }
    return out;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_union_obj, 1, set_union);

static py_obj_t set_intersection_multi(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        return PY_OBJ_FROM_PTR(set_copy_of(PY_OBJ_TO_PTR(args[0])));
    }
    py_obj_t out = args[0];
    for (size_t i = 1; i < n_args; i++) {
        out = py_set_intersection(out, args[i]);
    }
    return out;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_intersection_obj, 1, set_intersection_multi);

static py_obj_t set_intersection_update(size_t n_args, const py_obj_t *args) {
    py_obj_t tmp = set_intersection_multi(n_args, args);
    if (tmp != args[0]) {
        set_take_members(PY_OBJ_TO_PTR(args[0]), PY_OBJ_TO_PTR(tmp));
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_intersection_update_obj, 1, set_intersection_update);

static py_obj_t set_difference_multi(size_t n_args, const py_obj_t *args) {
    if (n_args == 1) {
        return PY_OBJ_FROM_PTR(set_copy_of(PY_OBJ_TO_PTR(args[0])));
    }
    py_obj_t out = set_minus(args[0], args[1]);
    for (size_t i = 2; i < n_args; i++) {
        py_set_difference_update(out, args[i]);
    }
    return out;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_difference_obj, 1, set_difference_multi);

static py_obj_t set_difference_update(size_t n_args, const py_obj_t *args) {
    for (size_t i = 1; i < n_args; i++) {
        py_set_difference_update(args[0], args[i]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(set_difference_update_obj, 1, set_difference_update);

static PY_DEFINE_CONST_FUN_OBJ_2(set_symmetric_difference_obj, set_symmetric_difference_new);

static py_obj_t set_symmetric_difference_update(py_obj_t self, py_obj_t other) {
    py_set_symmetric_difference_update(self, other);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_symmetric_difference_update_obj,
                                 set_symmetric_difference_update);

static py_obj_t set_issubset(py_obj_t self, py_obj_t other) {
    set_t *s = PY_OBJ_TO_PTR(self);
    if (!py_obj_is_set_like(other)) {
        set_t *common = PY_OBJ_TO_PTR(py_set_intersection(self, other));
        return PY_OBJ_NEW_BOOL(common->used == s->used);
    }
    return PY_OBJ_NEW_BOOL(set_is_subset(s, PY_OBJ_TO_PTR(other)));
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_issubset_obj, set_issubset);

static py_obj_t set_issuperset(py_obj_t self, py_obj_t other) {
    if (py_obj_is_set_like(other)) {
        return PY_OBJ_NEW_BOOL(set_is_subset(PY_OBJ_TO_PTR(other), PY_OBJ_TO_PTR(self)));
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (!py_set_contains(self, k)) {
            return py_const_false;
        }
    }
    return py_const_true;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_issuperset_obj, set_issuperset);

static py_obj_t set_isdisjoint(py_obj_t self, py_obj_t other) {
    if (py_obj_is_set_like(other)) {
        set_t *walk = PY_OBJ_TO_PTR(other), *look = PY_OBJ_TO_PTR(self);
        if (walk->used > look->used) {
            walk = look;
            look = PY_OBJ_TO_PTR(other);
        }
        size_t pos = 0;
        for (set_entry_t *e; (e = set_next(walk, &pos)) != NULL;) {
            if (set_lookup(look, e->key, e->hash) != NULL) {
                return py_const_false;
            }
        }
        return py_const_true;
    }
    py_obj_iter_buf_t iter_buf;
    py_obj_t it = py_getiter(other, &iter_buf);
    for (py_obj_t k; (k = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (py_set_contains(self, k)) {
            return py_const_false;
        }
    }
    return py_const_true;
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_isdisjoint_obj, set_isdisjoint);

static py_obj_t set_contains_method(py_obj_t self, py_obj_t item) {
    return PY_OBJ_NEW_BOOL(py_set_contains(self, item));
}
static PY_DEFINE_CONST_FUN_OBJ_2(set_contains_obj, set_contains_method);

// set.__init__(self, [iterable]), for subclasses calling super().__init__().
static py_obj_t set_init(size_t n_args, const py_obj_t *args) {
    set_clear_all(PY_OBJ_TO_PTR(args[0]));
    if (n_args == 2) {
        py_set_update(args[0], args[1]);
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(set_init_obj, 1, 2, set_init);

static const py_map_elem_t set_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___contains__), PY_ROM_PTR(&set_contains_obj)},
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&set_init_obj)},
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
    {PY_ROM_QSTR(PY_QSTR___contains__), PY_ROM_PTR(&set_contains_obj)},
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
