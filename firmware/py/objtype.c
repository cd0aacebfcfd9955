// SPDX-License-Identifier: MIT
// objtype.c: the type type, subclass checks, MRO lookups and linearisation, class creation and
// __build_class__.

#include "objtype.h"

#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "runtime.h"

static const py_obj_type_t *as_type(py_const_obj_t o) {
    return (const py_obj_type_t *)o;
}

bool py_obj_is_type_obj(py_const_obj_t o) {
    if (!PY_OBJ_IS_OBJ((py_obj_t)o)) {
        return false;
    }
    const py_obj_type_t *t = ((const py_obj_base_t *)o)->type;
    return t == &py_type_type || (py_type_is_heap(t) && py_obj_is_subclass(t, &py_type_type));
}

// The direct bases of [t] as an array: none for object's children, one, or a tuple's items.
static size_t type_parents(const py_obj_type_t *t, py_obj_t *one, const py_obj_t **items) {
    if (t->parent == NULL) {
        *items = NULL;
        return 0;
    }
    if (py_obj_is_type((py_obj_t)t->parent, &py_type_tuple)) {
        const py_obj_tuple_t *tuple = t->parent;
        *items = tuple->items;
        return tuple->len;
    }
    *one = (py_obj_t)t->parent;
    *items = one;
    return 1;
}

bool py_obj_is_subclass(const py_obj_type_t *t, const py_obj_type_t *base) {
    if (t == base || base == &py_type_object) {
        return true;
    }
    if (py_type_is_heap(t) && t->mro != PY_OBJ_NULL) {
        const py_obj_tuple_t *mro = PY_OBJ_TO_PTR(t->mro);
        for (size_t i = 1; i < mro->len; i++) {
            if (mro->items[i] == (py_obj_t)base) {
                return true;
            }
        }
        return false;
    }
    py_obj_t one;
    const py_obj_t *items;
    size_t n = type_parents(t, &one, &items);
    for (size_t i = 0; i < n; i++) {
        if (py_obj_is_subclass(as_type(items[i]), base)) {
            return true;
        }
    }
    return false;
}

bool py_obj_is_instance(py_obj_t o, const py_obj_type_t *t) {
    return py_obj_is_subclass(py_obj_get_type(o), t);
}

// ---- Lookups ------------------------------------------------------------------------------------

py_obj_t py_type_lookup_own(const py_obj_type_t *t, qstr attr) {
    if (t->locals_dict == NULL) {
        return PY_OBJ_NULL;
    }
    py_map_elem_t *elem = py_map_lookup_qstr(&t->locals_dict->map, attr);
    return elem == NULL ? PY_OBJ_NULL : elem->value;
}

// Depth-first search of a built-in type and its built-in bases (object excluded).
static py_obj_t const_lookup(const py_obj_type_t *t, qstr attr, const py_obj_type_t **found_in) {
    for (;;) {
        py_obj_t v = py_type_lookup_own(t, attr);
        if (v != PY_OBJ_NULL) {
            *found_in = t;
            return v;
        }
        py_obj_t one;
        const py_obj_t *items;
        size_t n = type_parents(t, &one, &items);
        if (n == 0) {
            return PY_OBJ_NULL;
        }
        for (size_t i = 1; i < n; i++) {
            v = const_lookup(as_type(items[i]), attr, found_in);
            if (v != PY_OBJ_NULL) {
                return v;
            }
        }
        t = as_type(items[0]);
    }
}

static py_obj_t lookup_ex_uncached(const py_obj_type_t *type, qstr attr,
                                   const py_obj_type_t **found_in) {
    const py_obj_type_t *where = NULL;
    py_obj_t v = PY_OBJ_NULL;
    if (py_type_is_heap(type)) {
        const py_obj_tuple_t *mro = PY_OBJ_TO_PTR(type->mro);
        for (size_t i = 0; i < mro->len && v == PY_OBJ_NULL; i++) {
            where = as_type(mro->items[i]);
            v = py_type_lookup_own(where, attr);
        }
    } else {
        v = const_lookup(type, attr, &where);
        if (v == PY_OBJ_NULL && type != &py_type_object) {
            where = &py_type_object;
            v = py_type_lookup_own(where, attr);
        }
    }
    *found_in = where;
    return v;
}

static py_obj_t lookup_heap_uncached(const py_obj_type_t *type, qstr attr) {
    const py_obj_tuple_t *mro = PY_OBJ_TO_PTR(type->mro);
    for (size_t i = 0; i < mro->len; i++) {
        const py_obj_type_t *t = as_type(mro->items[i]);
        if (py_type_is_heap(t)) {
            py_obj_t v = py_type_lookup_own(t, attr);
            if (v != PY_OBJ_NULL) {
                return v;
            }
        }
    }
    return PY_OBJ_NULL;
}

