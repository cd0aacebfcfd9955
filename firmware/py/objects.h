// SPDX-License-Identifier: MIT
// objects.h: constructors and accessors of the built-in types that other modules use.
// Each group is implemented in the obj*.c file named in its heading.

#ifndef PY_OBJECTS_H
#define PY_OBJECTS_H

#include "map.h"
#include "obj.h"

// ---- int (objint.c) ----------------------------------------------------------------------------
py_obj_t py_obj_new_int(intptr_t value);
py_obj_t py_obj_new_int_from_uint(uintptr_t value);
py_obj_t py_obj_new_int_from_ll(long long value);
py_obj_t py_obj_new_int_from_ull(unsigned long long value);
// Parses an integer literal body: digits of [base] with optional underscores between them.
// Raises ValueError ("invalid syntax for integer with base N") on anything else.
py_obj_t py_obj_new_int_from_str_len(const char *str, size_t len, bool neg, unsigned base);
#if PY_FEATURE_FLOAT
py_obj_t py_obj_new_int_from_float(py_float_t value); // raises OverflowError/ValueError for inf/nan
#endif
bool py_obj_is_int(py_const_obj_t o); // int or bool (small or big)

// ---- float (objfloat.c) ------------------------------------------------------------------------
#if PY_FEATURE_FLOAT
py_obj_t py_obj_new_float(py_float_t value);
py_float_t py_obj_float_get(py_obj_t self);
// Parses a float literal or float() argument (no surrounding spaces); raises ValueError.
py_obj_t py_obj_new_float_from_str(const char *str, size_t len);
#endif

// Formats [f] into [buf] (at most [buf_size] bytes with the NUL) as printf's 'e', 'f', 'g', 'E',
// 'F', 'G' with [prec] digits ([alt_form] is '#'), or as Python's repr() with fmt 'r' (shortest
// text that reads back as the same float). Returns the length written.
#if PY_FEATURE_FLOAT
size_t py_format_float(py_float_t f, char *buf, size_t buf_size, char fmt, int prec, bool alt_form);
// A [buf_size] that always suffices for py_format_float with precision [prec] (fmt '%' and 'f'
// of 1e308 need ~310 digits before the point); a smaller buffer that is too small raises
// ValueError rather than truncating. fmt '%' appends '%'; fmt 'r' needs 32 bytes.
#define PY_FORMAT_FLOAT_BUF_SIZE(prec) ((size_t)((prec) < 0 ? 6 : (prec)) + 330)
#endif
// The digits of int [self] in [base] (2..36), with '-' if negative and no prefix.
py_obj_t py_obj_int_format_base(py_obj_t self, unsigned base, bool upper);

// ---- str and bytes (objstr.c) ------------------------------------------------------------------
// A str of [len] bytes of UTF-8 at [data] (copied). May return an existing qstr.
py_obj_t py_obj_new_str(const char *data, size_t len);
py_obj_t py_obj_new_str_from_cstr(const char *s);
// A str that takes over [vstr]'s buffer; [vstr] is left empty.
py_obj_t py_obj_new_str_from_vstr(py_vstr_t *vstr);
py_obj_t py_obj_new_bytes(const byte *data, size_t len);
py_obj_t py_obj_new_bytes_from_vstr(py_vstr_t *vstr);
py_obj_t py_obj_new_bytearray(size_t len, const void *items);
// A memoryview of [len] bytes at [items] inside [owner] (which keeps them alive).
py_obj_t py_obj_new_memoryview(py_obj_t owner, byte *items, size_t len, bool readonly);
bool py_obj_is_str(py_const_obj_t o); // str (heap or qstr)
bool py_obj_is_str_or_bytes(py_const_obj_t o);
// The bytes of a str, qstr or bytes object; raises TypeError for anything else.
const char *py_obj_str_get_data(py_obj_t self, size_t *len);
// A NUL-terminated copy or view of a str's bytes.
const char *py_obj_str_get_str(py_obj_t self);
// Interns a str's text.
qstr py_obj_str_get_qstr(py_obj_t self);
// str(o) or repr(o) printed into a new str.
py_obj_t py_obj_new_str_of(py_obj_t o, py_print_kind_t kind);
// Prints [len] bytes at [data] as a str literal (quotes chosen as Python does) or bytes literal.
void py_str_print_quoted(const py_print_t *print, const byte *data, size_t len, bool is_bytes);
// format(value, spec): calls __format__ or the built-in formatting of ints, floats and strs
// (objstrformat.c). f-strings use it for each replacement field.
py_obj_t py_format_value(py_obj_t value, py_obj_t spec);
// Buffer protocol: fills [info] for bytes-like [o]; false if [o] has no buffer.
bool py_get_buffer(py_obj_t o, py_buffer_info_t *info, unsigned flags);
void py_get_buffer_raise(py_obj_t o, py_buffer_info_t *info, unsigned flags);

