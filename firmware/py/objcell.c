// SPDX-License-Identifier: MIT
// objcell.c: cells, the boxes that closures share a captured variable through.

#include "bc.h"
#include "gc.h"
#include "runtime.h"

typedef struct py_obj_cell {
    py_obj_base_t base;
    py_obj_t value; // PY_OBJ_NULL while the variable is unbound
} py_obj_cell_t;

py_obj_t py_obj_new_cell(py_obj_t value) {
    py_obj_cell_t *c = py_new_obj(py_obj_cell_t, &py_type_cell);
    c->value = value;
    return PY_OBJ_FROM_PTR(c);
}

py_obj_t py_obj_cell_get(py_obj_t cell) {
    return ((py_obj_cell_t *)PY_OBJ_TO_PTR(cell))->value;
}

void py_obj_cell_set(py_obj_t cell, py_obj_t value) {
    ((py_obj_cell_t *)PY_OBJ_TO_PTR(cell))->value = value;
}

static void cell_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_cell_t *self = PY_OBJ_TO_PTR(self_in);
    if (self->value == PY_OBJ_NULL) {
        py_printf(print, "<cell at 0x%p: empty>", self_in);
    } else {
        py_printf(print, "<cell at 0x%p: %s object at 0x%p>", self_in,
                  py_obj_get_type_str(self->value), self->value);
    }
}

static void cell_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    py_obj_cell_t *self = PY_OBJ_TO_PTR(self_in);
    if (attr != PY_QSTR_cell_contents) {
        return;
    }
    if (dest[0] == PY_OBJ_NULL) {
        if (self->value == PY_OBJ_NULL) {
            py_raise_ValueError("Cell is empty");
        }
        dest[0] = self->value;
    } else {
        self->value = dest[1]; // store or (NULL) delete
        dest[0] = PY_OBJ_NULL;
    }
}

const py_obj_type_t py_type_cell = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_cell,
    .print = cell_print,
    .attr = cell_attr,
};