// ---- The lookup cache ---------------------------------------------------------------------------
//
// Attribute access asks the same (class, name) questions over and over, and each answer is a walk
// along the MRO through several dicts. The answers are kept in py_state.type_cache, a small
// set-associative table (objtype.h). Any change to any class's dict (those maps are watched, see
// map.c) or the creation of a class (which may reuse a dead class's address) moves to a new
// epoch, which makes every entry stale at once; changes to class dicts are rare next to lookups.

static py_type_cache_entry_t cache_scratch; // for names above PY_TYPE_CACHE_MAX_QSTR

void py_type_cache_invalidate(void) {
    if (++py_state.type_cache_epoch == 0) {
        // Wrapped around: old entries could look current again.
        memset(py_state.type_cache, 0, sizeof(py_state.type_cache));
        py_state.type_cache_epoch = 1;
    }
}

static py_type_cache_entry_t *cache_fill(py_type_cache_entry_t *e, const py_obj_type_t *type,
                                         qstr attr, unsigned heap_only) {
    // Looking up may run code (a key's __eq__) that changes a class: the entry is stamped with
    // the epoch the lookup started in, so such a change leaves it stale.
    uint32_t epoch = py_state.type_cache_epoch;
    const py_obj_type_t *where = NULL;
    py_obj_t member;
    uint8_t flags = (uint8_t)heap_only;
    if (heap_only) {
        member = py_type_is_heap(type) ? lookup_heap_uncached(type, attr) : PY_OBJ_NULL;
    } else {
        member = lookup_ex_uncached(type, attr, &where);
        if (member != PY_OBJ_NULL) {
            if (py_obj_is_data_descriptor(member)) {
                flags |= PY_TYPE_CACHE_DATA_DESC;
            } else if (py_obj_is_type(member, &py_type_fun_bc)) {
                flags |= PY_TYPE_CACHE_METHOD;
            }
        }
    }
    if (attr > PY_TYPE_CACHE_MAX_QSTR) {
        e = &cache_scratch;
        epoch = py_state.type_cache_epoch - 1; // never a hit
    } else {
        // The set's oldest entry makes way.
        memmove(e + 1, e, (PY_TYPE_CACHE_WAYS - 1) * sizeof(*e));
    }
    e->type = type;
    e->found_in = where;
    e->member = member;
    e->epoch = epoch;
    e->key = (uint16_t)py_type_cache_key(attr, heap_only);
    e->flags = flags;
    e->hint = 0;
    return e;
}

py_type_cache_entry_t *py_type_cache_miss(const py_obj_type_t *type, qstr attr) {
    return cache_fill(py_type_cache_set(type, py_type_cache_key(attr, 0)), type, attr, 0);
}

py_obj_t py_type_lookup_ex(const py_obj_type_t *type, qstr attr, const py_obj_type_t **found_in) {
    const py_type_cache_entry_t *e = py_type_lookup_cached(type, attr);
    if (found_in != NULL) {
        *found_in = e->found_in;
    }
    return e->member;
}

py_obj_t py_type_lookup(const py_obj_type_t *type, qstr attr) {
    return py_type_lookup_cached(type, attr)->member;
}

py_obj_t py_type_lookup_heap(const py_obj_type_t *type, qstr attr) {
    if (!py_type_is_heap(type)) {
        return PY_OBJ_NULL;
    }
    size_t key = py_type_cache_key(attr, PY_TYPE_CACHE_HEAP_ONLY);
    py_type_cache_entry_t *e = py_type_cache_set(type, key);
    for (size_t i = 0; i < PY_TYPE_CACHE_WAYS; i++) {
        if (py_type_cache_hit(e + i, type, key)) {
            return e[i].member;
        }
    }
    return cache_fill(e, type, attr, PY_TYPE_CACHE_HEAP_ONLY)->member;
}

// ---- Binding members ----------------------------------------------------------------------------

bool py_obj_binds_self(py_obj_t member) {
    if (!PY_OBJ_IS_OBJ(member)) {
        return false;
    }
    const py_obj_type_t *t = py_obj_get_type(member);
    if (t == &py_type_fun_bc || t == &py_type_fun_builtin) {
        return true;
    }
    // Python functions, closures and generator functions are the callable built-in types that are
    // neither classes nor method wrappers.
    if (py_type_is_heap(t) || t->call == NULL || t == &py_type_bound_meth ||
        t == &py_type_staticmethod || t == &py_type_classmethod) {
        return false;
    }
    return !py_obj_is_type_obj(member);
}

// Calls [member]'s __get__ when its class defines one; PY_OBJ_NULL otherwise.
static py_obj_t call_descriptor_get(py_obj_t member, py_obj_t self, const py_obj_type_t *type) {
    if (!PY_OBJ_IS_OBJ(member) || !py_type_is_heap(py_obj_get_type(member))) {
        return PY_OBJ_NULL;
    }
    py_obj_t args[2] = {self == PY_OBJ_NULL ? py_const_none : self, PY_OBJ_FROM_PTR(type)};
    return py_instance_call_dunder(member, PY_QSTR___get__, 2, args);
}

