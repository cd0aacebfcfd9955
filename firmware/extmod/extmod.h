// SPDX-License-Identifier: MIT
// extmod.h: the portable built-in modules of firmware/extmod and what a port supplies for them.
//
// A port links the pyextmod library and puts PY_EXTMOD_MODULES in its py_port_builtin_modules
// table (port.h), before the {0, NULL} that ends it:
//
//     const py_builtin_module_t py_port_builtin_modules[] = {
//         PY_EXTMOD_MODULES,
//         {PY_QSTR_machine, &machine_module},
//         {0, NULL},
//     };

#ifndef PY_EXTMOD_H
#define PY_EXTMOD_H

#include "runtime.h"

// hashlib needs mbedTLS; the build defines PY_EXTMOD_HASHLIB=0 where it has none.
#ifndef PY_EXTMOD_HASHLIB
#define PY_EXTMOD_HASHLIB (1)
#endif

extern const py_obj_module_t py_module_json;        // modjson.c
extern const py_obj_module_t py_module_struct;      // modstruct.c
extern const py_obj_module_t py_module_binascii;    // modbinascii.c
extern const py_obj_module_t py_module_errno;       // moderrno.c
extern const py_obj_module_t py_module_io;          // modio.c
extern const py_obj_module_t py_module_random;      // modrandom.c
extern const py_obj_module_t py_module_collections; // modcollections.c
extern const py_obj_module_t py_module_re;          // modre.c
extern const py_obj_module_t py_module_heapq;       // modheapq.c
extern const py_obj_module_t py_module_os;          // modos.c (over vfs.h)
extern const py_obj_module_t py_module_vfs;         // modos.c
#if PY_EXTMOD_HASHLIB
extern const py_obj_module_t py_module_hashlib; // modhashlib.c
#define PY_EXTMOD_HASHLIB_ENTRY {PY_QSTR_hashlib, &py_module_hashlib},
#else
#define PY_EXTMOD_HASHLIB_ENTRY
#endif

// The py_builtin_module_t entries of every module above, separated by commas (the list ends
// without one, so it reads as one entry: `PY_EXTMOD_MODULES,`).
// clang-format off
#define PY_EXTMOD_MODULES                                                                          \
    PY_EXTMOD_HASHLIB_ENTRY                                                                        \
    {PY_QSTR_json, &py_module_json},                                                               \
    {PY_QSTR_struct, &py_module_struct},                                                           \
    {PY_QSTR_binascii, &py_module_binascii},                                                       \
    {PY_QSTR_errno, &py_module_errno},                                                             \
    {PY_QSTR_io, &py_module_io},                                                                   \
    {PY_QSTR_random, &py_module_random},                                                           \
    {PY_QSTR_collections, &py_module_collections},                                                 \
    {PY_QSTR_re, &py_module_re},                                                                   \
    {PY_QSTR_heapq, &py_module_heapq},                                                             \
    {PY_QSTR_os, &py_module_os},                                                                   \
    {PY_QSTR_vfs, &py_module_vfs}
// clang-format on

// ---- What the port supplies ---------------------------------------------------------------------

// A seed for the random module's generator at start-up: something that differs between runs
// (a hardware RNG, a timer, /dev/urandom). random.seed() without an argument uses it too.
uint32_t py_port_random_seed(void);

// ---- Shared between the files of a module -------------------------------------------------------

// collections.deque (collections_deque.c).
extern const py_obj_type_t py_collections_deque_type;

#endif