// ---- tuple, list (objtuple.c, objlist.c) -------------------------------------------------------
// [items] may be NULL: the items are then PY_OBJ_NULL for the caller to fill.
py_obj_t py_obj_new_tuple(size_t n, const py_obj_t *items);
py_obj_t py_obj_new_list(size_t n, const py_obj_t *items);
py_obj_t py_obj_list_append(py_obj_t self, py_obj_t item);
void py_obj_list_extend(py_obj_t self, py_obj_t iterable);
// A tuple from any iterable (returns [iterable] itself if it is a tuple).
py_obj_t py_obj_tuple_from_iterable(py_obj_t iterable);
py_obj_t py_obj_list_from_iterable(py_obj_t iterable);
// Sorts [n] items in place, stably, by [key] (may be PY_OBJ_NULL) and [reverse].
void py_sort(py_obj_t *items, size_t n, py_obj_t key, bool reverse);

// An iterator over o[0], o[1], ... until IndexError, for objects with only __getitem__
// (objiter.c). [iter_buf] may be NULL.
py_obj_t py_obj_new_getitem_iter(py_obj_t obj, py_obj_iter_buf_t *iter_buf);

// ---- dict (objdict.c) --------------------------------------------------------------------------
py_obj_t py_obj_new_dict(size_t n);
void py_obj_dict_store(py_obj_t self, py_obj_t key, py_obj_t value);
void py_obj_dict_delete(py_obj_t self, py_obj_t key);
// d[key] or PY_OBJ_NULL if absent (no exception).
py_obj_t py_obj_dict_get(py_obj_t self, py_obj_t key);
py_map_t *py_obj_dict_get_map(py_obj_t self);
size_t py_obj_dict_len(py_obj_t self);

// ---- set, frozenset (objset.c) -----------------------------------------------------------------
py_obj_t py_obj_new_set(size_t n, const py_obj_t *items);
void py_obj_set_store(py_obj_t self, py_obj_t item);

// ---- range, slice (objrange.c, objslice.c) -----------------------------------------------------
py_obj_t py_obj_new_slice(py_obj_t start, py_obj_t stop, py_obj_t step);
typedef struct py_bound_slice {
    intptr_t start, stop, step;
} py_bound_slice_t;
// Resolves [slice] against a sequence of [len] items as slice.indices() does.
void py_obj_slice_indices(py_obj_t slice, size_t len, py_bound_slice_t *result);
bool py_obj_is_slice(py_const_obj_t o);

// ---- functions and methods (objfun.c, objboundmeth.c, objclosure.c) ----------------------------
py_obj_t py_obj_new_bound_meth(py_obj_t meth, py_obj_t self);
py_obj_t py_obj_new_cell(py_obj_t value);
py_obj_t py_obj_cell_get(py_obj_t cell);
void py_obj_cell_set(py_obj_t cell, py_obj_t value);
// The function's name for tracebacks and repr.
qstr py_obj_fun_get_name(py_const_obj_t fun);
// Functions written in Python (objfunbc.c): like built-in functions, they bind to the instance
// when found on a class. Generators and coroutines (objgen.c); closure cells (objcell.c).
extern const py_obj_type_t py_type_fun_bc;
extern const py_obj_type_t py_type_gen;
extern const py_obj_type_t py_type_coro;
extern const py_obj_type_t py_type_async_gen;
extern const py_obj_type_t py_type_cell;