bool py_obj_is_data_descriptor(py_obj_t member) {
    if (py_obj_is_type(member, &py_type_property)) {
        return true;
    }
    if (!PY_OBJ_IS_OBJ(member) || !py_type_is_heap(py_obj_get_type(member))) {
        return false;
    }
    const py_obj_type_t *t = py_obj_get_type(member);
    return py_type_lookup_heap(t, PY_QSTR___set__) != PY_OBJ_NULL ||
           py_type_lookup_heap(t, PY_QSTR___delete__) != PY_OBJ_NULL;
}

void py_convert_member_lookup(py_obj_t self, const py_obj_type_t *type, py_obj_t member,
                              py_obj_t *dest) {
    if (py_obj_is_type(member, &py_type_staticmethod)) {
        dest[0] = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(member))->fun;
    } else if (py_obj_is_type(member, &py_type_classmethod)) {
        dest[0] = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(member))->fun;
        dest[1] = PY_OBJ_FROM_PTR(type);
    } else if (py_obj_is_type(member, &py_type_property)) {
        dest[0] = py_property_get(member, self);
    } else if (py_obj_binds_self(member)) {
        dest[0] = member;
        dest[1] = self;
    } else {
        py_obj_t v = call_descriptor_get(member, self, type);
        dest[0] = v != PY_OBJ_NULL ? v : member;
    }
}

void py_instance_convert_member(py_obj_t self, const py_obj_type_t *type,
                                const py_obj_type_t *found_in, py_obj_t member, py_obj_t *dest) {
    if (found_in != NULL && !py_type_is_heap(found_in) && found_in != &py_type_object &&
        py_type_is_heap(type) && ((const py_obj_heap_type_t *)type)->layout == PY_LAYOUT_SUBOBJ) {
        self = py_instance_native(self);
    }
    py_convert_member_lookup(self, type, member, dest);
}

void py_type_convert_class_member(const py_obj_type_t *cls, py_obj_t member, py_obj_t *dest) {
    if (py_obj_is_type(member, &py_type_staticmethod)) {
        dest[0] = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(member))->fun;
    } else if (py_obj_is_type(member, &py_type_classmethod)) {
        dest[0] = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(member))->fun;
        dest[1] = PY_OBJ_FROM_PTR(cls);
    } else {
        py_obj_t v = call_descriptor_get(member, PY_OBJ_NULL, cls);
        dest[0] = v != PY_OBJ_NULL ? v : member;
    }
}

py_obj_t py_call_with_self(py_obj_t fun, py_obj_t self, size_t n_args, size_t n_kw,
                           const py_obj_t *args) {
    size_t n = n_args + 2 * n_kw;
    py_obj_t small[8];
    py_obj_t *all = n + 2 <= PY_ARRAY_SIZE(small) ? small : py_new(py_obj_t, n + 2);
    all[0] = fun;
    all[1] = self;
    if (n > 0) {
        memcpy(all + 2, args, n * sizeof(py_obj_t));
    }
    return py_call_method_n_kw(n_args, n_kw, all);
}

// ---- MRO (C3 linearisation) ---------------------------------------------------------------------

static py_obj_t mro_list(const py_obj_type_t *t);

static bool in_tail(py_obj_t cand, size_t n, py_obj_list_t **seqs, const size_t *pos) {
    for (size_t j = 0; j < n; j++) {
        for (size_t k = pos[j] + 1; k < seqs[j]->len; k++) {
            if (seqs[j]->items[k] == cand) {
                return true;
            }
        }
    }
    return false;
}

// [head] followed by the C3 merge of its bases' MROs and the list of bases.
static py_obj_t linearize(py_obj_t head, size_t n_bases, const py_obj_t *bases) {
    size_t n = n_bases + 1;
    py_obj_list_t **seqs = py_new(py_obj_list_t *, n);
    size_t *pos = py_new_noscan(size_t, n);
    for (size_t i = 0; i < n_bases; i++) {
        seqs[i] = PY_OBJ_TO_PTR(mro_list(as_type(bases[i])));
    }
    seqs[n_bases] = PY_OBJ_TO_PTR(py_obj_new_list(n_bases, bases));
    py_obj_t result = py_obj_new_list(1, &head);
    for (;;) {
        bool any = false;
        py_obj_t cand = PY_OBJ_NULL;
        for (size_t i = 0; i < n && cand == PY_OBJ_NULL; i++) {
            if (pos[i] < seqs[i]->len) {
                any = true;
                py_obj_t c = seqs[i]->items[pos[i]];
                if (!in_tail(c, n, seqs, pos)) {
                    cand = c;
                }
            }
        }
        if (!any) {
            break;
        }
        if (cand == PY_OBJ_NULL) {
            py_raise_TypeError("Cannot create a consistent method resolution order (MRO)");
        }
        py_obj_list_append(result, cand);
        for (size_t i = 0; i < n; i++) {
            if (pos[i] < seqs[i]->len && seqs[i]->items[pos[i]] == cand) {
                pos[i]++;
            }
        }
    }
    return result;
}

