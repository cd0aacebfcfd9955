// SPDX-License-Identifier: MIT
// objfunbc.c: functions written in Python: creation, argument binding, calls, attributes.

#include <string.h>

#include "bc.h"
#include "gc.h"
#include "runtime.h"

py_obj_t py_obj_new_fun_bc(const py_raw_code_t *rc, py_obj_dict_t *globals, py_obj_t defaults,
                           py_obj_t kwdefaults, py_obj_t closure) {
    py_obj_fun_bc_t *f = py_new_obj(py_obj_fun_bc_t, &py_type_fun_bc);
    f->rc = rc;
    f->globals = globals;
    f->defaults = defaults;
    f->kwdefaults = kwdefaults;
    f->closure = closure;
    return PY_OBJ_FROM_PTR(f);
}

const py_raw_code_t *py_fun_bc_get_raw_code(py_obj_t fun) {
    if (!py_obj_is_type(fun, &py_type_fun_bc)) {
        return NULL;
    }
    return ((py_obj_fun_bc_t *)PY_OBJ_TO_PTR(fun))->rc;
}

qstr py_obj_fun_get_name(py_const_obj_t fun) {
    if (py_obj_is_type(fun, &py_type_fun_bc)) {
        return ((const py_obj_fun_bc_t *)fun)->rc->name;
    }
    return PY_QSTR_NULL;
}

// ---- Argument binding --------------------------------------------------------------------------

static qstr kw_name(py_obj_t name) {
    if (PY_OBJ_IS_QSTR(name)) {
        return PY_OBJ_QSTR_VALUE(name);
    }
    if (!py_obj_is_str(name)) {
        py_raise_TypeError("keywords must be strings");
    }
    return py_obj_str_get_qstr(name);
}

// Index of the named parameter [q] (positional-only ones excluded), or -1.
static int find_param(const py_raw_code_t *rc, qstr q) {
    for (size_t j = rc->n_posonly, n = rc->n_pos + rc->n_kwonly; j < n; j++) {
        if (rc->slot_names[j] == q) {
            return (int)j;
        }
    }
    return -1;
}

static void bind_keywords(py_obj_t *slots, const py_raw_code_t *rc, py_obj_t kwdict, size_t n_kw,
                          const py_obj_t *kws) {
    for (size_t i = 0; i < n_kw; i++) {
        qstr q = kw_name(kws[2 * i]);
        py_obj_t value = kws[2 * i + 1];
        int j = find_param(rc, q);
        if (j >= 0) {
            if (slots[j] != PY_OBJ_NULL) {
                py_raise_msg_varg(&py_type_TypeError,
                                  "function got multiple values for argument '%q'", q);
            }
            slots[j] = value;
        } else if (kwdict != PY_OBJ_NULL) {
            py_obj_dict_store(kwdict, PY_OBJ_NEW_QSTR(q), value);
        } else {
            py_raise_msg_varg(&py_type_TypeError, "unexpected keyword argument '%q'", q);
        }
    }
}

static void fill_defaults(py_obj_t *slots, const py_obj_fun_bc_t *fun, size_t n_args) {
    const py_raw_code_t *rc = fun->rc;
    size_t n_pos = rc->n_pos;
    size_t n_def = 0;
    py_obj_t *defs = NULL;
    if (fun->defaults != PY_OBJ_NULL) {
        py_obj_get_array(fun->defaults, &n_def, &defs);
    }
    size_t missing = 0;
    for (size_t j = n_args; j < n_pos; j++) {
        if (slots[j] == PY_OBJ_NULL) {
            if (j + n_def >= n_pos) {
                slots[j] = defs[j + n_def - n_pos];
            } else {
                missing++;
            }
        }
    }
    if (missing) {
        py_raise_msg_varg(&py_type_TypeError, "function missing %u required positional arguments",
                          (unsigned)missing);
    }
    for (size_t j = n_pos; j < n_pos + rc->n_kwonly; j++) {
        if (slots[j] != PY_OBJ_NULL) {
            continue;
        }
        py_obj_t v = PY_OBJ_NULL;
        if (fun->kwdefaults != PY_OBJ_NULL) {
            v = py_obj_dict_get(fun->kwdefaults, PY_OBJ_NEW_QSTR(rc->slot_names[j]));
        }
        if (v == PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError, "function missing required keyword argument '%q'",
                              rc->slot_names[j]);
        }
        slots[j] = v;
    }
}

