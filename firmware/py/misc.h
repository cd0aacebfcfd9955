// SPDX-License-Identifier: MIT
// misc.h: small shared pieces: byte, growable strings (vstr), print sinks, UTF-8 helpers.

#ifndef PY_MISC_H
#define PY_MISC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pyconfig.h"

typedef unsigned char byte;

// The smallest step by which py_vstr_reserve_read grows a buffer.
#define PY_VSTR_READ_STEP (256)

#define PY_NORETURN      __attribute__((noreturn))
#define PY_UNUSED        __attribute__((unused))
#define PY_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define PY_LIKELY(x)     __builtin_expect(!!(x), 1)
#define PY_UNLIKELY(x)   __builtin_expect(!!(x), 0)

// A growable byte buffer on the GC heap (or over caller storage when [fixed]). Adding to a full
// fixed vstr drops the bytes and sets [overflowed], so callers can report it rather than truncate.
typedef struct py_vstr {
    size_t alloc;
    size_t len;
    char *buf;
    bool fixed;
    bool overflowed;
} py_vstr_t;

// Initialises [v] with room for [alloc] bytes from the GC heap.
void py_vstr_init(py_vstr_t *v, size_t alloc);
// Initialises [v] over caller storage [buf] of [alloc] bytes; it never grows.
void py_vstr_init_fixed_buf(py_vstr_t *v, size_t alloc, char *buf);
// Frees [v]'s heap buffer (not the vstr itself).
void py_vstr_clear(py_vstr_t *v);
// Makes room for [n] more bytes and returns where they go; [v]->len grows by [n]. Returns NULL
// (and sets [overflowed]) only for a fixed vstr without room.
char *py_vstr_add_len(py_vstr_t *v, size_t n);
void py_vstr_add_byte(py_vstr_t *v, byte b);
// For a heap vstr filled from a stream and shrunk to fit when complete: makes room for [n] more
// bytes (and a NUL). It grows by an eighth of its length, and by PY_VSTR_READ_STEP bytes at
// least, so that filling it stays linear while the slack it holds is small; the allocation never
// exceeds [max] bytes unless the [n] bytes need more. Raises MemoryError when it cannot grow.
void py_vstr_reserve_read(py_vstr_t *v, size_t n, size_t max);
// Appends code point [c] encoded as UTF-8.
void py_vstr_add_char(py_vstr_t *v, uint32_t c);
void py_vstr_add_str(py_vstr_t *v, const char *s);
void py_vstr_add_strn(py_vstr_t *v, const char *s, size_t n);
void py_vstr_cut_tail_bytes(py_vstr_t *v, size_t n);
void py_vstr_ins_byte(py_vstr_t *v, size_t at, byte b);
void py_vstr_cut_out_bytes(py_vstr_t *v, size_t at, size_t n);
// Returns the buffer with a NUL after [len] bytes (not counted in len).
char *py_vstr_null_terminated_str(py_vstr_t *v);
void py_vstr_printf(py_vstr_t *v, const char *fmt, ...);

// Where printed text goes: [strn] is called with each piece.
typedef struct py_print {
    void *data;
    void (*strn)(void *data, const char *str, size_t len);
} py_print_t;

// Prints to the port's standard output (the UART on a board).
extern const py_print_t py_plat_print;
// A print sink that appends to the vstr in [data].
void py_print_vstr_strn(void *data, const char *str, size_t len);
#define PY_PRINT_TO_VSTR(vstr_ptr)                                                                 \
    { (vstr_ptr), py_print_vstr_strn }

void py_print_str(const py_print_t *print, const char *str);
void py_print_strn(const py_print_t *print, const char *str, size_t len);
// printf for interpreter messages. Besides %d %i %u %x %X %c %s %.*s %p %% and the l/z/ll size
// modifiers, it knows %q (a qstr: its text).
int py_printf(const py_print_t *print, const char *fmt, ...);
int py_vprintf(const py_print_t *print, const char *fmt, va_list args);

// UTF-8: number of bytes in the sequence that starts with lead byte [b] (1 for a stray byte).
static inline size_t py_utf8_seq_len(byte b) {
    return b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}
static inline bool py_utf8_is_cont(byte b) {
    return (b & 0xc0) == 0x80;
}
// Decodes the code point at [s]; never reads past [end].
uint32_t py_utf8_get_char(const byte *s, const byte *end);
// Number of code points in [len] bytes of UTF-8 at [s].
size_t py_utf8_charlen(const byte *s, size_t len);
// Checks [len] bytes at [s] are well-formed UTF-8.
bool py_utf8_is_valid(const byte *s, size_t len);

#endif