static py_obj_t mro_list(const py_obj_type_t *t) {
    if (py_type_is_heap(t)) {
        py_obj_tuple_t *mro = PY_OBJ_TO_PTR(t->mro);
        return py_obj_new_list(mro->len, mro->items);
    }
    if (t == &py_type_object) {
        py_obj_t o = PY_OBJ_FROM_PTR(&py_type_object);
        return py_obj_new_list(1, &o);
    }
    py_obj_t one;
    const py_obj_t *items;
    size_t n = type_parents(t, &one, &items);
    if (n == 0) {
        one = PY_OBJ_FROM_PTR(&py_type_object);
        items = &one;
        n = 1;
    }
    return linearize(PY_OBJ_FROM_PTR(t), n, items);
}

py_obj_t py_type_get_mro(const py_obj_type_t *type) {
    if (py_type_is_heap(type)) {
        return type->mro;
    }
    return py_obj_tuple_from_iterable(mro_list(type));
}

static py_obj_t type_bases_tuple(const py_obj_type_t *t) {
    py_obj_t one;
    const py_obj_t *items;
    size_t n = type_parents(t, &one, &items);
    if (n == 0 && t != &py_type_object) {
        one = PY_OBJ_FROM_PTR(&py_type_object);
        return py_obj_new_tuple(1, &one);
    }
    return py_obj_new_tuple(n, items);
}

// ---- The type type -----------------------------------------------------------------------------

// A class's __module__ for printing, or PY_OBJ_NULL for built-in types and builtins.
static py_obj_t type_module(const py_obj_type_t *t) {
    if (!py_type_is_heap(t)) {
        return PY_OBJ_NULL;
    }
    py_obj_t mod = py_type_lookup_own(t, PY_QSTR___module__);
    if (mod == PY_OBJ_NULL || !py_obj_is_str(mod) ||
        py_obj_equal(mod, PY_OBJ_NEW_QSTR(PY_QSTR_builtins))) {
        return PY_OBJ_NULL;
    }
    return mod;
}

static void type_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    const py_obj_type_t *t = as_type(self);
    py_obj_t mod = type_module(t);
    py_print_str(print, "<class '");
    if (mod != PY_OBJ_NULL) {
        py_obj_print_helper(print, mod, PY_PRINT_STR);
        py_print_str(print, ".");
    }
    py_printf(print, "%q'>", (qstr)t->name);
}

static py_obj_t type_new_impl(const py_obj_type_t *meta, size_t n_args, const py_obj_t *args,
                              py_map_t *kw) {
    if (n_args == 1 && (kw == NULL || kw->used == 0)) {
        return PY_OBJ_FROM_PTR(py_obj_get_type(args[0]));
    }
    if (n_args != 3) {
        py_raise_TypeError("type() takes 1 or 3 arguments");
    }
    if (!py_obj_is_str(args[0]) || !py_obj_is_type(args[1], &py_type_tuple) ||
        !py_obj_is_type(args[2], &py_type_dict)) {
        py_raise_TypeError("type.__new__() argument types must be str, tuple, dict");
    }
    return py_type_new_class(meta, py_obj_str_get_qstr(args[0]), args[1], args[2], kw);
}

static py_obj_t type_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                              const py_obj_t *args) {
    py_map_t kw;
    py_map_init(&kw, n_kw);
    for (size_t i = 0; i < n_kw; i++) {
        py_map_lookup(&kw, args[n_args + 2 * i], PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value =
            args[n_args + 2 * i + 1];
    }
    return type_new_impl(type, n_args, args, &kw);
}

static py_obj_t type_call(py_obj_t self, size_t n_args, size_t n_kw, const py_obj_t *args) {
    const py_obj_type_t *t = as_type(self);
    if (t->make_new == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "cannot create '%q' instances", (qstr)t->name);
    }
    return t->make_new(t, n_args, n_kw, args);
}

// type.__new__(meta, name, bases, dict, **kw), reached through super() or a metaclass.
static py_obj_t type___new__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    if (!py_obj_is_type_obj(args[0]) || !py_obj_is_subclass(as_type(args[0]), &py_type_type)) {
        py_raise_TypeError("type.__new__(X): X is not a type object");
    }
    return type_new_impl(as_type(args[0]), n_args - 1, args + 1, kw);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(type___new___fun_obj, 1, type___new__);
static PY_DEFINE_CONST_STATICMETHOD_OBJ(type___new___obj, PY_ROM_PTR(&type___new___fun_obj));

static py_obj_t type___init__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    (void)n_args;
    (void)args;
    (void)kw;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(type___init___obj, 1, type___init__);

