// SPDX-License-Identifier: MIT
// runtime.h: what the VM and built-in code call to operate on Python values.
//
// Everything here may raise (through py_nlr_jump). Errors that Python code can see are raised
// with py_raise_*; they never return.

#ifndef PY_RUNTIME_H
#define PY_RUNTIME_H

#include "map.h"
#include "nlr.h"
#include "objects.h"
#include "state.h"

// ---- Life cycle --------------------------------------------------------------------------------

// Starts an interpreter over the heap [heap, heap + heap_size); [stack_top] is the address of a
// local in the port's outermost frame (the C stack is scanned from there and measured for the
// recursion limit).
void py_init(void *heap, size_t heap_size, void *stack_top);
void py_deinit(void);

// ---- Names -------------------------------------------------------------------------------------

py_obj_t py_load_name(qstr name);   // locals, then globals, then builtins
py_obj_t py_load_global(qstr name); // globals, then builtins
py_obj_t py_load_build_class(void);
void py_store_name(qstr name, py_obj_t value);
void py_store_global(qstr name, py_obj_t value);
void py_delete_name(qstr name);
void py_delete_global(qstr name);

py_obj_dict_t *py_globals_get(void);
void py_globals_set(py_obj_dict_t *d);
py_obj_dict_t *py_locals_get(void);
void py_locals_set(py_obj_dict_t *d);

// ---- Operators ---------------------------------------------------------------------------------

py_obj_t py_unary_op(py_unary_op_t op, py_obj_t arg);
py_obj_t py_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs);

// ---- Attributes --------------------------------------------------------------------------------

py_obj_t py_load_attr(py_obj_t base, qstr attr);
// Like py_load_attr, but returns [defval] instead of raising AttributeError.
py_obj_t py_load_attr_default(py_obj_t base, qstr attr, py_obj_t defval);
// For calls: dest[0] = function and dest[1] = self for a method, else dest[0] = the attribute
// value and dest[1] = PY_OBJ_NULL. Raises AttributeError if there is no such attribute.
void py_load_method(py_obj_t base, qstr attr, py_obj_t *dest);
// As py_load_method but leaves dest[0] = PY_OBJ_NULL instead of raising.
void py_load_method_maybe(py_obj_t base, qstr attr, py_obj_t *dest);
void py_store_attr(py_obj_t base, qstr attr, py_obj_t value);
void py_delete_attr(py_obj_t base, qstr attr);
// Looks [attr] up along [type]'s MRO in the locals_dicts only (no instance, no binding).
py_obj_t py_type_lookup(const py_obj_type_t *type, qstr attr);
// Forgets every cached type lookup; called when a class's dict (a watched map) changes.
void py_type_cache_invalidate(void);
// Turns a value found in a type's dict into what attribute access gives for [self] of [type]:
// binds functions, applies staticmethod/classmethod/property. Writes dest[0], dest[1] as
// py_load_method does.
void py_convert_member_lookup(py_obj_t self, const py_obj_type_t *type, py_obj_t member,
                              py_obj_t *dest);

// ---- Calls -------------------------------------------------------------------------------------

// [args] holds [n_args] positional values followed by [n_kw] (name, value) pairs.
py_obj_t py_call_function_n_kw(py_obj_t fun, size_t n_args, size_t n_kw, const py_obj_t *args);
py_obj_t py_call_function_0(py_obj_t fun);
py_obj_t py_call_function_1(py_obj_t fun, py_obj_t arg);
py_obj_t py_call_function_2(py_obj_t fun, py_obj_t arg1, py_obj_t arg2);
// [args] = (method, self or PY_OBJ_NULL, positional..., kw pairs...) as py_load_method leaves
// them: calls method(self, ...) or method(...).
py_obj_t py_call_method_n_kw(size_t n_args, size_t n_kw, const py_obj_t *args);
// f(*pos_seq, **kw_dict); either may be PY_OBJ_NULL; pos_seq may be any iterable, kw_dict any
// mapping with str keys.
py_obj_t py_call_function_ex(py_obj_t fun, py_obj_t pos_seq, py_obj_t kw_dict);
// Raises TypeError unless [n_args] is in [n_min, n_max] and, if ![takes_kw], [n_kw] == 0.
void py_arg_check_num(size_t n_args, size_t n_kw, size_t n_min, size_t n_max, bool takes_kw);

// Argument descriptions for py_arg_parse_all (functions with keyword arguments).
enum {
    PY_ARG_REQUIRED = 0x100,
    PY_ARG_KW_ONLY = 0x200,
    PY_ARG_KIND_MASK = 0xff,
    PY_ARG_BOOL = 0x01,
    PY_ARG_INT = 0x02,
    PY_ARG_OBJ = 0x03,
};
typedef struct py_arg {
    uint16_t name; // qstr
    uint16_t flags;
    union {
        bool u_bool;
        intptr_t u_int;
        py_obj_t u_obj;
    } defval;
} py_arg_t;
typedef union py_arg_val {
    bool u_bool;
    intptr_t u_int;
    py_obj_t u_obj;
} py_arg_val_t;
// Matches [n_pos] positional arguments and the [kws] map against [allowed], filling [out]
// (defaults where absent). Raises TypeError for missing, unexpected or duplicate arguments.
void py_arg_parse_all(size_t n_pos, const py_obj_t *pos, py_map_t *kws, size_t n_allowed,
                      const py_arg_t *allowed, py_arg_val_t *out);

