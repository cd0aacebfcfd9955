// SPDX-License-Identifier: MIT
// modcollections.c: the collections module: OrderedDict, namedtuple and deque.
//
// OrderedDict is a dict variant: a dict object (dicts keep insertion order already) whose type
// adds move_to_end, popitem(last=), order-sensitive equality between OrderedDicts and its repr.
// namedtuple() makes a new type per call whose instances are tuples (same layout, so the tuple
// slots work on them) with fields readable by name. deque is a ring buffer (collections_deque.c).

#include <string.h>

#include "extmod.h"
#include "gc.h"

// ---- OrderedDict --------------------------------------------------------------------------------

static const py_obj_type_t ordereddict_type;

static py_obj_t od_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                            const py_obj_t *args) {
    py_obj_t d = py_type_dict.make_new(&py_type_dict, n_args, n_kw, args);
    // Same layout as a dict: only the type changes.
    ((py_obj_base_t *)PY_OBJ_TO_PTR(d))->type = type;
    return d;
}

// OrderedDict([('a', 1), ('b', 2)]) as CPython 3.11 prints it.
static void od_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_map_t *map = &((py_obj_dict_t *)PY_OBJ_TO_PTR(self_in))->map;
    py_printf(print, "%q(", (qstr)py_obj_get_type(self_in)->name);
    if (map->used > 0) {
        py_print_str(print, "[");
        bool first = true;
        for (size_t i = 0; i < map->filled; i++) {
            py_map_elem_t e = map->table[i];
            if (e.key == PY_OBJ_NULL) {
                continue;
            }
            py_print_str(print, first ? "(" : ", (");
            first = false;
            py_obj_print_helper(print, e.key, PY_PRINT_REPR);
            py_print_str(print, ", ");
            py_obj_print_helper(print, e.value, PY_PRINT_REPR);
            py_print_str(print, ")");
        }
        py_print_str(print, "]");
    }
    py_print_str(print, ")");
}

static py_obj_t od_unary_op(py_unary_op_t op, py_obj_t self) {
    return py_type_dict.unary_op(op, self);
}

// Two OrderedDicts are equal only with the same order; against a dict, order does not matter.
static bool od_equal_ordered(py_map_t *a, py_map_t *b) {
    if (a->used != b->used) {
        return false;
    }
    size_t j = 0;
    for (size_t i = 0; i < a->filled; i++) {
        if (a->table[i].key == PY_OBJ_NULL) {
            continue;
        }
        while (b->table[j].key == PY_OBJ_NULL) {
            j++;
        }
        if (!py_obj_equal(a->table[i].key, b->table[j].key) ||
            !py_obj_equal(a->table[i].value, b->table[j].value)) {
            return false;
        }
        j++;
    }
    return true;
}

static py_obj_t od_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if ((op == PY_BINARY_OP_EQUAL || op == PY_BINARY_OP_NOT_EQUAL)) {
        if (py_obj_is_type(rhs, &ordereddict_type)) {
            bool eq = od_equal_ordered(&((py_obj_dict_t *)PY_OBJ_TO_PTR(lhs))->map,
                                       &((py_obj_dict_t *)PY_OBJ_TO_PTR(rhs))->map);
            return PY_OBJ_NEW_BOOL(eq == (op == PY_BINARY_OP_EQUAL));
        }
    }
    return py_type_dict.binary_op(op, lhs, rhs);
}

static py_obj_t od_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    return py_type_dict.subscr(self, index, value);
}

static py_obj_t od_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    return py_type_dict.getiter(self, iter_buf);
}

static py_map_t *od_map(py_obj_t self) {
    py_map_t *map = &((py_obj_dict_t *)PY_OBJ_TO_PTR(self))->map;
    if (map->is_fixed) {
        py_raise_TypeError("dict is read-only");
    }
    return map;
}

