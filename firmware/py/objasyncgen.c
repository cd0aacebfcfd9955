// SPDX-License-Identifier: MIT
// objasyncgen.c: async generators (`async def` with `yield`) and the awaitables their
// __anext__(), asend(), athrow() and aclose() return.
//
// The generator itself is a py_type_async_gen object run by objgen.c's py_gen_resume. Its frame
// stops for two reasons: at `yield v` (the awaited operation completes with v) or inside an
// `await` (the value passes out to whoever drives the coroutine that awaits the operation).

#include "bc.h"
#include "gc.h"
#include "runtime.h"

enum {
    OP_ASEND,  // __anext__() and asend(v)
    OP_ATHROW, // athrow(type[, value])
    OP_ACLOSE, // aclose()
};

enum {
    OP_INIT,
    OP_ITER,
    OP_DONE,
};

typedef struct async_gen_op {
    py_obj_base_t base;
    py_obj_t gen;
    py_obj_t arg; // ASEND: the value to send first; ATHROW, ACLOSE: the exception to throw
    uint16_t kind;
    uint16_t state;
} async_gen_op_t;

static py_obj_t new_op(py_obj_t gen, uint16_t kind, py_obj_t arg) {
    async_gen_op_t *op = py_new_obj(async_gen_op_t, &py_type_async_gen_op);
    op->gen = gen;
    op->arg = arg;
    op->kind = kind;
    op->state = OP_INIT;
    return PY_OBJ_FROM_PTR(op);
}

// aclose(): the generator ended as asked (GeneratorExit or StopAsyncIteration escaped it).
static bool is_close_ok(py_obj_t exc) {
    return py_obj_is_instance(exc, &py_type_GeneratorExit) ||
           py_obj_is_instance(exc, &py_type_StopAsyncIteration);
}

static py_vm_kind_t op_resume(async_gen_op_t *op, py_obj_t send, py_obj_t throw, py_obj_t *out) {
    if (op->kind != OP_ACLOSE) {
        return py_gen_resume(op->gen, send, throw, out);
    }
    py_nlr_buf_t nlr;
    if (py_nlr_push(&nlr) == 0) {
        py_vm_kind_t kind = py_gen_resume(op->gen, send, throw, out);
        py_nlr_pop();
        return kind;
    }
    if (!is_close_ok(PY_OBJ_FROM_PTR(nlr.ret_val))) {
        py_nlr_jump(nlr.ret_val);
    }
    *out = py_const_none;
    return PY_VM_RETURN;
}

py_vm_kind_t py_async_gen_op_step(py_obj_t self, py_obj_t send, py_obj_t throw, py_obj_t *out) {
    async_gen_op_t *op = PY_OBJ_TO_PTR(self);
    if (op->state == OP_DONE) {
        py_raise_msg(&py_type_RuntimeError, "cannot reuse already awaited async generator step");
    }
    if (op->state == OP_INIT) {
        op->state = OP_ITER;
        if (op->kind == OP_ACLOSE && !py_gen_is_active(op->gen)) {
            py_gen_finish(op->gen);
            op->state = OP_DONE;
            *out = py_const_none;
            return PY_VM_RETURN;
        }
        if (throw == PY_OBJ_NULL) {
            if (op->kind == OP_ASEND) {
                send = op->arg;
            } else {
                throw = op->arg;
            }
        }
    }
    py_obj_t v;
    py_vm_kind_t kind = op_resume(op, send, throw, &v);
    if (kind == PY_VM_YIELD && py_gen_is_awaiting(op->gen)) {
        *out = v; // an await inside the generator: pass it out
        return PY_VM_YIELD;
    }
    op->state = OP_DONE;
    if (kind == PY_VM_YIELD) {
        if (op->kind == OP_ACLOSE) {
            py_raise_msg(&py_type_RuntimeError, "async generator ignored GeneratorExit");
        }
        *out = v; // `yield v`: this step's result
        return PY_VM_RETURN;
    }
    if (op->kind == OP_ACLOSE) {
        *out = py_const_none;
        return PY_VM_RETURN;
    }
    py_raise(PY_OBJ_FROM_PTR(&py_type_StopAsyncIteration));
}

// ---- The awaitable's methods (what `await` and a hand-written driver call) ----------------------