static void bind_args(py_obj_t *slots, const py_obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                      const py_obj_t *args) {
    const py_raw_code_t *rc = fun->rc;
    size_t n_pos = rc->n_pos;
    size_t star_slot = n_pos + rc->n_kwonly;
    bool varargs = (rc->flags & PY_CODE_FLAG_VARARGS) != 0;
    if (n_args > n_pos) {
        if (!varargs) {
            py_raise_msg_varg(&py_type_TypeError,
                              "function takes %u positional arguments but %u were given",
                              (unsigned)n_pos, (unsigned)n_args);
        }
        memcpy(slots, args, n_pos * sizeof(py_obj_t));
        slots[star_slot] = py_obj_new_tuple(n_args - n_pos, args + n_pos);
    } else {
        memcpy(slots, args, n_args * sizeof(py_obj_t));
        if (varargs) {
            slots[star_slot] = py_obj_new_tuple(0, NULL);
        }
    }
    py_obj_t kwdict = PY_OBJ_NULL;
    if (rc->flags & PY_CODE_FLAG_VARKEYWORDS) {
        kwdict = py_obj_new_dict(n_kw);
        slots[star_slot + varargs] = kwdict;
    }
    if (n_kw) {
        bind_keywords(slots, rc, kwdict, n_kw, args + n_args);
    }
    if (n_args < n_pos || rc->n_kwonly) {
        fill_defaults(slots, fun, n_args);
    }
}

void py_fun_bc_setup_frame(py_frame_t *f, const py_obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                           const py_obj_t *args) {
    const py_raw_code_t *rc = fun->rc;
    py_obj_t *slots = f->slots;
    if (n_kw == 0 && n_args == rc->n_pos && rc->n_kwonly == 0 &&
        !(rc->flags & (PY_CODE_FLAG_VARARGS | PY_CODE_FLAG_VARKEYWORDS))) {
        if (n_args > 0) { // args may be NULL for a call without arguments
            memcpy(slots, args, n_args * sizeof(py_obj_t));
        }
    } else {
        bind_args(slots, fun, n_args, n_kw, args);
    }
    for (size_t i = 0; i < rc->n_cells; i++) {
        size_t c = rc->cells[i];
        slots[c] = py_obj_new_cell(slots[c]);
    }
    if (rc->n_free) {
        size_t n;
        py_obj_t *cells;
        py_obj_get_array(fun->closure, &n, &cells);
        memcpy(slots + rc->n_locals, cells, rc->n_free * sizeof(py_obj_t));
    }
}

// ---- Calls -------------------------------------------------------------------------------------

py_obj_t py_fun_bc_call(py_obj_t self_in, size_t n_args, size_t n_kw, const py_obj_t *args) {
    char here; // py_stack_check, inline: every call passes here
    if (PY_UNLIKELY((size_t)(py_state.stack_top - &here) > py_state.stack_limit)) {
        py_raise_recursion_depth();
    }
    if (PY_UNLIKELY(py_state.pending)) {
        py_handle_pending();
    }
    const py_obj_fun_bc_t *fun = PY_OBJ_TO_PTR(self_in);
    const py_raw_code_t *rc = fun->rc;
    if (rc->flags & (PY_CODE_FLAG_GENERATOR | PY_CODE_FLAG_COROUTINE)) {
        return py_obj_new_gen(fun, n_args, n_kw, args);
    }
    // The frame lives on the C stack, where the GC scans it: a call allocates nothing.
    py_obj_t storage[rc->frame_words];
    py_frame_t *f = (py_frame_t *)storage;
    py_frame_init_header(f, rc, fun->globals);
    if (n_kw == 0 && n_args == rc->n_pos && rc->n_kwonly == 0 && rc->n_cells == 0 &&
        rc->n_free == 0 && !(rc->flags & (PY_CODE_FLAG_VARARGS | PY_CODE_FLAG_VARKEYWORDS))) {
        // The common call: positional arguments exactly filling the parameters, no cells.
        py_obj_t *slots = f->slots;
        for (size_t i = 0; i < n_args; i++) {
            slots[i] = args[i];
        }
        for (size_t i = n_args; i < rc->n_locals; i++) {
            slots[i] = PY_OBJ_NULL;
        }
    } else {
        memset(f->slots, 0, (rc->n_locals + rc->n_free) * sizeof(py_obj_t));
        py_fun_bc_setup_frame(f, fun, n_args, n_kw, args);
    }
    py_obj_t result;
    py_vm_execute(f, PY_OBJ_NULL, &result);
    return result;
}

