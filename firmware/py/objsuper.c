// SPDX-License-Identifier: MIT
// objsuper.c: super(type, obj): attribute lookup that continues along obj's MRO after type.
// The compiler turns a zero-argument super() into super(__class__, first_argument).

#include "gc.h"
#include "objtype.h"
#include "runtime.h"

typedef struct py_obj_super {
    py_obj_base_t base;
    const py_obj_type_t *type;
    py_obj_t obj;
} py_obj_super_t;

static py_obj_t super_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    if (n_kw != 0 || n_args > 2) {
        py_raise_TypeError("super() takes at most 2 arguments");
    }
    if (n_args < 2) {
        py_raise_msg(&py_type_RuntimeError, "super() can't find self");
    }
    if (!py_obj_is_type_obj(args[0])) {
        py_raise_TypeError("super() argument 1 must be a type");
    }
    const py_obj_type_t *t = PY_OBJ_TO_PTR(args[0]);
    py_obj_t obj = args[1];
    bool ok = py_obj_is_instance(obj, t) ||
              (py_obj_is_type_obj(obj) && py_obj_is_subclass(PY_OBJ_TO_PTR(obj), t));
    if (!ok) {
        py_raise_TypeError("super(type, obj): obj must be an instance or subtype of type");
    }
    py_obj_super_t *s = py_new_obj(py_obj_super_t, &py_type_super);
    s->type = t;
    s->obj = obj;
    return PY_OBJ_FROM_PTR(s);
}

static void super_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    py_obj_super_t *s = PY_OBJ_TO_PTR(self);
    py_print_str(print, "<super: ");
    py_obj_print_helper(print, PY_OBJ_FROM_PTR(s->type), PY_PRINT_REPR);
    py_print_str(print, ", ");
    py_obj_print_helper(print, s->obj, PY_PRINT_REPR);
    py_print_str(print, ">");
}

static void super_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    py_obj_super_t *s = PY_OBJ_TO_PTR(self);
    if (attr == PY_QSTR___class__) {
        dest[0] = PY_OBJ_FROM_PTR(&py_type_super);
        return;
    }
    // For super(C, cls) in classmethods obj is itself a class: look along its MRO.
    bool obj_is_class =
        py_obj_is_type_obj(s->obj) && py_obj_is_subclass(PY_OBJ_TO_PTR(s->obj), s->type);
    const py_obj_type_t *objtype = obj_is_class ? PY_OBJ_TO_PTR(s->obj) : py_obj_get_type(s->obj);
    py_obj_tuple_t *mro = PY_OBJ_TO_PTR(py_type_get_mro(objtype));
    size_t i = 0;
    while (i < mro->len && mro->items[i] != PY_OBJ_FROM_PTR(s->type)) {
        i++;
    }
    for (i++; i < mro->len; i++) {
        const py_obj_type_t *c = PY_OBJ_TO_PTR(mro->items[i]);
        py_obj_t member = py_type_lookup_own(c, attr);
        if (member == PY_OBJ_NULL) {
            continue;
        }
        if (obj_is_class) {
            py_type_convert_class_member(objtype, member, dest);
        } else {
            py_instance_convert_member(s->obj, objtype, c, member, dest);
        }
        return;
    }
}

bool py_super_load_method(py_obj_t cls, py_obj_t obj, qstr attr, py_obj_t *dest) {
    if (attr == PY_QSTR___class__ || !PY_OBJ_IS_OBJ(obj) || !py_obj_is_type_obj(cls)) {
        return false;
    }
    const py_obj_type_t *objtype = ((py_obj_base_t *)PY_OBJ_TO_PTR(obj))->type;
    const py_obj_type_t *t = PY_OBJ_TO_PTR(cls);
    if (!py_type_is_heap(objtype) || py_obj_is_type_obj(obj) || !py_obj_is_subclass(objtype, t)) {
        return false;
    }
    // What super_attr does for an instance, without making the super object first.
    const py_obj_tuple_t *mro = PY_OBJ_TO_PTR(objtype->mro);
    size_t i = 0;
    while (i < mro->len && mro->items[i] != cls) {
        i++;
    }
    for (i++; i < mro->len; i++) {
        const py_obj_type_t *c = PY_OBJ_TO_PTR(mro->items[i]);
        py_obj_t member = py_type_lookup_own(c, attr);
        if (member != PY_OBJ_NULL) {
            dest[0] = dest[1] = PY_OBJ_NULL;
            py_instance_convert_member(obj, objtype, c, member, dest);
            return true;
        }
    }
    return false;
}

const py_obj_type_t py_type_super = {
    .base = {&py_type_type},
    .name = PY_QSTR_super,
    .print = super_print,
    .make_new = super_make_new,
    .attr = super_attr,
};