// type.__call__(cls, *args, **kw): what calling a class does (reached through super() in a
// metaclass's __call__).
static py_obj_t type___call__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    if (!py_obj_is_type_obj(args[0])) {
        py_raise_TypeError("descriptor '__call__' requires a 'type' object");
    }
    const py_obj_type_t *t = as_type(args[0]);
    size_t n_kw = kw->used;
    py_obj_t *all = py_new(py_obj_t, n_args - 1 + 2 * n_kw + 1);
    if (n_args > 1) {
        memcpy(all, args + 1, (n_args - 1) * sizeof(py_obj_t));
    }
    size_t j = n_args - 1;
    for (size_t i = 0; i < kw->filled; i++) {
        if (py_map_slot_is_filled(kw, i)) {
            all[j++] = kw->table[i].key;
            all[j++] = kw->table[i].value;
        }
    }
    return type_call(PY_OBJ_FROM_PTR(t), n_args - 1, n_kw, all);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(type___call___obj, 1, type___call__);

static py_obj_t type_mro(py_obj_t self) {
    if (!py_obj_is_type_obj(self)) {
        py_raise_TypeError("descriptor 'mro' requires a 'type' object");
    }
    return py_obj_list_from_iterable(py_type_get_mro(as_type(self)));
}
static PY_DEFINE_CONST_FUN_OBJ_1(type_mro_obj, type_mro);

static const py_map_elem_t type_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___new__), PY_ROM_PTR(&type___new___obj)},
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&type___init___obj)},
    {PY_ROM_QSTR(PY_QSTR___call__), PY_ROM_PTR(&type___call___obj)},
    {PY_ROM_QSTR(PY_QSTR_mro), PY_ROM_PTR(&type_mro_obj)},
};
static PY_DEFINE_CONST_DICT(type_locals_dict, type_locals_table);

// Attributes every class has that are not in its dict; PY_OBJ_NULL for other names.
static py_obj_t type_special_attr(const py_obj_type_t *t, qstr attr) {
    switch (attr) {
        case PY_QSTR___name__:
        case PY_QSTR___qualname__:
            return PY_OBJ_NEW_QSTR(t->name);
        case PY_QSTR___bases__:
            return type_bases_tuple(t);
        case PY_QSTR___base__: {
            py_obj_t one;
            const py_obj_t *items;
            size_t n = type_parents(t, &one, &items);
            return n > 0                  ? items[0]
                   : t == &py_type_object ? py_const_none
                                          : PY_OBJ_FROM_PTR(&py_type_object);
        }
        case PY_QSTR___mro__:
            return py_type_get_mro(t);
        case PY_QSTR___dict__:
            return t->locals_dict != NULL ? PY_OBJ_FROM_PTR(t->locals_dict) : py_obj_new_dict(0);
        case PY_QSTR___class__:
            return PY_OBJ_FROM_PTR(py_obj_get_type(t));
        case PY_QSTR___module__:
            if (!py_type_is_heap(t)) {
                return PY_OBJ_NEW_QSTR(PY_QSTR_builtins);
            }
            return PY_OBJ_NULL;
        case PY_QSTR___doc__:
            if (py_type_lookup_own(t, PY_QSTR___doc__) == PY_OBJ_NULL) {
                return py_const_none;
            }
            return PY_OBJ_NULL;
        default:
            return PY_OBJ_NULL;
    }
}

static void type_store_attr(const py_obj_type_t *t, qstr attr, py_obj_t *dest) {
    if (!py_type_is_heap(t)) {
        py_raise_msg_varg(&py_type_TypeError, "cannot set '%q' attribute of immutable type '%q'",
                          attr, (qstr)t->name);
    }
    py_obj_t dict = PY_OBJ_FROM_PTR(t->locals_dict);
    if (dest[1] == PY_OBJ_NULL) {
        if (!py_map_remove(&t->locals_dict->map, PY_OBJ_NEW_QSTR(attr), NULL)) {
            py_raise_msg_varg(&py_type_AttributeError, "type object '%q' has no attribute '%q'",
                              (qstr)t->name, attr);
        }
    } else {
        py_obj_dict_store(dict, PY_OBJ_NEW_QSTR(attr), dest[1]);
    }
    const char *s = py_qstr_str(attr);
    if (s[0] == '_' && s[1] == '_') {
        py_heap_type_update_slots((py_obj_heap_type_t *)t);
    }
    dest[0] = PY_OBJ_NULL;
}

// A built-in type's method taken from the class (list.append): called with an instance of a
// Python subclass of that type, it is given the instance's native subobject.
typedef struct native_meth {
    py_obj_base_t base;
    py_obj_t fun;
    const py_obj_type_t *native;
} native_meth_t;

