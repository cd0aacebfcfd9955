// SPDX-License-Identifier: MIT
// objgen.c: generators and coroutines: a heap frame that runs until it yields and is resumed
// by next()/send()/throw()/close(), `yield from` and `await`.

#include <string.h>

#include "bc.h"
#include "gc.h"
#include "runtime.h"

enum {
    GEN_NOT_STARTED,
    GEN_SUSPENDED,
    GEN_RUNNING,
    GEN_FINISHED,
};

typedef struct py_obj_gen {
    py_obj_base_t base;
    py_obj_t exc_state;  // the exception the generator was handling when it last yielded
    py_obj_t caller_exc; // the caller's handled exception, while running
    uintptr_t state;
    py_obj_t storage[]; // the frame
} py_obj_gen_t;

static inline py_frame_t *gen_frame(py_obj_gen_t *g) {
    return (py_frame_t *)g->storage;
}

static bool is_gen(py_obj_t o) {
    return py_obj_is_type(o, &py_type_gen) || py_obj_is_type(o, &py_type_coro);
}

py_obj_t py_obj_new_gen(const py_obj_fun_bc_t *fun, size_t n_args, size_t n_kw,
                        const py_obj_t *args) {
    const py_raw_code_t *rc = fun->rc;
    const py_obj_type_t *type = &py_type_gen;
    if (rc->flags & PY_CODE_FLAG_COROUTINE) {
        type = (rc->flags & PY_CODE_FLAG_GENERATOR) ? &py_type_async_gen : &py_type_coro;
    }
    py_obj_gen_t *g = py_new_obj_var(py_obj_gen_t, rc->frame_words * sizeof(py_obj_t), type);
    py_frame_t *f = gen_frame(g);
    py_frame_init(f, rc, fun->globals);
    py_fun_bc_setup_frame(f, fun, n_args, n_kw, args);
    f->gen = PY_OBJ_FROM_PTR(g);
    g->state = GEN_NOT_STARTED;
    return PY_OBJ_FROM_PTR(g);
}

static const char *kind_name(py_obj_gen_t *g) {
    return g->base.type == &py_type_coro        ? "coroutine"
           : g->base.type == &py_type_async_gen ? "async generator"
                                                : "generator";
}

bool py_gen_is_awaiting(py_obj_t self) {
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self);
    // Suspended by YIELD_FROM (an await) rather than YIELD_VALUE: YIELD_VALUE resumes at the
    // next instruction, which is never a YIELD_FROM (one always follows LOAD_CONST_NONE).
    return g->state == GEN_SUSPENDED && *gen_frame(g)->ip == PY_BC_YIELD_FROM;
}

bool py_gen_is_active(py_obj_t self) {
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self);
    return g->state == GEN_SUSPENDED || g->state == GEN_RUNNING;
}

void py_gen_finish(py_obj_t self) {
    ((py_obj_gen_t *)PY_OBJ_TO_PTR(self))->state = GEN_FINISHED;
}

py_vm_kind_t py_gen_resume(py_obj_t self, py_obj_t send, py_obj_t throw, py_obj_t *out) {
    py_stack_check();
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self);
    py_frame_t *f = gen_frame(g);
    switch (g->state) {
        case GEN_RUNNING:
            py_raise_msg_varg(&py_type_ValueError, "%s already executing", kind_name(g));
        case GEN_FINISHED:
            if (throw != PY_OBJ_NULL) {
                py_nlr_jump(PY_OBJ_TO_PTR(throw));
            }
            if (g->base.type == &py_type_coro) {
                py_raise_msg(&py_type_RuntimeError, "cannot reuse already awaited coroutine");
            }
            *out = py_const_none;
            return PY_VM_RETURN;
        case GEN_NOT_STARTED:
            if (throw == PY_OBJ_NULL && send != py_const_none) {
                py_raise_msg_varg(&py_type_TypeError,
                                  "can't send non-None value to a just-started %s", kind_name(g));
            }
            break;
        default:
            if (throw == PY_OBJ_NULL) {
                *f->sp++ = send;
            }
            break;
    }
    g->state = GEN_RUNNING;
    g->caller_exc = py_state.roots.cur_exc;
    if (g->exc_state != PY_OBJ_NULL) {
        py_state.roots.cur_exc = g->exc_state;
    }
    py_vm_kind_t kind = py_vm_execute(f, throw, out);
    g->exc_state = py_state.roots.cur_exc == g->caller_exc ? PY_OBJ_NULL : py_state.roots.cur_exc;
    py_state.roots.cur_exc = g->caller_exc;
    g->caller_exc = PY_OBJ_NULL;
    g->state = kind == PY_VM_YIELD ? GEN_SUSPENDED : GEN_FINISHED;
    return kind;
}

