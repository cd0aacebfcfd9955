// SPDX-License-Identifier: MIT
// builtin.h: objects that the builtins module and built-in modules table collect from the files
// that define them. Add a line here when you add a builtin defined outside modbuiltins.c.

#ifndef PY_BUILTIN_H
#define PY_BUILTIN_H

#include "obj.h"
#include "objects.h"

// Iterator types that are also builtins (objiter.c).
extern const py_obj_type_t py_type_enumerate;
extern const py_obj_type_t py_type_zip;
extern const py_obj_type_t py_type_map;
extern const py_obj_type_t py_type_filter;
extern const py_obj_type_t py_type_reversed;

// Builtin functions defined beside their types.
extern const py_obj_fun_builtin_t py_builtin_sorted_obj;          // objlist.c
extern const py_obj_fun_builtin_t py_builtin_min_obj;             // objiter.c
extern const py_obj_fun_builtin_t py_builtin_max_obj;             // objiter.c
extern const py_obj_fun_builtin_t py_builtin_sum_obj;             // objiter.c
extern const py_obj_fun_builtin_t py_builtin_any_obj;             // objiter.c
extern const py_obj_fun_builtin_t py_builtin_all_obj;             // objiter.c
extern const py_obj_fun_builtin_t py_builtin_abs_obj;             // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_divmod_obj;          // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_pow_obj;             // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_round_obj;           // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_bin_obj;             // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_oct_obj;             // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_hex_obj;             // objint_big.c
extern const py_obj_fun_builtin_t py_builtin_chr_obj;             // objstr_codec.c
extern const py_obj_fun_builtin_t py_builtin_ord_obj;             // objstr_codec.c
extern const py_obj_fun_builtin_t py_builtin_format_obj;          // objstrformat.c
extern const py_obj_fun_builtin_t py_builtin___build_class___obj; // objtype.c
// open() lives with the filesystem (extmod/vfs_file.c); weak, so that a program linked without
// extmod (the core's unit tests) still links, without open.
extern const py_obj_fun_builtin_t py_builtin_open_obj __attribute__((weak));

// Built-in modules (each in its mod*.c).
extern const py_obj_module_t py_module_builtins;
extern const py_obj_module_t py_module_sys;
extern const py_obj_module_t py_module_math;
extern const py_obj_module_t py_module_gc;

#endif