// move_to_end(key, last=True)
static py_obj_t od_move_to_end(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_self, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_key, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_last, PY_ARG_BOOL, {.u_bool = true}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_map_t *map = od_map(vals[0].u_obj);
    py_obj_t key = vals[1].u_obj;
    py_obj_t value;
    if (!py_map_remove(map, key, &value)) {
        py_raise(py_obj_new_exception_arg1(&py_type_KeyError, key));
    }
    if (vals[2].u_bool) {
        py_map_lookup(map, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
        return py_const_none;
    }
    // To the front: take the other entries out and put them back after [key].
    size_t n = map->used;
    py_map_elem_t *rest = py_new(py_map_elem_t, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < map->filled; i++) {
        if (map->table[i].key != PY_OBJ_NULL) {
            rest[k++] = map->table[i];
        }
    }
    py_map_clear(map);
    py_map_lookup(map, key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = value;
    for (size_t i = 0; i < k; i++) {
        py_map_lookup(map, rest[i].key, PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = rest[i].value;
    }
    py_free(rest);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(od_move_to_end_obj, 2, od_move_to_end);

// popitem(last=True): the newest entry, or the oldest with last=False.
static py_obj_t od_popitem(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_self, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_last, PY_ARG_BOOL, {.u_bool = true}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_map_t *map = od_map(vals[0].u_obj);
    if (map->used == 0) {
        py_raise_msg(&py_type_KeyError, "dictionary is empty");
    }
    py_map_elem_t e = {PY_OBJ_NULL, PY_OBJ_NULL};
    if (vals[1].u_bool) {
        py_map_pop_last(map, &e);
    } else {
        for (size_t i = 0; i < map->filled; i++) {
            if (map->table[i].key != PY_OBJ_NULL) {
                e = map->table[i];
                break;
            }
        }
        py_map_remove(map, e.key, NULL);
    }
    py_obj_t pair[2] = {e.key, e.value};
    return py_obj_new_tuple(2, pair);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(od_popitem_obj, 1, od_popitem);

static const py_map_elem_t od_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_move_to_end), PY_ROM_PTR(&od_move_to_end_obj)},
    {PY_ROM_QSTR(PY_QSTR_popitem), PY_ROM_PTR(&od_popitem_obj)},
};
static PY_DEFINE_CONST_DICT(od_locals_dict, od_locals_table);

static const py_obj_type_t ordereddict_type = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_OrderedDict,
    .print = od_print,
    .make_new = od_make_new,
    .unary_op = od_unary_op,
    .binary_op = od_binary_op,
    .subscr = od_subscr,
    .getiter = od_getiter,
    .parent = &py_type_dict,
    .locals_dict = (py_obj_dict_t *)&od_locals_dict,
};

// ---- namedtuple ---------------------------------------------------------------------------------

// A namedtuple class, made on the heap by namedtuple(). Instances are py_obj_tuple_t.
typedef struct nt_type {
    py_obj_type_t type;
    py_obj_tuple_t *fields;   // the field names as qstr objects
    py_obj_tuple_t *defaults; // values for the last fields, or NULL
} nt_type_t;

static const nt_type_t *nt_type_of(py_obj_t self) {
    return (const nt_type_t *)py_obj_get_type(self);
}

static py_obj_t nt_new_instance(const py_obj_type_t *type, size_t n, const py_obj_t *items) {
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(n, items));
    t->base.type = type;
    return PY_OBJ_FROM_PTR(t);
}

static py_obj_t nt_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                            const py_obj_t *args) {
    const nt_type_t *nt = (const nt_type_t *)type;
    size_t n_fields = nt->fields->len;
    if (n_args > n_fields) {
        py_raise_msg_varg(&py_type_TypeError,
                          "%q.__new__() takes %u positional arguments but %u were given",
                          (qstr)type->name, (unsigned)n_fields + 1, (unsigned)n_args + 1);
    }
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(n_fields, NULL));
    for (size_t i = 0; i < n_args; i++) {
        t->items[i] = args[i];
    }
    for (size_t i = 0; i < n_kw; i++) {
        py_obj_t name = args[n_args + 2 * i];
        size_t f = 0;
        while (f < n_fields && !py_obj_equal(nt->fields->items[f], name)) {
            f++;
        }
        if (f == n_fields) {
            py_raise_msg_varg(&py_type_TypeError, "unexpected keyword argument '%s'",
                              py_obj_str_get_str(name));
        }
        if (t->items[f] != PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError, "got multiple values for argument '%s'",
                              py_obj_str_get_str(name));
        }
        t->items[f] = args[n_args + 2 * i + 1];
    }
    size_t n_defaults = nt->defaults != NULL ? nt->defaults->len : 0;
    for (size_t f = 0; f < n_fields; f++) {
        if (t->items[f] != PY_OBJ_NULL) {
            continue;
        }
        if (f >= n_fields - n_defaults) {
            t->items[f] = nt->defaults->items[f - (n_fields - n_defaults)];
        } else {
            py_raise_msg_varg(&py_type_TypeError, "%q.__new__() missing required argument '%s'",
                              (qstr)type->name, py_obj_str_get_str(nt->fields->items[f]));
        }
    }
    t->base.type = type;
    return PY_OBJ_FROM_PTR(t);
}

static void nt_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(self_in);
    const nt_type_t *nt = nt_type_of(self_in);
    py_printf(print, "%q(", (qstr)nt->type.name);
    for (size_t i = 0; i < self->len; i++) {
        if (i > 0) {
            py_print_str(print, ", ");
        }
        py_obj_print_helper(print, nt->fields->items[i], PY_PRINT_STR);
        py_print_str(print, "=");
        py_obj_print_helper(print, self->items[i], PY_PRINT_REPR);
    }
    py_print_str(print, ")");
}