py_obj_t py_gen_frame_raised(py_obj_t self, py_obj_t exc) {
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self);
    g->state = GEN_FINISHED;
    g->exc_state = PY_OBJ_NULL;
    py_state.roots.cur_exc = g->caller_exc;
    g->caller_exc = PY_OBJ_NULL;
    if (py_obj_is_instance(exc, &py_type_StopIteration) ||
        (g->base.type == &py_type_async_gen &&
         py_obj_is_instance(exc, &py_type_StopAsyncIteration))) {
        py_obj_t r = py_obj_new_exception_msg_varg(&py_type_RuntimeError, "%s raised %s",
                                                   kind_name(g), py_obj_get_type_str(exc));
        py_obj_exception_set_cause(r, exc);
        py_obj_exception_set_context(r, exc);
        return r;
    }
    return exc;
}

// ---- Driving any iterator (yield from, await) ---------------------------------------------------

py_vm_kind_t py_gen_send_to(py_obj_t iter, py_obj_t send, py_obj_t throw, py_obj_t *out) {
    if (is_gen(iter)) {
        return py_gen_resume(iter, send, throw, out);
    }
    if (py_obj_is_type(iter, &py_type_async_gen_op)) {
        return py_async_gen_op_step(iter, send, throw, out);
    }
    py_obj_t call[3];
    call[0] = PY_OBJ_NULL;
    if (throw != PY_OBJ_NULL) {
        if (py_obj_is_instance(throw, &py_type_GeneratorExit)) {
            py_load_method_maybe(iter, PY_QSTR_close, call);
            if (call[0] != PY_OBJ_NULL) {
                py_call_method_n_kw(0, 0, call);
            }
            py_nlr_jump(PY_OBJ_TO_PTR(throw));
        }
        py_load_method_maybe(iter, PY_QSTR_throw, call);
        if (call[0] == PY_OBJ_NULL) {
            py_nlr_jump(PY_OBJ_TO_PTR(throw));
        }
        call[2] = throw;
    } else if (send != py_const_none) {
        py_load_method(iter, PY_QSTR_send, call);
        call[2] = send;
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t v;
        if (call[0] != PY_OBJ_NULL) {
            v = py_call_method_n_kw(1, 0, call);
        } else {
            v = py_iternext(iter);
        }
        py_nlr_pop();
        if (v == PY_OBJ_STOP_ITERATION) {
            *out = py_const_none;
            return PY_VM_RETURN;
        }
        *out = v;
        return PY_VM_YIELD;
    }
    py_obj_t exc = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (py_obj_is_instance(exc, &py_type_StopIteration)) {
        *out = py_obj_exception_get_value(exc);
        return PY_VM_RETURN;
    }
    py_nlr_jump(nlr.ret_val);
}

py_obj_t py_gen_get_awaitable(py_obj_t obj) {
    if (py_obj_is_type(obj, &py_type_coro) || py_obj_is_type(obj, &py_type_async_gen_op)) {
        return obj;
    }
    const py_obj_type_t *t = py_obj_get_type(obj);
    py_obj_t m = py_type_lookup(t, PY_QSTR___await__);
    if (m == PY_OBJ_NULL) {
        py_raise_msg_varg(&py_type_TypeError, "object %s can't be used in 'await' expression",
                          py_obj_get_type_str(obj));
    }
    py_obj_t call[2];
    py_convert_member_lookup(obj, t, m, call);
    py_obj_t r = py_call_method_n_kw(0, 0, call);
    if (py_obj_is_type(r, &py_type_coro)) {
        py_raise_TypeError("__await__() returned a coroutine");
    }
    if (!is_gen(r) && py_obj_get_type(r)->iternext == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "__await__() returned non-iterator of type '%s'",
                          py_obj_get_type_str(r));
    }
    return r;
}

// ---- Methods -----------------------------------------------------------------------------------

static py_obj_t gen_iternext(py_obj_t self) {
    py_obj_t out;
    if (py_gen_resume(self, py_const_none, PY_OBJ_NULL, &out) == PY_VM_YIELD) {
        return out;
    }
    if (out == py_const_none) {
        return PY_OBJ_STOP_ITERATION;
    }
    py_raise_StopIteration(out);
}

static py_obj_t gen_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static py_obj_t gen_send(py_obj_t self, py_obj_t value) {
    py_obj_t out;
    if (py_gen_resume(self, value, PY_OBJ_NULL, &out) == PY_VM_YIELD) {
        return out;
    }
    py_raise_StopIteration(out);
}
static PY_DEFINE_CONST_FUN_OBJ_2(gen_send_obj, gen_send);

