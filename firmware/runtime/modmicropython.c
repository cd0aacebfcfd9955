// SPDX-License-Identifier: MIT
// modmicropython.c: the micropython module: const, memory reports, kbd_intr, schedule.

#include "console.h"
#include "gc.h"
#include "modules.h"
#include "runtime.h"
#include "scheduler.h"

static int opt_level;

static py_obj_t mp_const(py_obj_t value) {
    return value;
}
static PY_DEFINE_CONST_FUN_OBJ_1(mp_const_obj, mp_const);

static py_obj_t mp_opt_level(size_t n_args, const py_obj_t *args) {
    if (n_args == 0) {
        return PY_OBJ_NEW_SMALL_INT(opt_level);
    }
    opt_level = (int)py_obj_get_int(args[0]);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_opt_level_obj, 0, 1, mp_opt_level);

static size_t stack_used(void) {
    char here;
    return (size_t)(py_state.stack_top - &here);
}

static py_obj_t mp_stack_use(void) {
    return py_obj_new_int_from_uint(stack_used());
}
static PY_DEFINE_CONST_FUN_OBJ_0(mp_stack_use_obj, mp_stack_use);

static py_obj_t mp_mem_info(size_t n_args, const py_obj_t *args) {
    (void)args;
    (void)n_args;
    const py_print_t *print = &py_plat_print;
    py_gc_info_t info;
    py_gc_info(&info);
    py_printf(print, "stack: %u out of %u\n", (unsigned)stack_used(),
              (unsigned)py_state.stack_limit);
    py_printf(print, "GC: total: %u, used: %u, free: %u\n", (unsigned)info.total,
              (unsigned)info.used, (unsigned)info.free);
    py_printf(print, " max free sz: %u, peak used: %u, collections: %u\n",
              (unsigned)(info.max_free / PY_GC_BLOCK_BYTES), (unsigned)info.peak_used,
              (unsigned)info.n_collect);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_mem_info_obj, 0, 1, mp_mem_info);

static py_obj_t mp_qstr_info(size_t n_args, const py_obj_t *args) {
    (void)args;
    (void)n_args;
    py_qstr_stats_t stats;
    py_qstr_stats(&stats);
    py_printf(&py_plat_print, "qstr pool: n_qstr=%u, n_str_data_bytes=%u\n",
              (unsigned)stats.n_dynamic, (unsigned)stats.n_bytes);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(mp_qstr_info_obj, 0, 1, mp_qstr_info);

static py_obj_t mp_heap_lock(void) {
    py_gc_lock();
    return PY_OBJ_NEW_SMALL_INT(py_state.gc_lock_depth);
}
static PY_DEFINE_CONST_FUN_OBJ_0(mp_heap_lock_obj, mp_heap_lock);

static py_obj_t mp_heap_unlock(void) {
    if (py_state.gc_lock_depth > 0) {
        py_gc_unlock();
    }
    return PY_OBJ_NEW_SMALL_INT(py_state.gc_lock_depth);
}
static PY_DEFINE_CONST_FUN_OBJ_0(mp_heap_unlock_obj, mp_heap_unlock);

static py_obj_t mp_kbd_intr(py_obj_t c) {
    intptr_t v = py_obj_get_int(c);
    console_set_kbd_intr_char(v < 0 || v > 255 ? -1 : (int)v);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(mp_kbd_intr_obj, mp_kbd_intr);

static py_obj_t mp_schedule(py_obj_t fun, py_obj_t arg) {
    if (!sched_schedule(fun, arg)) {
        py_raise_msg(&py_type_RuntimeError, "schedule queue full");
    }
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_2(mp_schedule_obj, mp_schedule);

static py_obj_t mp_alloc_emergency_exception_buf(py_obj_t size) {
    (void)size; // exceptions raised on a full heap are preallocated already
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_1(mp_alloc_emergency_exception_buf_obj,
                                 mp_alloc_emergency_exception_buf);

static const py_map_elem_t mp_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_micropython)},
    {PY_ROM_QSTR(PY_QSTR_const), PY_ROM_PTR(&mp_const_obj)},
    {PY_ROM_QSTR(PY_QSTR_opt_level), PY_ROM_PTR(&mp_opt_level_obj)},
    {PY_ROM_QSTR(PY_QSTR_mem_info), PY_ROM_PTR(&mp_mem_info_obj)},
    {PY_ROM_QSTR(PY_QSTR_qstr_info), PY_ROM_PTR(&mp_qstr_info_obj)},
    {PY_ROM_QSTR(PY_QSTR_stack_use), PY_ROM_PTR(&mp_stack_use_obj)},
    {PY_ROM_QSTR(PY_QSTR_heap_lock), PY_ROM_PTR(&mp_heap_lock_obj)},
    {PY_ROM_QSTR(PY_QSTR_heap_unlock), PY_ROM_PTR(&mp_heap_unlock_obj)},
    {PY_ROM_QSTR(PY_QSTR_kbd_intr), PY_ROM_PTR(&mp_kbd_intr_obj)},
    {PY_ROM_QSTR(PY_QSTR_schedule), PY_ROM_PTR(&mp_schedule_obj)},
    {PY_ROM_QSTR(PY_QSTR_alloc_emergency_exception_buf),
     PY_ROM_PTR(&mp_alloc_emergency_exception_buf_obj)},
};
static PY_DEFINE_CONST_DICT(mp_globals, mp_globals_table);

const py_obj_module_t module_micropython = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&mp_globals,
};