static py_obj_t native_meth_call(py_obj_t self, size_t n_args, size_t n_kw, const py_obj_t *args) {
    native_meth_t *m = PY_OBJ_TO_PTR(self);
    if (n_args > 0 && PY_OBJ_IS_OBJ(args[0]) && py_type_is_heap(py_obj_get_type(args[0]))) {
        const py_obj_heap_type_t *ht = (const py_obj_heap_type_t *)py_obj_get_type(args[0]);
        if (ht->layout == PY_LAYOUT_SUBOBJ && py_obj_is_subclass(ht->native_base, m->native)) {
            return py_call_with_self(m->fun, py_instance_native(args[0]), n_args - 1, n_kw,
                                     args + 1);
        }
    }
    return py_call_function_n_kw(m->fun, n_args, n_kw, args);
}

static void native_meth_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    py_obj_print_helper(print, ((native_meth_t *)PY_OBJ_TO_PTR(self))->fun, kind);
}

static void native_meth_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] == PY_OBJ_NULL) {
        py_load_method_maybe(((native_meth_t *)PY_OBJ_TO_PTR(self))->fun, attr, dest);
    }
}

static const py_obj_type_t native_meth_type = {
    .base = {&py_type_type},
    .name = PY_QSTR_method_descriptor,
    .print = native_meth_print,
    .call = native_meth_call,
    .attr = native_meth_attr,
};

// Does a function found in built-in type [t] need unwrapping of subclass instances?
static bool has_subobj_instances(const py_obj_type_t *t) {
    return !py_type_is_heap(t) && t != &py_type_object && !(t->flags & PY_TYPE_FLAG_IS_EXCEPTION) &&
           (t->flags & PY_TYPE_FLAG_BASETYPE) && !py_obj_is_subclass(t, &py_type_type);
}

static void type_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    const py_obj_type_t *t = as_type(self);
    if (dest[0] != PY_OBJ_NULL) {
        type_store_attr(t, attr, dest);
        return;
    }
    py_obj_t v = type_special_attr(t, attr);
    if (v != PY_OBJ_NULL) {
        dest[0] = v;
        return;
    }
    const py_obj_type_t *found_in;
    py_obj_t member = py_type_lookup_ex(t, attr, &found_in);
    if (member != PY_OBJ_NULL) {
        if (py_obj_is_type(member, &py_type_fun_builtin) && has_subobj_instances(found_in)) {
            native_meth_t *m = py_new_obj(native_meth_t, &native_meth_type);
            m->fun = member;
            m->native = found_in;
            dest[0] = PY_OBJ_FROM_PTR(m);
            return;
        }
        py_type_convert_class_member(t, member, dest);
        return;
    }
    // Methods of the metaclass (type's own, such as mro, or a Python metaclass's).
    const py_obj_type_t *meta = py_obj_get_type(self);
    member = py_type_lookup_ex(meta, attr, &found_in);
    if (member != PY_OBJ_NULL && found_in != &py_type_object) {
        py_convert_member_lookup(self, meta, member, dest);
    }
}

const py_obj_type_t py_type_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE | PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_type,
    .print = type_print,
    .make_new = type_make_new,
    .call = type_call,
    .attr = type_attr,
    .locals_dict = (py_obj_dict_t *)&type_locals_dict,
};

// Calls [fun] with the keyword arguments in [kw] (may be NULL) after [n_args] positional ones.
static py_obj_t call_with_kw_map(py_obj_t fun, py_obj_t self, size_t n_args, const py_obj_t *args,
                                 py_map_t *kw) {
    size_t n_kw = kw == NULL ? 0 : kw->used;
    py_obj_t small[8];
    size_t n = n_args + 2 * n_kw;
    py_obj_t *all = n <= PY_ARRAY_SIZE(small) ? small : py_new(py_obj_t, n);
    if (n_args > 0) {
        memcpy(all, args, n_args * sizeof(py_obj_t));
    }
    size_t j = n_args;
    for (size_t i = 0; kw != NULL && i < kw->filled; i++) {
        if (py_map_slot_is_filled(kw, i)) {
            all[j++] = kw->table[i].key;
            all[j++] = kw->table[i].value;
        }
    }
    if (self != PY_OBJ_NULL) {
        return py_call_with_self(fun, self, n_args, n_kw, all);
    }
    return py_call_function_n_kw(fun, n_args, n_kw, all);
}

// ---- Class creation -----------------------------------------------------------------------------

static const py_obj_type_t *base_native(const py_obj_type_t *b) {
    if (py_type_is_heap(b)) {
        return ((const py_obj_heap_type_t *)b)->native_base;
    }
    return b == &py_type_object ? NULL : b;
}