py_obj_t py_gen_throw_arg(size_t n_args, const py_obj_t *args) {
    py_obj_t typ = args[1];
    py_obj_t val = n_args > 2 ? args[2] : py_const_none;
    if (py_obj_is_exception_type(typ)) {
        if (py_obj_is_instance(val, PY_OBJ_TO_PTR(typ))) {
            return val;
        }
        if (val == py_const_none) {
            return py_call_function_0(typ);
        }
        if (py_obj_is_type(val, &py_type_tuple)) {
            return py_call_function_ex(typ, val, PY_OBJ_NULL);
        }
        return py_call_function_1(typ, val);
    }
    if (py_obj_is_exception_instance(typ)) {
        if (val != py_const_none) {
            py_raise_TypeError("instance exception may not have a separate value");
        }
        return typ;
    }
    py_raise_TypeError("exceptions must be classes or instances deriving from BaseException");
}

static py_obj_t gen_throw(size_t n_args, const py_obj_t *args) {
    py_obj_t exc = py_gen_throw_arg(n_args, args);
    py_obj_t out;
    if (py_gen_resume(args[0], PY_OBJ_NULL, exc, &out) == PY_VM_YIELD) {
        return out;
    }
    py_raise_StopIteration(out);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(gen_throw_obj, 2, 4, gen_throw);

static py_obj_t gen_close(py_obj_t self) {
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self);
    if (g->state == GEN_NOT_STARTED || g->state == GEN_FINISHED) {
        g->state = GEN_FINISHED;
        return py_const_none;
    }
    py_obj_t exc = py_obj_new_exception(&py_type_GeneratorExit);
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_obj_t out;
        py_vm_kind_t kind = py_gen_resume(self, PY_OBJ_NULL, exc, &out);
        py_nlr_pop();
        if (kind == PY_VM_YIELD) {
            py_raise_msg_varg(&py_type_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
        }
        return py_const_none;
    }
    py_obj_t e = PY_OBJ_FROM_PTR(nlr.ret_val);
    if (py_obj_is_instance(e, &py_type_GeneratorExit) ||
        py_obj_is_instance(e, &py_type_StopIteration)) {
        return py_const_none;
    }
    py_nlr_jump(nlr.ret_val);
}
static PY_DEFINE_CONST_FUN_OBJ_1(gen_close_obj, gen_close);

static py_obj_t coro_await(py_obj_t self) {
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_1(coro_await_obj, coro_await);

static void gen_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self_in);
    py_printf(print, "<%s object %q at 0x%p>", kind_name(g), gen_frame(g)->rc->qualname, self_in);
}

static void gen_attr(py_obj_t self_in, qstr attr, py_obj_t *dest) {
    py_obj_gen_t *g = PY_OBJ_TO_PTR(self_in);
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    if (attr == PY_QSTR___name__) {
        dest[0] = PY_OBJ_NEW_QSTR(gen_frame(g)->rc->name);
    } else if (attr == PY_QSTR___qualname__) {
        dest[0] = PY_OBJ_NEW_QSTR(gen_frame(g)->rc->qualname);
    } else if (attr == PY_QSTR_gi_running || attr == PY_QSTR_cr_running) {
        dest[0] = PY_OBJ_NEW_BOOL(g->state == GEN_RUNNING);
    }
}

static const py_map_elem_t gen_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_send), PY_ROM_PTR(&gen_send_obj)},
    {PY_ROM_QSTR(PY_QSTR_throw), PY_ROM_PTR(&gen_throw_obj)},
    {PY_ROM_QSTR(PY_QSTR_close), PY_ROM_PTR(&gen_close_obj)},
};
static PY_DEFINE_CONST_DICT(gen_locals_dict, gen_locals_table);

const py_obj_type_t py_type_gen = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY | PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_generator,
    .print = gen_print,
    .attr = gen_attr,
    .getiter = gen_getiter,
    .iternext = gen_iternext,
    .locals_dict = (py_obj_dict_t *)&gen_locals_dict,
};

static const py_map_elem_t coro_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_send), PY_ROM_PTR(&gen_send_obj)},
    {PY_ROM_QSTR(PY_QSTR_throw), PY_ROM_PTR(&gen_throw_obj)},
    {PY_ROM_QSTR(PY_QSTR_close), PY_ROM_PTR(&gen_close_obj)},
    {PY_ROM_QSTR(PY_QSTR___await__), PY_ROM_PTR(&coro_await_obj)},
};
static PY_DEFINE_CONST_DICT(coro_locals_dict, coro_locals_table);

const py_obj_type_t py_type_coro = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_coroutine,
    .print = gen_print,
    .attr = gen_attr,
    .locals_dict = (py_obj_dict_t *)&coro_locals_dict,
};
