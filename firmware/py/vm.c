// SPDX-License-Identifier: MIT
// vm.c: the bytecode interpreter: frames, the dispatch loop and exception unwinding.

#include <string.h>

#include "bc.h"
#include "gc.h"
#include "runtime.h"
#include "vm_ops.h"

// ---- Opcode tables -----------------------------------------------------------------------------

#define VAR               PY_BC_EFFECT_VAR
#define X(name, fmt, eff) [PY_BC_##name] = PY_BC_FMT_##fmt,
const byte py_bc_op_format[PY_BC_NUM_OPS] = {PY_BC_OPS(X)};
#undef X
#define X(name, fmt, eff) [PY_BC_##name] = (eff),
const signed char py_bc_op_effect[PY_BC_NUM_OPS] = {PY_BC_OPS(X)};
#undef X
#define X(name, fmt, eff) [PY_BC_##name] = #name,
const char *const py_bc_op_name[PY_BC_NUM_OPS] = {PY_BC_OPS(X)};
#undef X
#undef VAR

// ---- Frames ------------------------------------------------------------------------------------

size_t py_frame_words(const py_raw_code_t *rc) {
    return (sizeof(py_frame_t) + sizeof(py_obj_t) - 1) / sizeof(py_obj_t) + rc->n_locals +
           rc->n_free + rc->max_stack + rc->max_blocks * PY_BC_BLOCK_WORDS;
}

void py_frame_init(py_frame_t *f, const py_raw_code_t *rc, py_obj_dict_t *globals) {
    py_frame_init_header(f, rc, globals);
    memset(f->slots, 0, (rc->n_locals + rc->n_free) * sizeof(py_obj_t));
}

size_t py_raw_code_line(const py_raw_code_t *rc, size_t offset) {
    const byte *p = rc->lines;
    const byte *end = rc->lines_len > 0 ? p + rc->lines_len : p; // lines is NULL when empty
    size_t at = 0;
    intptr_t line = rc->first_line;
    while (p < end) {
        size_t d = py_bc_read_uint(&p);
        intptr_t dl = py_bc_read_sint(&p);
        if (at + d > offset) {
            break;
        }
        at += d;
        line += dl;
    }
    return (size_t)line;
}

// ---- Exception unwinding -----------------------------------------------------------------------

// Records [exc] passing through [f] and finds a handler for it. Returns false if none: the
// exception leaves the frame.
static bool vm_unwind(py_frame_t *f, py_obj_t exc) {
    const py_raw_code_t *rc = f->rc;
    if (f->reraise) {
        f->reraise = false;
    } else {
        size_t line = py_raw_code_line(rc, (size_t)(f->ip - rc->code));
        py_obj_exception_add_traceback(exc, rc->source_file, line, rc->name);
    }
    // An exception first seen here (not one coming out of a callee frame) was raised while
    // cur_exc was being handled: that is its __context__.
    py_obj_t cur = py_state.roots.cur_exc;
    if (cur != PY_OBJ_NULL && cur != exc && exc != py_state.roots.vm_propagating) {
        py_obj_exception_set_context(exc, cur);
    }
    while (f->n_blocks > 0) {
        py_exc_block_t *b = &f->blocks[f->n_blocks - 1];
        if (b->kind == PY_EXC_BLOCK_EXCEPT_HANDLER) {
            py_state.roots.cur_exc = b->prev_exc;
            f->n_blocks--;
            continue;
        }
        b->kind = PY_EXC_BLOCK_EXCEPT_HANDLER;
        b->prev_exc = py_state.roots.cur_exc;
        py_state.roots.cur_exc = exc;
        f->sp = f->stack + b->depth;
        *f->sp++ = exc;
        f->ip = b->handler;
        return true;
    }
    return false;
}

static void vm_leave(py_frame_t *f) {
    py_state.vm_frame = f->saved_frame;
    py_state.roots.dict_globals = f->saved_globals;
    if (f->locals_dict != NULL) {
        py_state.roots.dict_locals = f->saved_locals;
    }
}

