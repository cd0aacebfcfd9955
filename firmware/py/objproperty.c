// SPDX-License-Identifier: MIT
// objproperty.c: the descriptor types staticmethod, classmethod and property.

#include <string.h>

#include "gc.h"
#include "objtype.h"
#include "runtime.h"

// ---- staticmethod, classmethod ------------------------------------------------------------------

static py_obj_t method_wrapper_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                        const py_obj_t *args) {
    py_arg_check_num(n_args, n_kw, 1, 1, false);
    py_obj_static_class_method_t *m = py_new_obj(py_obj_static_class_method_t, type);
    m->fun = args[0];
    return PY_OBJ_FROM_PTR(m);
}

static void method_wrapper_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    py_obj_t fun = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(self))->fun;
    if (attr == PY_QSTR___func__ || attr == PY_QSTR___wrapped__) {
        dest[0] = fun;
    } else if (attr == PY_QSTR___name__ || attr == PY_QSTR___doc__) {
        dest[0] = py_load_attr(fun, attr);
    }
}

static py_obj_t staticmethod_call(py_obj_t self, size_t n_args, size_t n_kw, const py_obj_t *args) {
    py_obj_t fun = ((py_obj_static_class_method_t *)PY_OBJ_TO_PTR(self))->fun;
    return py_call_function_n_kw(fun, n_args, n_kw, args);
}

const py_obj_type_t py_type_staticmethod = {
    .base = {&py_type_type},
    .name = PY_QSTR_staticmethod,
    .make_new = method_wrapper_make_new,
    .call = staticmethod_call,
    .attr = method_wrapper_attr,
};

const py_obj_type_t py_type_classmethod = {
    .base = {&py_type_type},
    .name = PY_QSTR_classmethod,
    .make_new = method_wrapper_make_new,
    .attr = method_wrapper_attr,
};

// ---- property -----------------------------------------------------------------------------------

static py_obj_t none_to_null(py_obj_t o) {
    return o == py_const_none ? PY_OBJ_NULL : o;
}

static py_obj_t property_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                                  const py_obj_t *args) {
    static const uint16_t names[4] = {PY_QSTR_fget, PY_QSTR_fset, PY_QSTR_fdel, PY_QSTR_doc};
    if (n_args > 4) {
        py_raise_TypeError("property() takes at most 4 arguments");
    }
    py_obj_t vals[4] = {PY_OBJ_NULL, PY_OBJ_NULL, PY_OBJ_NULL, PY_OBJ_NULL};
    for (size_t i = 0; i < n_args; i++) {
        vals[i] = args[i];
    }
    for (size_t i = 0; i < n_kw; i++) {
        qstr key = py_obj_str_get_qstr(args[n_args + 2 * i]);
        size_t j = 0;
        while (j < 4 && names[j] != key) {
            j++;
        }
        if (j == 4) {
            py_raise_msg_varg(&py_type_TypeError, "unexpected keyword argument '%q'", key);
        }
        vals[j] = args[n_args + 2 * i + 1];
    }
    py_obj_property_t *p = py_new_obj(py_obj_property_t, type);
    p->fget = none_to_null(vals[0]);
    p->fset = none_to_null(vals[1]);
    p->fdel = none_to_null(vals[2]);
    p->doc = none_to_null(vals[3]);
    return PY_OBJ_FROM_PTR(p);
}

py_obj_t py_property_get(py_obj_t prop, py_obj_t self) {
    py_obj_property_t *p = PY_OBJ_TO_PTR(prop);
    if (self == PY_OBJ_NULL) {
        return prop;
    }
    if (p->fget == PY_OBJ_NULL) {
        py_raise_msg(&py_type_AttributeError, "unreadable attribute");
    }
    return py_call_function_1(p->fget, self);
}

