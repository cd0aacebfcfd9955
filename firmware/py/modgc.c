// SPDX-License-Identifier: MIT
// modgc.c: the gc module: collect(), mem_free(), mem_alloc(), enable()/disable(), threshold().

#include "builtin.h"
#include "gc.h"
#include "runtime.h"

static py_obj_t gc_collect(void) {
    py_gc_collect();
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_collect_obj, gc_collect);

static py_obj_t gc_mem_free(void) {
    py_gc_info_t info;
    py_gc_info(&info);
    return py_obj_new_int_from_uint(info.free);
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_mem_free_obj, gc_mem_free);

static py_obj_t gc_mem_alloc(void) {
    py_gc_info_t info;
    py_gc_info(&info);
    return py_obj_new_int_from_uint(info.used);
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_mem_alloc_obj, gc_mem_alloc);

static py_obj_t gc_enable(void) {
    py_gc_set_auto(true);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_enable_obj, gc_enable);

static py_obj_t gc_disable(void) {
    py_gc_set_auto(false);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_disable_obj, gc_disable);

static py_obj_t gc_isenabled(void) {
    return PY_OBJ_NEW_BOOL(py_gc_is_auto());
}
static PY_DEFINE_CONST_FUN_OBJ_0(gc_isenabled_obj, gc_isenabled);

// The gc.threshold() setting; 0 when unset. The collector itself runs when an allocation fails.
static size_t gc_threshold_bytes;

// threshold() returns the setting (-1 when unset); threshold(n) sets it (-1 clears it).
static py_obj_t gc_threshold(size_t n_args, const py_obj_t *args) {
    if (n_args == 0) {
        if (gc_threshold_bytes == 0) {
            return PY_OBJ_NEW_SMALL_INT(-1);
        }
        return py_obj_new_int_from_uint(gc_threshold_bytes);
    }
    intptr_t n = py_obj_get_int(args[0]);
    gc_threshold_bytes = n < 0 ? 0 : (size_t)n;
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(gc_threshold_obj, 0, 1, gc_threshold);

static const py_map_elem_t gc_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_gc)},
    {PY_ROM_QSTR(PY_QSTR_collect), PY_ROM_PTR(&gc_collect_obj)},
    {PY_ROM_QSTR(PY_QSTR_mem_free), PY_ROM_PTR(&gc_mem_free_obj)},
    {PY_ROM_QSTR(PY_QSTR_mem_alloc), PY_ROM_PTR(&gc_mem_alloc_obj)},
    {PY_ROM_QSTR(PY_QSTR_enable), PY_ROM_PTR(&gc_enable_obj)},
    {PY_ROM_QSTR(PY_QSTR_disable), PY_ROM_PTR(&gc_disable_obj)},
    {PY_ROM_QSTR(PY_QSTR_isenabled), PY_ROM_PTR(&gc_isenabled_obj)},
    {PY_ROM_QSTR(PY_QSTR_threshold), PY_ROM_PTR(&gc_threshold_obj)},
};
static PY_DEFINE_CONST_DICT(gc_globals, gc_globals_table);

const py_obj_module_t py_module_gc = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&gc_globals,
};