// The one built-in type the bases derive from (other than object).
static const py_obj_type_t *find_native_base(size_t n, const py_obj_t *bases) {
    const py_obj_type_t *native = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!py_obj_is_type_obj(bases[i])) {
            py_raise_TypeError("bases must be types");
        }
        const py_obj_type_t *b = as_type(bases[i]);
        if (!py_type_is_heap(b) && !(b->flags & PY_TYPE_FLAG_BASETYPE)) {
            py_raise_msg_varg(&py_type_TypeError, "type '%q' is not an acceptable base type",
                              (qstr)b->name);
        }
        const py_obj_type_t *nb = base_native(b);
        if (nb == NULL || nb == native) {
            continue;
        }
        if (native == NULL || py_obj_is_subclass(nb, native)) {
            native = nb;
        } else if (py_obj_is_subclass(native, nb)) {
            continue;
        } else if (!((native->flags & nb->flags) & PY_TYPE_FLAG_IS_EXCEPTION)) {
            py_raise_TypeError("multiple bases have instance lay-out conflict");
        }
    }
    return native;
}

static bool is_plain_function(py_obj_t o) {
    return py_obj_binds_self(o) && !py_obj_is_type(o, &py_type_fun_builtin);
}

// The implicit conversions type.__new__ makes in a class namespace.
static void prepare_namespace(py_obj_t dict) {
    static const uint16_t as_static[] = {PY_QSTR___new__};
    static const uint16_t as_class[] = {PY_QSTR___init_subclass__, PY_QSTR___class_getitem__};
    py_map_t *map = py_obj_dict_get_map(dict);
    py_map_elem_t *e = py_map_lookup_qstr(map, as_static[0]);
    if (e != NULL && is_plain_function(e->value)) {
        py_obj_static_class_method_t *sm =
            py_new_obj(py_obj_static_class_method_t, &py_type_staticmethod);
        sm->fun = e->value;
        py_map_lookup_qstr(map, as_static[0])->value = PY_OBJ_FROM_PTR(sm);
    }
    for (size_t i = 0; i < PY_ARRAY_SIZE(as_class); i++) {
        e = py_map_lookup_qstr(map, as_class[i]);
        if (e != NULL && is_plain_function(e->value)) {
            py_obj_static_class_method_t *cm =
                py_new_obj(py_obj_static_class_method_t, &py_type_classmethod);
            cm->fun = e->value;
            py_map_lookup_qstr(map, as_class[i])->value = PY_OBJ_FROM_PTR(cm);
        }
    }
    // Defining __eq__ without __hash__ makes instances unhashable.
    if (py_map_lookup_qstr(map, PY_QSTR___eq__) != NULL &&
        py_map_lookup_qstr(map, PY_QSTR___hash__) == NULL) {
        py_obj_dict_store(dict, PY_OBJ_NEW_QSTR(PY_QSTR___hash__), py_const_none);
    }
}

// Calls __set_name__(cls, name) on namespace values whose class defines it.
static void call_set_name(py_obj_t cls, py_map_t *map) {
    for (size_t i = 0; i < map->filled; i++) {
        if (!py_map_slot_is_filled(map, i)) {
            continue;
        }
        py_obj_t v = map->table[i].value;
        if (PY_OBJ_IS_OBJ(v) && py_type_is_heap(py_obj_get_type(v))) {
            py_obj_t args[2] = {cls, map->table[i].key};
            py_instance_call_dunder(v, PY_QSTR___set_name__, 2, args);
        }
    }
}

// super(cls, cls).__init_subclass__(**kw)
static void call_init_subclass(py_obj_heap_type_t *t, py_map_t *kw) {
    const py_obj_tuple_t *mro = PY_OBJ_TO_PTR(t->type.mro);
    for (size_t i = 1; i < mro->len; i++) {
        py_obj_t m = py_type_lookup_own(as_type(mro->items[i]), PY_QSTR___init_subclass__);
        if (m == PY_OBJ_NULL) {
            continue;
        }
        py_obj_t dest[2] = {PY_OBJ_NULL, PY_OBJ_NULL};
        py_type_convert_class_member(&t->type, m, dest);
        call_with_kw_map(dest[0], dest[1], 0, NULL, kw);
        return;
    }
}

static void set_layout(py_obj_heap_type_t *t, const py_obj_type_t *native) {
    t->native_base = native;
    if (native == NULL) {
        t->layout = PY_LAYOUT_PLAIN;
    } else if ((native->flags & PY_TYPE_FLAG_IS_EXCEPTION) ||
               py_obj_is_subclass(native, &py_type_type)) {
        t->layout = PY_LAYOUT_SELF;
        t->type.flags |= native->flags & PY_TYPE_FLAG_IS_EXCEPTION;
    } else {
        t->layout = PY_LAYOUT_SUBOBJ;
    }
}

