// SPDX-License-Identifier: MIT
// qstr.h: interned strings. A qstr is a small integer naming a unique string.
//
// Identifiers, attribute names and short literals are interned once and then compared as
// integers. Static qstrs are known at compile time: write PY_QSTR_name anywhere in firmware
// sources and the build collects it (makeqstrdefs.py scans the sources; names that are not C
// identifiers are listed in qstrdefs.txt). Dynamic qstrs are made at run time and never freed.
// A qstr's hash equals py_str_hash() of its bytes, so a str object and a qstr with the same text
// find each other in a dict.

#ifndef PY_QSTR_H
#define PY_QSTR_H

#include "misc.h"

typedef size_t qstr;

enum {
    PY_QSTR_NULL = 0,
#define QDEF(id, hash, len, str) id,
#include "genhdr/qstrdefs.generated.h"
#undef QDEF
    PY_QSTR_NUMBER_OF_STATIC,
};

// Longest string that may be interned.
#define PY_QSTR_MAX_LEN (255)

void py_qstr_init(void);
// Interns [len] bytes at [str]; raises MemoryError if the heap is full and ValueError if
// [len] > PY_QSTR_MAX_LEN.
qstr py_qstr_from_strn(const char *str, size_t len);
qstr py_qstr_from_str(const char *str);
// Returns the qstr for [len] bytes at [str] if interned, else PY_QSTR_NULL.
qstr py_qstr_find_strn(const char *str, size_t len);

const char *py_qstr_str(qstr q); // NUL-terminated
size_t py_qstr_len(qstr q);
size_t py_qstr_hash(qstr q);
const byte *py_qstr_data(qstr q, size_t *len);

// The hash every str, bytes and qstr uses. Never 0 (0 means "not yet computed").
size_t py_str_hash(const byte *data, size_t len);

typedef struct py_qstr_stats {
    size_t n_dynamic; // dynamic qstrs made
    size_t n_bytes;   // their string bytes
} py_qstr_stats_t;
void py_qstr_stats(py_qstr_stats_t *stats);

#endif