void py_property_set(py_obj_t prop, py_obj_t self, py_obj_t value) {
    py_obj_property_t *p = PY_OBJ_TO_PTR(prop);
    if (value != PY_OBJ_NULL) {
        if (p->fset == PY_OBJ_NULL) {
            py_raise_msg(&py_type_AttributeError, "can't set attribute");
        }
        py_call_function_2(p->fset, self, value);
    } else {
        if (p->fdel == PY_OBJ_NULL) {
            py_raise_msg(&py_type_AttributeError, "can't delete attribute");
        }
        py_call_function_1(p->fdel, self);
    }
}

// A copy of [self] with one accessor replaced (the .getter/.setter/.deleter decorators).
static py_obj_t property_copy_with(py_obj_t self, size_t which, py_obj_t fun) {
    py_obj_property_t *p = py_new_obj(py_obj_property_t, py_obj_get_type(self));
    *p = *(py_obj_property_t *)PY_OBJ_TO_PTR(self);
    py_obj_t *fields[3] = {&p->fget, &p->fset, &p->fdel};
    *fields[which] = none_to_null(fun);
    return PY_OBJ_FROM_PTR(p);
}

static py_obj_t property_getter(py_obj_t self, py_obj_t fun) {
    return property_copy_with(self, 0, fun);
}
static PY_DEFINE_CONST_FUN_OBJ_2(property_getter_obj, property_getter);

static py_obj_t property_setter(py_obj_t self, py_obj_t fun) {
    return property_copy_with(self, 1, fun);
}
static PY_DEFINE_CONST_FUN_OBJ_2(property_setter_obj, property_setter);

static py_obj_t property_deleter(py_obj_t self, py_obj_t fun) {
    return property_copy_with(self, 2, fun);
}
static PY_DEFINE_CONST_FUN_OBJ_2(property_deleter_obj, property_deleter);

static py_obj_t property___get__(size_t n_args, const py_obj_t *args) {
    py_obj_t obj = n_args > 1 && args[1] != py_const_none ? args[1] : PY_OBJ_NULL;
    return py_property_get(args[0], obj);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(property___get___obj, 2, 3, property___get__);

static py_obj_t property___set__(py_obj_t self, py_obj_t obj, py_obj_t value) {
    py_property_set(self, obj, value);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_3(property___set___obj, property___set__);

static const py_map_elem_t property_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_getter), PY_ROM_PTR(&property_getter_obj)},
    {PY_ROM_QSTR(PY_QSTR_setter), PY_ROM_PTR(&property_setter_obj)},
    {PY_ROM_QSTR(PY_QSTR_deleter), PY_ROM_PTR(&property_deleter_obj)},
    {PY_ROM_QSTR(PY_QSTR___get__), PY_ROM_PTR(&property___get___obj)},
    {PY_ROM_QSTR(PY_QSTR___set__), PY_ROM_PTR(&property___set___obj)},
};
static PY_DEFINE_CONST_DICT(property_locals_dict, property_locals_table);

static void property_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    py_obj_property_t *p = PY_OBJ_TO_PTR(self);
    py_obj_t v;
    switch (attr) {
        case PY_QSTR_fget:
            v = p->fget;
            break;
        case PY_QSTR_fset:
            v = p->fset;
            break;
        case PY_QSTR_fdel:
            v = p->fdel;
            break;
        case PY_QSTR___doc__:
            v = p->doc;
            if (v == PY_OBJ_NULL && p->fget != PY_OBJ_NULL) {
                v = py_load_attr_default(p->fget, PY_QSTR___doc__, py_const_none);
            }
            break;
        default: {
            py_obj_t member = py_type_lookup(&py_type_property, attr);
            if (member != PY_OBJ_NULL) {
                py_convert_member_lookup(self, &py_type_property, member, dest);
            }
            return;
        }
    }
    dest[0] = v == PY_OBJ_NULL ? py_const_none : v;
}

const py_obj_type_t py_type_property = {
    .base = {&py_type_type},
    .name = PY_QSTR_property,
    .make_new = property_make_new,
    .attr = property_attr,
    .locals_dict = (py_obj_dict_t *)&property_locals_dict,
};
