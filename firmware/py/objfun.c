// SPDX-License-Identifier: MIT
// objfun.c: built-in functions (C code behind a py_obj_fun_builtin_t).

#include "gc.h"
#include "runtime.h"

static py_obj_t fun_builtin_call(py_obj_t self_in, size_t n_args, size_t n_kw,
                                 const py_obj_t *args) {
    const py_obj_fun_builtin_t *self = PY_OBJ_TO_PTR(self_in);
    switch (self->kind) {
        case PY_FUN_BUILTIN_0:
            py_arg_check_num(n_args, n_kw, 0, 0, false);
            return self->fun._0();
        case PY_FUN_BUILTIN_1:
            py_arg_check_num(n_args, n_kw, 1, 1, false);
            return self->fun._1(args[0]);
        case PY_FUN_BUILTIN_2:
            py_arg_check_num(n_args, n_kw, 2, 2, false);
            return self->fun._2(args[0], args[1]);
        case PY_FUN_BUILTIN_3:
            py_arg_check_num(n_args, n_kw, 3, 3, false);
            return self->fun._3(args[0], args[1], args[2]);
        case PY_FUN_BUILTIN_VAR:
            py_arg_check_num(n_args, n_kw, self->n_args_min, self->n_args_max, false);
            return self->fun.var(n_args, args);
        default: {
            py_arg_check_num(n_args, 0, self->n_args_min, self->n_args_max, true);
            py_map_t kw_args;
            py_map_init(&kw_args, n_kw);
            for (size_t i = 0; i < n_kw; i++) {
                py_map_elem_t *e =
                    py_map_lookup(&kw_args, args[n_args + 2 * i], PY_MAP_LOOKUP_ADD_IF_NOT_FOUND);
                e->value = args[n_args + 2 * i + 1];
            }
            return self->fun.kw(n_args, args, &kw_args);
        }
    }
}

static void fun_builtin_print(const py_print_t *print, py_obj_t self_in, py_print_kind_t kind) {
    (void)kind;
    py_printf(print, "<built-in function at %p>", self_in);
}

const py_obj_type_t py_type_fun_builtin = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_EQ_BY_IDENTITY,
    .name = PY_QSTR_builtin_function_or_method,
    .print = fun_builtin_print,
    .call = fun_builtin_call,
};
