// SPDX-License-Identifier: MIT
// objexcept.h: the exception object layout and the exception types beyond those objects.h lists.

#ifndef PY_OBJEXCEPT_H
#define PY_OBJEXCEPT_H

#include "objects.h"

// Every exception, built-in or an instance of a Python subclass, has this layout; [dict] is in the
// same place as in py_obj_instance_t (objtype.h).
typedef struct py_obj_exception {
    py_obj_base_t base;
    py_obj_dict_t *dict; // attributes set on the instance; NULL until one is stored
    py_obj_tuple_t *args;
    size_t *traceback; // (file qstr, line, block qstr) per entry, innermost first
    uint16_t tb_len;   // entries in [traceback]
    uint16_t tb_alloc; // room in [traceback], in entries
    uint16_t suppress_context;
    uint16_t is_emergency; // a static spare object: its traceback storage is fixed
    py_obj_t cause;        // __cause__ or PY_OBJ_NULL
    py_obj_t context;      // __context__ or PY_OBJ_NULL
} py_obj_exception_t;

// Traceback entries an emergency (static) exception can hold.
#define PY_EMERGENCY_TB_ENTRIES (8)

// Makes an exception of [type] (a built-in exception type or a Python subclass of one) with
// [n_args] arguments, without calling __init__.
py_obj_t py_exception_alloc(const py_obj_type_t *type, size_t n_args, const py_obj_t *args);

// Prints [exc]'s message line as MicroPython does: `Type: ` then str(exc) (possibly empty).
void py_exception_print_message(const py_print_t *print, py_obj_t exc);

// MicroPython's name for [errno_value] ("ENOENT"), or NULL when it has none.
const char *py_errno_name(int errno_value);

// Types beyond the list in objects.h (CPython's names).
extern const py_obj_type_t py_type_BlockingIOError;
extern const py_obj_type_t py_type_BrokenPipeError;
extern const py_obj_type_t py_type_ChildProcessError;
extern const py_obj_type_t py_type_ConnectionAbortedError;
extern const py_obj_type_t py_type_ConnectionError;
extern const py_obj_type_t py_type_ConnectionRefusedError;
extern const py_obj_type_t py_type_ConnectionResetError;
extern const py_obj_type_t py_type_FileExistsError;
extern const py_obj_type_t py_type_FileNotFoundError;
extern const py_obj_type_t py_type_InterruptedError;
extern const py_obj_type_t py_type_IsADirectoryError;
extern const py_obj_type_t py_type_ModuleNotFoundError;
extern const py_obj_type_t py_type_NotADirectoryError;
extern const py_obj_type_t py_type_PermissionError;
extern const py_obj_type_t py_type_ProcessLookupError;
extern const py_obj_type_t py_type_TabError;
extern const py_obj_type_t py_type_TimeoutError;
extern const py_obj_type_t py_type_UnicodeDecodeError;
extern const py_obj_type_t py_type_UnicodeEncodeError;
extern const py_obj_type_t py_type_UnicodeTranslateError;
extern const py_obj_type_t py_type_BufferError;
extern const py_obj_type_t py_type_Warning;
extern const py_obj_type_t py_type_UserWarning;
extern const py_obj_type_t py_type_DeprecationWarning;
extern const py_obj_type_t py_type_RuntimeWarning;
extern const py_obj_type_t py_type_SyntaxWarning;

#endif