// ---- The function type -------------------------------------------------------------------------

static void fun_bc_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_fun_bc_t *self = PY_OBJ_TO_PTR(self_in);
    py_printf(print, "<function %q at 0x%p>", self->rc->qualname, self_in);
}

static py_obj_t or_none(py_obj_t o) {
    return o == PY_OBJ_NULL ? py_const_none : o;
}

static py_obj_t fun_bc_special_attr(py_obj_fun_bc_t *self, qstr attr) {
    switch (attr) {
        case PY_QSTR___name__:
            return PY_OBJ_NEW_QSTR(self->rc->name);
        case PY_QSTR___qualname__:
            return PY_OBJ_NEW_QSTR(self->rc->qualname);
        case PY_QSTR___doc__:
            return or_none(self->rc->doc);
        case PY_QSTR___module__:
            return or_none(self->globals == NULL
                               ? PY_OBJ_NULL
                               : py_obj_dict_get(PY_OBJ_FROM_PTR(self->globals),
                                                 PY_OBJ_NEW_QSTR(PY_QSTR___name__)));
        case PY_QSTR___defaults__:
            return or_none(self->defaults);
        case PY_QSTR___kwdefaults__:
            return or_none(self->kwdefaults);
        case PY_QSTR___closure__:
            return or_none(self->closure);
        case PY_QSTR___globals__:
            return or_none(PY_OBJ_FROM_PTR(self->globals));
        default:
            return PY_OBJ_NULL;
    }
}

static void fun_bc_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    py_obj_fun_bc_t *self = PY_OBJ_TO_PTR(self_in);
    if (dest[0] == PY_OBJ_NULL) {
        py_obj_t v = PY_OBJ_NULL;
        if (self->dict != NULL) {
            v = py_obj_dict_get(PY_OBJ_FROM_PTR(self->dict), PY_OBJ_NEW_QSTR(attr));
        }
        if (v == PY_OBJ_NULL && attr == PY_QSTR___dict__) {
            if (self->dict == NULL) {
                self->dict = PY_OBJ_TO_PTR(py_obj_new_dict(0));
            }
            v = PY_OBJ_FROM_PTR(self->dict);
        }
        if (v == PY_OBJ_NULL) {
            v = fun_bc_special_attr(self, attr);
        }
        if (v != PY_OBJ_NULL) {
            dest[0] = v;
        }
        return;
    }
    if (dest[1] != PY_OBJ_NULL) {
        if (self->dict == NULL) {
            self->dict = PY_OBJ_TO_PTR(py_obj_new_dict(1));
        }
        py_obj_dict_store(PY_OBJ_FROM_PTR(self->dict), PY_OBJ_NEW_QSTR(attr), dest[1]);
        dest[0] = PY_OBJ_NULL;
    } else if (self->dict != NULL &&
               py_obj_dict_get(PY_OBJ_FROM_PTR(self->dict), PY_OBJ_NEW_QSTR(attr)) != PY_OBJ_NULL) {
        py_obj_dict_delete(PY_OBJ_FROM_PTR(self->dict), PY_OBJ_NEW_QSTR(attr));
        dest[0] = PY_OBJ_NULL;
    }
}

const py_obj_type_t py_type_fun_bc = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_function,
    .print = fun_bc_print,
    .call = py_fun_bc_call,
    .attr = fun_bc_attr,
};