py_vm_kind_t py_vm_execute(py_frame_t *f, py_obj_t throw_exc, py_obj_t *result) {
    f->saved_frame = py_state.vm_frame;
    py_state.vm_frame = f;
    f->saved_globals = py_state.roots.dict_globals;
    py_state.roots.dict_globals = f->globals;
    if (f->locals_dict != NULL) {
        f->saved_locals = py_state.roots.dict_locals;
        py_state.roots.dict_locals = f->locals_dict;
    }
    // The loop itself lives in py_vm_run so that none of its register variables need to survive
    // the longjmp: everything the handler needs is in [f].
    py_obj_t volatile inject = throw_exc;
    py_nlr_buf_t nlr;
    for (;;) {
        if (py_nlr_push(&nlr) == 0) {
            py_obj_t exc = inject;
            inject = PY_OBJ_NULL;
            py_vm_kind_t kind = py_vm_run(f, exc, result);
            py_nlr_pop();
            vm_leave(f);
            return kind;
        }
        py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
        if (!vm_unwind(f, exc)) {
            vm_leave(f);
            py_state.roots.vm_propagating = exc;
            if (f->gen != PY_OBJ_NULL) {
                exc = py_gen_frame_raised(f->gen, exc);
            }
            py_nlr_jump(PY_OBJ_TO_PTR(exc));
        }
    }
}

// ---- Entry points ------------------------------------------------------------------------------

py_obj_t py_exec_code(py_obj_t fun_in, py_obj_dict_t *globals, py_obj_dict_t *locals) {
    py_stack_check();
    const py_obj_fun_bc_t *fun = PY_OBJ_TO_PTR(fun_in);
    const py_raw_code_t *rc = fun->rc;
    py_obj_t storage[rc->frame_words];
    py_frame_t *f = (py_frame_t *)storage;
    py_frame_init(f, rc, globals);
    f->locals_dict = locals != NULL ? locals : globals;
    py_fun_bc_setup_frame(f, fun, 0, 0, NULL);
    py_obj_t result;
    py_vm_execute(f, PY_OBJ_NULL, &result);
    return result;
}

py_obj_t py_call_class_body(py_obj_t body_fun, py_obj_dict_t *locals) {
    py_stack_check();
    const py_obj_fun_bc_t *fun = PY_OBJ_TO_PTR(body_fun);
    const py_raw_code_t *rc = fun->rc;
    py_obj_t storage[rc->frame_words];
    py_frame_t *f = (py_frame_t *)storage;
    py_frame_init(f, rc, fun->globals);
    f->locals_dict = locals;
    py_fun_bc_setup_frame(f, fun, 0, 0, NULL);
    py_obj_t result;
    py_vm_execute(f, PY_OBJ_NULL, &result);
    return py_obj_is_type(result, &py_type_cell) ? result : PY_OBJ_NULL;
}

static bool is_cell_slot(const py_raw_code_t *rc, size_t i) {
    if (i >= rc->n_locals) {
        return true;
    }
    for (size_t j = 0; j < rc->n_cells; j++) {
        if (rc->cells[j] == i) {
            return true;
        }
    }
    return false;
}

py_obj_dict_t *py_vm_frame_locals(void) {
    py_frame_t *f = py_state.vm_frame;
    if (f == NULL || f->locals_dict != NULL) {
        return py_state.roots.dict_locals;
    }
    const py_raw_code_t *rc = f->rc;
    size_t n = rc->n_locals + rc->n_free;
    py_obj_t d = py_obj_new_dict(n);
    for (size_t i = 0; i < n; i++) {
        py_obj_t v = f->slots[i];
        if (v != PY_OBJ_NULL && is_cell_slot(rc, i)) {
            v = py_obj_cell_get(v);
        }
        if (v != PY_OBJ_NULL) {
            py_obj_dict_store(d, PY_OBJ_NEW_QSTR(rc->slot_names[i]), v);
        }
    }
    return PY_OBJ_TO_PTR(d);
}