// ---- Iteration ---------------------------------------------------------------------------------

// iter(o); [iter_buf] may be NULL (the iterator is then always heap-allocated).
py_obj_t py_getiter(py_obj_t o, py_obj_iter_buf_t *iter_buf);
// next(it): PY_OBJ_STOP_ITERATION when exhausted (a StopIteration raised inside is absorbed).
py_obj_t py_iternext(py_obj_t it);
// next(it) that lets StopIteration propagate as an exception (for generators' send()).
py_obj_t py_iternext_allow_raise(py_obj_t it);
// Unpacks [seq] into exactly [n] items at [items] (in order). Raises ValueError on mismatch.
void py_unpack_sequence(py_obj_t seq, size_t n, py_obj_t *items);
// Unpacks for `a, *b, c = seq`: [n_before] items, a list, [n_after] items, written to [items].
void py_unpack_ex(py_obj_t seq, size_t n_before, size_t n_after, py_obj_t *items);

// ---- Code -------------------------------------------------------------------------------------

#include "reader.h"

typedef enum {
    PY_COMPILE_FILE,   // a module: statements
    PY_COMPILE_SINGLE, // one REPL input: statements; expression statements print their repr
    PY_COMPILE_EVAL,   // one expression whose value is returned
} py_compile_mode_t;

// Parses and compiles what [reader] yields into a function of no arguments (compile.c). Raises
// SyntaxError (with a traceback entry naming [source_name] and the line).
py_obj_t py_compile(py_reader_t *reader, qstr source_name, py_compile_mode_t mode);
// Runs compiled top-level code [fun] with [globals] and [locals] (locals may equal globals) and
// returns its value: the expression's for PY_COMPILE_EVAL, else None (vm.c).
py_obj_t py_exec_code(py_obj_t fun, py_obj_dict_t *globals, py_obj_dict_t *locals);
// Runs a class body function with [locals] as its namespace; returns the __class__ cell the body
// created (for zero-argument super()) or PY_OBJ_NULL (vm.c).
py_obj_t py_call_class_body(py_obj_t body_fun, py_obj_dict_t *locals);
// The running code's local variables, for locals(), eval() and exec() without dicts: the
// locals dict at module and class level; inside a function, a new dict of its variables (vm.c).
py_obj_dict_t *py_vm_frame_locals(void);
// Compiles and runs [len] bytes of source (exec()/eval() and the ports' entry points).
py_obj_t py_exec_str(const char *src, size_t len, qstr source_name, py_compile_mode_t mode,
                     py_obj_dict_t *globals, py_obj_dict_t *locals);

// ---- Import ------------------------------------------------------------------------------------

// __import__(name, fromlist, level): returns the top-level package unless [fromlist] is given.
py_obj_t py_import_name(qstr name, py_obj_t fromlist, py_obj_t level);
// `from module import name`.
py_obj_t py_import_from(py_obj_t module, qstr name);
// `from module import *`.
void py_import_all(py_obj_t module);
// Registers a built-in module object (const or heap) under [name]; modules import by name.
typedef struct py_builtin_module {
    uint16_t name; // qstr
    const py_obj_module_t *module;
} py_builtin_module_t;

// ---- Errors ------------------------------------------------------------------------------------

PY_NORETURN void py_raise(py_obj_t exc); // an instance, or a class (instantiated without args)
PY_NORETURN void py_raise_msg(const py_obj_type_t *exc_type, const char *msg);
PY_NORETURN void py_raise_msg_varg(const py_obj_type_t *exc_type, const char *fmt, ...);
PY_NORETURN void py_raise_TypeError(const char *msg);
PY_NORETURN void py_raise_ValueError(const char *msg);
PY_NORETURN void py_raise_NotImplementedError(const char *msg);
PY_NORETURN void py_raise_StopIteration(py_obj_t value);
PY_NORETURN void py_raise_recursion_depth(void);
PY_NORETURN void py_raise_MemoryError(void);
// Raises AttributeError("'type' object has no attribute 'name'").
PY_NORETURN void py_raise_AttributeError_for(py_obj_t base, qstr attr);

// Called on backward jumps and calls while py_state.pending is set: raises a pending
// KeyboardInterrupt (set by py_sched_keyboard_interrupt), else runs py_state.pending_hook if
// py_sched_callbacks asked for it. The hook runs Python code and may raise.
void py_handle_pending(void);
// Asks running code to raise KeyboardInterrupt at the next check (safe from a signal or ISR).
void py_sched_keyboard_interrupt(void);
// Asks running code to call py_state.pending_hook at the next check (safe from a signal or ISR).
void py_sched_callbacks(void);
// Raises RuntimeError if the C stack is deeper than the limit.
void py_stack_check(void);

#endif