// A plain tuple with the items of namedtuple [o], or [o] itself if it is not one.
static py_obj_t nt_as_tuple(py_obj_t o) {
    if (PY_OBJ_IS_OBJ(o) && py_obj_get_type(o)->make_new == nt_make_new) {
        py_obj_tuple_t *t = PY_OBJ_TO_PTR(o);
        return py_obj_new_tuple(t->len, t->items);
    }
    return o;
}

static py_obj_t nt_unary_op(py_unary_op_t op, py_obj_t self) {
    return py_type_tuple.unary_op(op, self);
}

// Comparisons and arithmetic as for plain tuples (results are plain tuples, as in CPython).
static py_obj_t nt_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    if (op == PY_BINARY_OP_REVERSE_ADD) {
        if (!py_obj_is_type(rhs, &py_type_tuple)) {
            return PY_OBJ_NULL;
        }
        return py_type_tuple.binary_op(PY_BINARY_OP_ADD, rhs, nt_as_tuple(lhs));
    }
    return py_type_tuple.binary_op(op, nt_as_tuple(lhs), nt_as_tuple(rhs));
}

static py_obj_t nt_subscr(py_obj_t self, py_obj_t index, py_obj_t value) {
    return py_type_tuple.subscr(self, index, value);
}

static py_obj_t nt_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    return py_type_tuple.getiter(self, iter_buf);
}

static void nt_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return; // read-only: AttributeError
    }
    const nt_type_t *nt = nt_type_of(self_in);
    // The field names are qstr objects (nt_parse_fields).
    for (size_t i = 0; i < nt->fields->len; i++) {
        if (nt->fields->items[i] == PY_OBJ_NEW_QSTR(attr)) {
            dest[0] = ((py_obj_tuple_t *)PY_OBJ_TO_PTR(self_in))->items[i];
            return;
        }
    }
}

static py_obj_t nt_asdict(py_obj_t self_in) {
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(self_in);
    const nt_type_t *nt = nt_type_of(self_in);
    py_obj_t d = py_obj_new_dict(self->len);
    for (size_t i = 0; i < self->len; i++) {
        py_obj_dict_store(d, nt->fields->items[i], self->items[i]);
    }
    return d;
}
static PY_DEFINE_CONST_FUN_OBJ_1(nt_asdict_obj, nt_asdict);

