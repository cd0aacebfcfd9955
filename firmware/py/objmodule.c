// SPDX-License-Identifier: MIT
// objmodule.c: module objects; attributes are the module's globals.

#include "gc.h"
#include "runtime.h"

static void module_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_module_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_elem_t *name = py_map_lookup_qstr(&self->globals->map, PY_QSTR___name__);
    py_map_elem_t *file = py_map_lookup_qstr(&self->globals->map, PY_QSTR___file__);
    py_print_str(print, "<module '");
    if (name != NULL) {
        py_obj_print_helper(print, name->value, PY_PRINT_STR);
    }
    if (file != NULL) {
        py_print_str(print, "' from '");
        py_obj_print_helper(print, file->value, PY_PRINT_STR);
    }
    py_print_str(print, "'>");
}

static void module_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    py_obj_module_t *self = PY_OBJ_TO_PTR(self_in);
    py_map_t *map = &self->globals->map;
    if (dest[0] == PY_OBJ_NULL) {
        py_map_elem_t *e = py_map_lookup_qstr(map, attr);
        if (e != NULL) {
            dest[0] = e->value;
        } else if (attr == PY_QSTR___dict__) {
            dest[0] = PY_OBJ_FROM_PTR(self->globals);
        }
        return;
    }
    if (map->is_fixed) {
        return; // a built-in module's attributes are in ROM: AttributeError
    }
    if (dest[1] == PY_OBJ_NULL) {
        if (py_map_remove(map, PY_OBJ_NEW_QSTR(attr), NULL)) {
            dest[0] = PY_OBJ_NULL;
        }
    } else {
        py_map_lookup(map, PY_OBJ_NEW_QSTR(attr), PY_MAP_LOOKUP_ADD_IF_NOT_FOUND)->value = dest[1];
        dest[0] = PY_OBJ_NULL;
    }
}

const py_obj_type_t py_type_module = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_module,
    .print = module_print,
    .attr = module_attr,
};

py_obj_t py_obj_new_module(qstr name) {
    py_obj_module_t *o = py_new_obj(py_obj_module_t, &py_type_module);
    o->globals = PY_OBJ_TO_PTR(py_obj_new_dict(4));
    py_obj_dict_store(PY_OBJ_FROM_PTR(o->globals), PY_OBJ_NEW_QSTR(PY_QSTR___name__),
                      PY_OBJ_NEW_QSTR(name));
    return PY_OBJ_FROM_PTR(o);
}

py_obj_dict_t *py_obj_module_get_globals(py_obj_t self) {
    return ((py_obj_module_t *)PY_OBJ_TO_PTR(self))->globals;
}