static py_obj_t op_finish(py_vm_kind_t kind, py_obj_t out) {
    if (kind == PY_VM_YIELD) {
        return out;
    }
    py_raise_StopIteration(out);
}

static py_obj_t op_send(py_obj_t self, py_obj_t value) {
    py_obj_t out;
    py_vm_kind_t kind = py_async_gen_op_step(self, value, PY_OBJ_NULL, &out);
    return op_finish(kind, out);
}
static PY_DEFINE_CONST_FUN_OBJ_2(op_send_obj, op_send);

static py_obj_t op_iternext(py_obj_t self) {
    return op_send(self, py_const_none);
}

static py_obj_t op_throw(size_t n_args, const py_obj_t *args) {
    py_obj_t exc = py_gen_throw_arg(n_args, args);
    py_obj_t out;
    py_vm_kind_t kind = py_async_gen_op_step(args[0], PY_OBJ_NULL, exc, &out);
    return op_finish(kind, out);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(op_throw_obj, 2, 4, op_throw);

static py_obj_t op_close(py_obj_t self) {
    ((async_gen_op_t *)PY_OBJ_TO_PTR(self))->state = OP_DONE;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(op_close_obj, op_close);

static py_obj_t op_await(py_obj_t self) {
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_1(op_await_obj, op_await);

static py_obj_t op_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf) {
    (void)iter_buf;
    return self;
}

static const py_map_elem_t op_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_send), PY_ROM_PTR(&op_send_obj)},
    {PY_ROM_QSTR(PY_QSTR_throw), PY_ROM_PTR(&op_throw_obj)},
    {PY_ROM_QSTR(PY_QSTR_close), PY_ROM_PTR(&op_close_obj)},
    {PY_ROM_QSTR(PY_QSTR___await__), PY_ROM_PTR(&op_await_obj)},
};
static PY_DEFINE_CONST_DICT(op_locals_dict, op_locals_table);

const py_obj_type_t py_type_async_gen_op = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY | PY_TYPE_FLAG_ITER_IS_SELF,
    .name = PY_QSTR_async_generator_asend,
    .getiter = op_getiter,
    .iternext = op_iternext,
    .locals_dict = (py_obj_dict_t *)&op_locals_dict,
};

// ---- The async generator's methods --------------------------------------------------------------

static py_obj_t agen_aiter(py_obj_t self) {
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_1(agen_aiter_obj, agen_aiter);

static py_obj_t agen_anext(py_obj_t self) {
    return new_op(self, OP_ASEND, py_const_none);
}
static PY_DEFINE_CONST_FUN_OBJ_1(agen_anext_obj, agen_anext);

static py_obj_t agen_asend(py_obj_t self, py_obj_t value) {
    return new_op(self, OP_ASEND, value);
}
static PY_DEFINE_CONST_FUN_OBJ_2(agen_asend_obj, agen_asend);

static py_obj_t agen_athrow(size_t n_args, const py_obj_t *args) {
    return new_op(args[0], OP_ATHROW, py_gen_throw_arg(n_args, args));
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(agen_athrow_obj, 2, 4, agen_athrow);

static py_obj_t agen_aclose(py_obj_t self) {
    return new_op(self, OP_ACLOSE, py_obj_new_exception(&py_type_GeneratorExit));
}
static PY_DEFINE_CONST_FUN_OBJ_1(agen_aclose_obj, agen_aclose);

static void agen_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_printf(print, "<async_generator object at 0x%p>", self_in);
}

static const py_map_elem_t agen_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___aiter__), PY_ROM_PTR(&agen_aiter_obj)},
    {PY_ROM_QSTR(PY_QSTR___anext__), PY_ROM_PTR(&agen_anext_obj)},
    {PY_ROM_QSTR(PY_QSTR_asend), PY_ROM_PTR(&agen_asend_obj)},
    {PY_ROM_QSTR(PY_QSTR_athrow), PY_ROM_PTR(&agen_athrow_obj)},
    {PY_ROM_QSTR(PY_QSTR_aclose), PY_ROM_PTR(&agen_aclose_obj)},
};
static PY_DEFINE_CONST_DICT(agen_locals_dict, agen_locals_table);

const py_obj_type_t py_type_async_gen = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_async_generator,
    .print = agen_print,
    .locals_dict = (py_obj_dict_t *)&agen_locals_dict,
};