// _replace(**kw): a copy with some fields changed.
static py_obj_t nt_replace(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    if (n_args != 1) {
        py_raise_TypeError("_replace() takes keyword arguments only");
    }
    py_obj_tuple_t *self = PY_OBJ_TO_PTR(args[0]);
    const nt_type_t *nt = nt_type_of(args[0]);
    py_obj_t copy = nt_new_instance(&nt->type, self->len, self->items);
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(copy);
    size_t used = 0;
    for (size_t i = 0; i < self->len && kw != NULL; i++) {
        py_map_elem_t *e = py_map_lookup(kw, nt->fields->items[i], PY_MAP_LOOKUP);
        if (e != NULL) {
            t->items[i] = e->value;
            used++;
        }
    }
    if (kw != NULL && used != kw->used) {
        py_raise_ValueError("Got unexpected field names");
    }
    return copy;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(nt_replace_obj, 1, nt_replace);

// count and index as a plain tuple has them (the shared tuple code takes exact tuples only).
static py_obj_t nt_forward_to_tuple(qstr method, size_t n_args, const py_obj_t *args) {
    py_obj_t call[2 + 3];
    py_load_method(nt_as_tuple(args[0]), method, call);
    for (size_t i = 1; i < n_args; i++) {
        call[1 + i] = args[i];
    }
    return py_call_method_n_kw(n_args - 1, 0, call);
}

static py_obj_t nt_count(size_t n_args, const py_obj_t *args) {
    return nt_forward_to_tuple(PY_QSTR_count, n_args, args);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(nt_count_obj, 2, 2, nt_count);

static py_obj_t nt_index(size_t n_args, const py_obj_t *args) {
    return nt_forward_to_tuple(PY_QSTR_index, n_args, args);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(nt_index_obj, 2, 4, nt_index);

// _make(iterable), a classmethod.
static py_obj_t nt_make(py_obj_t cls, py_obj_t iterable) {
    py_obj_t t = py_obj_tuple_from_iterable(iterable);
    size_t n;
    py_obj_t *items;
    py_obj_get_array(t, &n, &items);
    return py_call_function_n_kw(cls, n, 0, items);
}
static PY_DEFINE_CONST_FUN_OBJ_2(nt_make_fun_obj, nt_make);
static PY_DEFINE_CONST_CLASSMETHOD_OBJ(nt_make_obj, PY_ROM_PTR(&nt_make_fun_obj));

// The field names from a str ("x y" or "x, y") or an iterable of strs, as a tuple of qstrs.
static py_obj_t nt_parse_fields(py_obj_t spec) {
    if (!py_obj_is_str(spec)) {
        // A copy: the caller's tuple must not change.
        py_obj_t list = py_obj_list_from_iterable(spec);
        py_obj_list_t *l = PY_OBJ_TO_PTR(list);
        for (size_t i = 0; i < l->len; i++) {
            if (!py_obj_is_str(l->items[i])) {
                py_raise_TypeError("Type names and field names must be strings");
            }
            l->items[i] = PY_OBJ_NEW_QSTR(py_obj_str_get_qstr(l->items[i]));
        }
        return py_obj_new_tuple(l->len, l->items);
    }
    size_t len;
    const char *s = py_obj_str_get_data(spec, &len);
    py_obj_t list = py_obj_new_list(0, NULL);
    for (size_t i = 0; i < len;) {
        if (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != '\t' && s[i] != '\n') {
            i++;
        }
        py_obj_list_append(list, PY_OBJ_NEW_QSTR(py_qstr_from_strn(s + start, i - start)));
    }
    return py_obj_tuple_from_iterable(list);
}

// namedtuple(typename, field_names, *, defaults=None, rename=False, module=None)
static py_obj_t collections_namedtuple(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_typename, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_field_names, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_rename, PY_ARG_KW_ONLY | PY_ARG_BOOL, {.u_bool = false}},
        {PY_QSTR_defaults, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = py_const_none}},
        {PY_QSTR_module, PY_ARG_KW_ONLY | PY_ARG_OBJ, {.u_obj = py_const_none}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    qstr name = py_obj_str_get_qstr(vals[0].u_obj);
    py_obj_t fields = nt_parse_fields(vals[1].u_obj);
    py_obj_t defaults = PY_OBJ_NULL;
    if (vals[3].u_obj != py_const_none) {
        defaults = py_obj_tuple_from_iterable(vals[3].u_obj);
        if (((py_obj_tuple_t *)PY_OBJ_TO_PTR(defaults))->len >
            ((py_obj_tuple_t *)PY_OBJ_TO_PTR(fields))->len) {
            py_raise_TypeError("Got more default values than field names");
        }
    }
    // The class's own dict: _fields differs per class; the methods are shared const objects.
    py_obj_t locals = py_obj_new_dict(4);
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR__fields), fields);
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR__asdict), PY_OBJ_FROM_PTR(&nt_asdict_obj));
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR__replace), PY_OBJ_FROM_PTR(&nt_replace_obj));
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR__make), PY_OBJ_FROM_PTR(&nt_make_obj));
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR_count), PY_OBJ_FROM_PTR(&nt_count_obj));
    py_obj_dict_store(locals, PY_OBJ_NEW_QSTR(PY_QSTR_index), PY_OBJ_FROM_PTR(&nt_index_obj));
    nt_type_t *nt = py_new(nt_type_t, 1);
    nt->type.base.type = &py_type_type;
    nt->type.flags = PY_TYPE_FLAG_BASETYPE;
    nt->type.name = (uint16_t)name;
    nt->type.print = nt_print;
    nt->type.make_new = nt_make_new;
    nt->type.unary_op = nt_unary_op;
    nt->type.binary_op = nt_binary_op;
    nt->type.subscr = nt_subscr;
    nt->type.getiter = nt_getiter;
    nt->type.attr = nt_attr;
    nt->type.parent = &py_type_tuple;
    nt->type.locals_dict = PY_OBJ_TO_PTR(locals);
    nt->fields = PY_OBJ_TO_PTR(fields);
    nt->defaults = defaults != PY_OBJ_NULL ? PY_OBJ_TO_PTR(defaults) : NULL;
    return PY_OBJ_FROM_PTR(nt);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(collections_namedtuple_obj, 2, collections_namedtuple);

// ---- The module ---------------------------------------------------------------------------------

static const py_map_elem_t collections_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_collections)},
    {PY_ROM_QSTR(PY_QSTR_OrderedDict), PY_ROM_PTR(&ordereddict_type)},
    {PY_ROM_QSTR(PY_QSTR_namedtuple), PY_ROM_PTR(&collections_namedtuple_obj)},
    {PY_ROM_QSTR(PY_QSTR_deque), PY_ROM_PTR(&py_collections_deque_type)},
};
static PY_DEFINE_CONST_DICT(collections_globals, collections_globals_table);

const py_obj_module_t py_module_collections = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&collections_globals,
};
