// SPDX-License-Identifier: MIT
// moderrno.c: the errno module: the error numbers as constants and errorcode (number -> name).
//
// Both tables are const (they stay in flash on the chip) and are expanded from errnolist.h.

#include "extmod.h"

static const py_map_elem_t errorcode_table[] = {
#define PY_ERRNO_DEF(q, number) {PY_ROM_INT(number), PY_ROM_QSTR(q)},
#include "errnolist.h"
};

// A read-only dict keyed by ints: PY_DEFINE_CONST_DICT is for qstr keys only.
static const py_obj_dict_t errorcode_dict = {
    .base = {&py_type_dict},
    .map =
        {
            .all_keys_are_qstrs = 0,
            .is_fixed = 1,
            .used = PY_ARRAY_SIZE(errorcode_table),
            .filled = PY_ARRAY_SIZE(errorcode_table),
            .alloc = PY_ARRAY_SIZE(errorcode_table),
            .table = (py_map_elem_t *)errorcode_table,
            .index = NULL,
        },
};

static const py_map_elem_t errno_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_errno)},
    {PY_ROM_QSTR(PY_QSTR_errorcode), PY_ROM_PTR(&errorcode_dict)},
#define PY_ERRNO_DEF(q, number) {PY_ROM_QSTR(q), PY_ROM_INT(number)},
#include "errnolist.h"
};
static PY_DEFINE_CONST_DICT(errno_globals, errno_globals_table);

const py_obj_module_t py_module_errno = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&errno_globals,
};
