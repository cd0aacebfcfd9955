// SPDX-License-Identifier: MIT
// vm_ops.h: the VM's internal pieces: the dispatch loop (vm_run.c) and the helpers behind its
// less frequent instructions (vm_ops.c). Only vm*.c include this.

#ifndef PY_VM_OPS_H
#define PY_VM_OPS_H

#include "bc.h"

// Runs [f] from f->ip with f->sp until it returns or yields. Raises through nlr; the caller
// (py_vm_execute) catches and unwinds. With [throw_exc], raises it at the resume point first.
py_vm_kind_t py_vm_run(py_frame_t *f, py_obj_t throw_exc, py_obj_t *result);

// UnboundLocalError or NameError (for a free variable) for slot [slot] of [f].
PY_NORETURN void py_vm_raise_unbound(const py_frame_t *f, size_t slot);
// LOAD_CLASSDEREF: [name] from the class namespace, else the cell in slot [slot].
py_obj_t py_vm_load_classderef(const py_frame_t *f, size_t slot, qstr name);
// RAISE with [n] operands at [args] (exc, cause); n == 0 re-raises the handled exception.
PY_NORETURN void py_vm_raise(py_frame_t *f, size_t n, const py_obj_t *args);
// BEFORE_WITH / BEFORE_ASYNC_WITH: the manager at sp[-1] becomes exit, self|NULL, enter result.
void py_vm_before_with(py_obj_t *sp, bool is_async);
// WITH_EXCEPT_START: calls exit(type(exc), exc, None) for the stack's exit, self, exc.
py_obj_t py_vm_with_exit_exc(const py_obj_t *sp);
py_obj_t py_vm_build_string(size_t n, const py_obj_t *items);
// FORMAT_VALUE: [conv] is 0 (none), 1 (!s), 2 (!r) or 3 (!a); [spec] may be PY_OBJ_NULL.
py_obj_t py_vm_format_value(py_obj_t v, py_obj_t spec, unsigned conv);
// Adds [mapping]'s items to dict [d]; with [merge] (calls), keys must be str and new.
void py_vm_dict_update(py_obj_t d, py_obj_t mapping, bool merge);
void py_vm_set_update(py_obj_t set, py_obj_t iterable);
// next() for FOR_ITER: PY_OBJ_STOP_ITERATION when exhausted, even if __next__ raised it.
py_obj_t py_vm_iternext(py_obj_t it);
py_obj_t py_vm_get_yield_from_iter(const py_frame_t *f, py_obj_t o);
py_obj_t py_vm_get_aiter(py_obj_t o);
py_obj_t py_vm_get_anext(py_obj_t aiter);
// END_ASYNC_FOR: ends the loop on StopAsyncIteration, else re-raises [exc].
void py_vm_end_async_for(py_frame_t *f, py_obj_t exc);
void py_vm_print_expr(py_obj_t v);
// LOAD_GLOBAL, and LOAD_NAME where locals are the globals: [cache] is the instruction's
// 2-byte lookup cache (see bc.h), checked and refreshed here.
py_obj_t py_vm_load_global(qstr name, byte *cache);
// STORE_NAME (to the locals dict) or STORE_GLOBAL of [value] through [cache].
void py_vm_store_cached(py_obj_dict_t *dict, qstr name, py_obj_t value, byte *cache);
// BINARY_OP for everything the loop's small-int fast path did not handle.
py_obj_t py_vm_binary_op(size_t op, py_obj_t lhs, py_obj_t rhs);

#endif
