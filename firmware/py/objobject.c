// SPDX-License-Identifier: MIT
// objobject.c: the object type, root of every class, and the methods all classes inherit.

#include "gc.h"
#include "objtype.h"
#include "runtime.h"

static py_obj_t object_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                const py_obj_t *args) {
    (void)args;
    if (n_args + n_kw > 0) {
        py_raise_TypeError("object() takes no arguments");
    }
    return PY_OBJ_FROM_PTR(py_obj_alloc(sizeof(py_obj_base_t), type));
}

static void object_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_instance_print_default(print, self);
}

// Is [self] an instance of a Python class whose attributes live in an instance dict?
static bool is_generic_instance(py_obj_t self) {
    return PY_OBJ_IS_OBJ(self) && py_type_is_heap(py_obj_get_type(self)) &&
           !py_obj_is_type_obj(self);
}

// Containers a subclass's __init__ fills through super().__init__(...).
static bool native_is_mutable(const py_obj_type_t *native) {
    return native == &py_type_list || native == &py_type_dict || native == &py_type_set ||
           native == &py_type_bytearray;
}

// Built-in containers have no __init__ of their own here, so for an instance of a subclass of
// one, super().__init__(*args, **kw) arrives at object.__init__ and remakes the container.
static py_obj_t object___init__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_obj_t self = args[0];
    if (!is_generic_instance(self) || (n_args == 1 && kw->used == 0)) {
        return py_const_none;
    }
    const py_obj_heap_type_t *t = (const py_obj_heap_type_t *)py_obj_get_type(self);
    if (t->layout != PY_LAYOUT_SUBOBJ || !native_is_mutable(t->native_base)) {
        return py_const_none;
    }
    size_t n_pos = n_args - 1;
    py_obj_t *all = py_new(py_obj_t, n_pos + 2 * kw->used + 1);
    for (size_t i = 0; i < n_pos; i++) {
        all[i] = args[1 + i];
    }
    size_t j = n_pos;
    for (size_t i = 0; i < kw->filled; i++) {
        if (py_map_slot_is_filled(kw, i)) {
            all[j++] = kw->table[i].key;
            all[j++] = kw->table[i].value;
        }
    }
    py_obj_t sub = t->native_base->make_new(t->native_base, n_pos, kw->used, all);
    ((py_obj_instance_t *)PY_OBJ_TO_PTR(self))->subobj[0] = sub;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(object___init___obj, 1, object___init__);

static py_obj_t object___new__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    if (!py_obj_is_type_obj(args[0])) {
        py_raise_TypeError("object.__new__(X): X is not a type object");
    }
    const py_obj_type_t *type = PY_OBJ_TO_PTR(args[0]);
    if (type == &py_type_object) {
        return PY_OBJ_FROM_PTR(py_obj_alloc(sizeof(py_obj_base_t), type));
    }
    if (!py_type_is_heap(type)) {
        py_raise_msg_varg(&py_type_TypeError, "object.__new__(%q) is not safe, use %q.__new__()",
                          (qstr)type->name, (qstr)type->name);
    }
    // Keyword arguments are for __init__; the native part is made from the positional ones.
    (void)kw;
    return py_instance_new(type, n_args - 1, 0, args + 1);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(object___new___fun_obj, 1, object___new__);
PY_DEFINE_CONST_STATICMETHOD_OBJ(py_object___new___obj, PY_ROM_PTR(&object___new___fun_obj));

static py_obj_t object___eq__(py_obj_t self, py_obj_t other) {
    return self == other ? py_const_true : py_const_notimplemented;
}
static PY_DEFINE_CONST_FUN_OBJ_2(object___eq___obj, object___eq__);

static py_obj_t object___ne__(py_obj_t self, py_obj_t other) {
    py_obj_t r = PY_OBJ_NULL;
    if (is_generic_instance(self)) {
        r = py_instance_call_dunder(self, PY_QSTR___eq__, 1, &other);
    }
    if (r == PY_OBJ_NULL) {
        r = object___eq__(self, other);
    }
    if (r == py_const_notimplemented) {
        return r;
    }
    return PY_OBJ_NEW_BOOL(!py_obj_is_true(r));
}
static PY_DEFINE_CONST_FUN_OBJ_2(object___ne___obj, object___ne__);

static py_obj_t object___hash__(py_obj_t self) {
    return py_obj_id_hash(self);
}
static PY_DEFINE_CONST_FUN_OBJ_1(object___hash___obj, object___hash__);

static py_obj_t object___repr__(py_obj_t self) {
    py_vstr_t v;
    py_vstr_init(&v, 32);
    py_print_t p = PY_PRINT_TO_VSTR(&v);
    py_instance_print_default(&p, self);
    return py_obj_new_str_from_vstr(&v);
}
static PY_DEFINE_CONST_FUN_OBJ_1(object___repr___obj, object___repr__);

static py_obj_t object___str__(py_obj_t self) {
    return py_obj_repr(self);
}
static PY_DEFINE_CONST_FUN_OBJ_1(object___str___obj, object___str__);