py_obj_t py_type_new_class(const py_obj_type_t *meta, qstr name, py_obj_t bases, py_obj_t dict,
                           py_map_t *kw) {
    py_obj_tuple_t *b = PY_OBJ_TO_PTR(bases);
    const py_obj_type_t *native = find_native_base(b->len, b->items);
    prepare_namespace(dict);
    if (name > 0xffff) {
        py_raise_msg(&py_type_RuntimeError, "too many names");
    }
    py_obj_heap_type_t *t = py_obj_alloc(sizeof(py_obj_heap_type_t), meta);
    t->type.flags = PY_TYPE_FLAG_IS_HEAP | PY_TYPE_FLAG_BASETYPE;
    t->type.name = (uint16_t)name;
    if (b->len == 1 && b->items[0] != PY_OBJ_FROM_PTR(&py_type_object)) {
        t->type.parent = PY_OBJ_TO_PTR(b->items[0]);
    } else if (b->len > 1) {
        t->type.parent = b;
    }
    t->type.locals_dict = PY_OBJ_TO_PTR(dict);
    // The cache may hold answers about a dead class that lived at this address; and from now on
    // it must hear about changes to this class's dict.
    py_type_cache_invalidate();
    if (!t->type.locals_dict->map.is_fixed) {
        t->type.locals_dict->map.is_watched = 1;
    }
    set_layout(t, native);
    py_obj_t obj = PY_OBJ_FROM_PTR(&py_type_object);
    py_obj_t mro = b->len == 0 ? linearize(PY_OBJ_FROM_PTR(t), 1, &obj)
                               : linearize(PY_OBJ_FROM_PTR(t), b->len, b->items);
    t->type.mro = py_obj_tuple_from_iterable(mro);
    py_heap_type_update_slots(t);
    call_set_name(PY_OBJ_FROM_PTR(t), py_obj_dict_get_map(dict));
    call_init_subclass(t, kw);
    t->key_gen = py_state.type_key_gen;
    return PY_OBJ_FROM_PTR(t);
}

// ---- __build_class__ ----------------------------------------------------------------------------

// The most derived metaclass among the explicit one and the bases' (TypeError on a conflict).
static const py_obj_type_t *pick_metaclass(py_obj_t explicit_meta, py_obj_tuple_t *bases) {
    if (explicit_meta != PY_OBJ_NULL && !py_obj_is_type_obj(explicit_meta)) {
        return NULL; // a plain callable: it is called as is
    }
    const py_obj_type_t *meta =
        explicit_meta != PY_OBJ_NULL ? as_type(explicit_meta) : &py_type_type;
    for (size_t i = 0; i < bases->len; i++) {
        const py_obj_type_t *bm = py_obj_get_type(bases->items[i]);
        if (py_obj_is_subclass(meta, bm)) {
            continue;
        }
        if (py_obj_is_subclass(bm, meta)) {
            meta = bm;
        } else {
            py_raise_TypeError("metaclass conflict: the metaclass of a derived class must be a "
                               "(non-strict) subclass of the metaclasses of all its bases");
        }
    }
    return meta;
}

static py_obj_t builtin___build_class__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    if (n_args < 2 || !py_obj_is_str(args[1])) {
        py_raise_TypeError("__build_class__: name is not a string");
    }
    py_obj_t explicit_meta = PY_OBJ_NULL;
    py_map_t rest;
    py_map_init(&rest, kw == NULL ? 0 : kw->used);
    for (size_t i = 0; kw != NULL && i < kw->filled; i++) {
        if (!py_map_slot_is_filled(kw, i)) {
            continue;
        }
        if (py_obj_equal(kw->table[i].key, PY_OBJ_NEW_QSTR(PY_QSTR_metaclass))) {
            explicit_meta = kw->table[i].value;
        } else {
            py_map_lookup(&rest, kw->table[i].key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value =
                kw->table[i].value;
        }
    }
    py_obj_t bases = py_obj_new_tuple(n_args - 2, args + 2);
    const py_obj_type_t *meta = pick_metaclass(explicit_meta, PY_OBJ_TO_PTR(bases));
    py_obj_t ns = py_obj_new_dict(0);
    py_obj_dict_t *globals = py_globals_get();
    if (globals != NULL) {
        py_obj_t mod = py_obj_dict_get(PY_OBJ_FROM_PTR(globals), PY_OBJ_NEW_QSTR(PY_QSTR___name__));
        if (mod != PY_OBJ_NULL) {
            py_obj_dict_store(ns, PY_OBJ_NEW_QSTR(PY_QSTR___module__), mod);
        }
    }
    py_obj_t cell = py_call_class_body(args[0], PY_OBJ_TO_PTR(ns));
    py_obj_t cls;
    if (meta == &py_type_type) {
        cls = py_type_new_class(meta, py_obj_str_get_qstr(args[1]), bases, ns, &rest);
    } else {
        py_obj_t call_args[3] = {args[1], bases, ns};
        py_obj_t callee = meta != NULL ? PY_OBJ_FROM_PTR(meta) : explicit_meta;
        cls = call_with_kw_map(callee, PY_OBJ_NULL, 3, call_args, &rest);
    }
    if (cell != PY_OBJ_NULL) {
        py_obj_cell_set(cell, cls);
    }
    return cls;
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_builtin___build_class___obj, 2, builtin___build_class__);