// ---- modules (objmodule.c) ---------------------------------------------------------------------
typedef struct py_obj_module {
    py_obj_base_t base;
    py_obj_dict_t *globals;
} py_obj_module_t;

py_obj_t py_obj_new_module(qstr name);
py_obj_dict_t *py_obj_module_get_globals(py_obj_t self);

// ---- exceptions (objexcept.c) ------------------------------------------------------------------
// ORDER: the hierarchy is defined in objexcept.c; MicroPython's names and messages.
extern const py_obj_type_t py_type_BaseException;
extern const py_obj_type_t py_type_ArithmeticError;
extern const py_obj_type_t py_type_AssertionError;
extern const py_obj_type_t py_type_AttributeError;
extern const py_obj_type_t py_type_EOFError;
extern const py_obj_type_t py_type_Exception;
extern const py_obj_type_t py_type_GeneratorExit;
extern const py_obj_type_t py_type_ImportError;
extern const py_obj_type_t py_type_IndentationError;
extern const py_obj_type_t py_type_IndexError;
extern const py_obj_type_t py_type_KeyError;
extern const py_obj_type_t py_type_KeyboardInterrupt;
extern const py_obj_type_t py_type_LookupError;
extern const py_obj_type_t py_type_MemoryError;
extern const py_obj_type_t py_type_NameError;
extern const py_obj_type_t py_type_NotImplementedError;
extern const py_obj_type_t py_type_OSError;
extern const py_obj_type_t py_type_OverflowError;
extern const py_obj_type_t
    py_type_RecursionError; // MicroPython raises RuntimeError; CPython's name is an alias here
extern const py_obj_type_t py_type_RuntimeError;
extern const py_obj_type_t py_type_StopAsyncIteration;
extern const py_obj_type_t py_type_StopIteration;
extern const py_obj_type_t py_type_SyntaxError;
extern const py_obj_type_t py_type_SystemExit;
extern const py_obj_type_t py_type_TypeError;
extern const py_obj_type_t py_type_UnboundLocalError;
extern const py_obj_type_t py_type_UnicodeError;
extern const py_obj_type_t py_type_ValueError;
extern const py_obj_type_t py_type_ZeroDivisionError;

// An instance of [exc_type] with the given args. Uses a preallocated object when the heap is full.
py_obj_t py_obj_new_exception(const py_obj_type_t *exc_type);
py_obj_t py_obj_new_exception_arg1(const py_obj_type_t *exc_type, py_obj_t arg);
py_obj_t py_obj_new_exception_args(const py_obj_type_t *exc_type, size_t n_args,
                                   const py_obj_t *args);
py_obj_t py_obj_new_exception_msg(const py_obj_type_t *exc_type, const char *msg);
// The message is formatted with py_printf's directives (so %q names a qstr).
py_obj_t py_obj_new_exception_msg_varg(const py_obj_type_t *exc_type, const char *fmt, ...);
bool py_obj_is_exception_type(py_obj_t o);
bool py_obj_is_exception_instance(py_obj_t o);
// Does exception instance [exc] match [exc_type] (a class, or a tuple of classes)?
bool py_obj_exception_match(py_obj_t exc, py_obj_t exc_type);
// The args tuple, and args[0] or None (StopIteration.value, SystemExit's code).
py_obj_t py_obj_exception_get_args(py_obj_t exc);
py_obj_t py_obj_exception_get_value(py_obj_t exc);
// Appends a traceback entry (file, line, function). Ignored for preallocated exceptions.
void py_obj_exception_add_traceback(py_obj_t exc, qstr file, size_t line, qstr block);
void py_obj_exception_clear_traceback(py_obj_t exc);
// Prints the traceback and `Type: message` as MicroPython does.
void py_obj_print_exception(const py_print_t *print, py_obj_t exc);
// __cause__ / __context__ of an exception (PY_OBJ_NULL when unset).
void py_obj_exception_set_cause(py_obj_t exc, py_obj_t cause);
void py_obj_exception_set_context(py_obj_t exc, py_obj_t context);
// OSError(errno) with MicroPython's text, e.g. "[Errno 2] ENOENT".
PY_NORETURN void py_raise_OSError(int errno_value);

#endif