static py_obj_t object___format__(py_obj_t self, py_obj_t spec) {
    size_t len;
    py_obj_str_get_data(spec, &len);
    if (len != 0) {
        py_raise_msg_varg(&py_type_TypeError, "unsupported format string passed to %s.__format__",
                          py_obj_get_type_str(self));
    }
    return py_obj_str(self);
}
static PY_DEFINE_CONST_FUN_OBJ_2(object___format___obj, object___format__);

static py_obj_t object___getattribute__(py_obj_t self, py_obj_t name) {
    qstr attr = py_obj_str_get_qstr(name);
    if (!is_generic_instance(self)) {
        return py_load_attr(self, attr);
    }
    py_obj_t dest[2] = {PY_OBJ_NULL, PY_OBJ_NULL};
    py_instance_generic_load(self, attr, dest);
    if (dest[0] == PY_OBJ_NULL) {
        py_raise_AttributeError_for(self, attr);
    }
    if (dest[1] != PY_OBJ_NULL) {
        return py_obj_new_bound_meth(dest[0], dest[1]);
    }
    return dest[0];
}
static PY_DEFINE_CONST_FUN_OBJ_2(object___getattribute___obj, object___getattribute__);

static py_obj_t object___setattr__(py_obj_t self, py_obj_t name, py_obj_t value) {
    qstr attr = py_obj_str_get_qstr(name);
    if (!is_generic_instance(self)) {
        py_store_attr(self, attr, value);
        return py_const_none;
    }
    py_obj_t dest[2] = {PY_OBJ_SENTINEL, value};
    py_instance_generic_store(self, attr, dest);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(object___setattr___obj, object___setattr__);

static py_obj_t object___delattr__(py_obj_t self, py_obj_t name) {
    qstr attr = py_obj_str_get_qstr(name);
    if (!is_generic_instance(self)) {
        py_delete_attr(self, attr);
        return py_const_none;
    }
    py_obj_t dest[2] = {PY_OBJ_SENTINEL, PY_OBJ_NULL};
    py_instance_generic_store(self, attr, dest);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(object___delattr___obj, object___delattr__);

static py_obj_t object___init_subclass__(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    (void)n_args;
    (void)args;
    if (kw != NULL && kw->used > 0) {
        py_raise_TypeError("__init_subclass__() takes no keyword arguments");
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_KW(object___init_subclass___fun_obj, 1, object___init_subclass__);
static PY_DEFINE_CONST_CLASSMETHOD_OBJ(object___init_subclass___obj,
                                       PY_ROM_PTR(&object___init_subclass___fun_obj));

static py_obj_t object___dir__(py_obj_t self) {
    py_obj_t args[1] = {self};
    py_obj_t dir = py_load_global(PY_QSTR_dir);
    return py_call_function_n_kw(dir, 1, 0, args);
}
static PY_DEFINE_CONST_FUN_OBJ_1(object___dir___obj, object___dir__);

// x.__class__ for every object, as a property so attribute lookup along any MRO finds it.
static py_obj_t object_get_class(py_obj_t self) {
    return PY_OBJ_FROM_PTR(py_obj_get_type(self));
}
static PY_DEFINE_CONST_FUN_OBJ_1(object_get_class_obj, object_get_class);
static const py_obj_property_t object___class___obj = {
    {&py_type_property}, PY_ROM_PTR(&object_get_class_obj), PY_OBJ_NULL, PY_OBJ_NULL, PY_OBJ_NULL};

static const py_map_elem_t object_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___class__), PY_ROM_PTR(&object___class___obj)},
    {PY_ROM_QSTR(PY_QSTR___init__), PY_ROM_PTR(&object___init___obj)},
    {PY_ROM_QSTR(PY_QSTR___new__), PY_ROM_PTR(&py_object___new___obj)},
    {PY_ROM_QSTR(PY_QSTR___eq__), PY_ROM_PTR(&object___eq___obj)},
    {PY_ROM_QSTR(PY_QSTR___ne__), PY_ROM_PTR(&object___ne___obj)},
    {PY_ROM_QSTR(PY_QSTR___hash__), PY_ROM_PTR(&object___hash___obj)},
    {PY_ROM_QSTR(PY_QSTR___repr__), PY_ROM_PTR(&object___repr___obj)},
    {PY_ROM_QSTR(PY_QSTR___str__), PY_ROM_PTR(&object___str___obj)},
    {PY_ROM_QSTR(PY_QSTR___format__), PY_ROM_PTR(&object___format___obj)},
    {PY_ROM_QSTR(PY_QSTR___getattribute__), PY_ROM_PTR(&object___getattribute___obj)},
    {PY_ROM_QSTR(PY_QSTR___setattr__), PY_ROM_PTR(&object___setattr___obj)},
    {PY_ROM_QSTR(PY_QSTR___delattr__), PY_ROM_PTR(&object___delattr___obj)},
    {PY_ROM_QSTR(PY_QSTR___init_subclass__), PY_ROM_PTR(&object___init_subclass___obj)},
    {PY_ROM_QSTR(PY_QSTR___dir__), PY_ROM_PTR(&object___dir___obj)},
};
static PY_DEFINE_CONST_DICT(object_locals_dict, object_locals_table);

const py_obj_type_t py_type_object = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE | PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_object,
    .print = object_print,
    .make_new = object_make_new,
    .locals_dict = (py_obj_dict_t *)&object_locals_dict,
};
