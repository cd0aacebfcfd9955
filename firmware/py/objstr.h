// SPDX-License-Identifier: MIT
// objstr.h: internals shared by str, bytes, bytearray, memoryview and the formatting code.
//
// str and bytes are both py_obj_str_t (a str may also be a qstr immediate); bytearray and
// memoryview have their own layouts below. Most text methods are written once and work on all
// three sequence types: they take their self through py_str_get_self and build results of the
// same type with py_str_new_of_type.

#ifndef PY_OBJSTR_H
#define PY_OBJSTR_H

#include "runtime.h"

// ---- Layouts -----------------------------------------------------------------------------------

typedef struct py_obj_bytearray {
    py_obj_base_t base;
    size_t alloc; // bytes available at [items]
    size_t len;
    byte *items;
} py_obj_bytearray_t;

// A window of [len] bytes into [owner]. Bytearray owners may move their storage when they grow,
// so for them the window is kept as an [offset] and the address is looked up on each access.
typedef struct py_obj_memoryview {
    py_obj_base_t base;
    py_obj_t owner;
    byte *items; // for owners other than bytearray
    size_t offset;
    size_t len;
    bool readonly;
    bool released;
} py_obj_memoryview_t;

// What a method sees of its self (or an argument): the bytes, and the type of results.
typedef struct py_strarg {
    const byte *data;
    size_t len;
    const py_obj_type_t *type; // &py_type_str, &py_type_bytes or &py_type_bytearray
} py_strarg_t;

// ---- Access (objstr.c) -------------------------------------------------------------------------

// The bytes of [o], a str, qstr or bytes (no type check).
static inline const byte *py_str_data(py_const_obj_t o, size_t *len) {
    if (PY_OBJ_IS_QSTR((py_obj_t)o)) {
        return py_qstr_data(PY_OBJ_QSTR_VALUE((py_obj_t)o), len);
    }
    const py_obj_str_t *s = o;
    *len = s->len;
    return s->data;
}

// The str, bytes or bytearray inside an instance of a Python subclass of one, else [o].
py_obj_t py_str_native(py_obj_t o);
// Number of code points of str [o] (bytes for bytes).
size_t py_str_charlen(py_const_obj_t o);
// Fills [out] from [self], a str, qstr, bytes or bytearray; raises TypeError for anything else.
void py_str_get_self(py_obj_t self, py_strarg_t *out);
// The bytes of argument [arg] to a method of a [self_type] object: a str for str methods, any
// bytes-like object for bytes and bytearray methods. Raises TypeError otherwise.
const byte *py_str_get_arg(const py_obj_type_t *self_type, py_obj_t arg, size_t *len);
// A new object of [type] (str, bytes or bytearray) holding a copy of [len] bytes at [data].
py_obj_t py_str_new_of_type(const py_obj_type_t *type, const byte *data, size_t len);
// The same, taking over [vstr]'s bytes.
py_obj_t py_str_new_of_type_from_vstr(const py_obj_type_t *type, py_vstr_t *vstr);
// A new str or bytes object of [len] bytes whose text the caller writes at [*data] (a NUL is
// already after them); charlen is set to [len], so a caller writing non-ASCII text calls
// py_str_set_charlen afterwards.
py_obj_str_t *py_str_alloc(const py_obj_type_t *type, size_t len, byte **data);
void py_str_set_charlen(py_obj_str_t *s);
// Hash of a str or bytes (cached in heap objects).
size_t py_str_hash_of(py_obj_t o);
// Is [c] a byte of a str, bytes or bytearray's element type (0..255 int)? Raises otherwise.
byte py_str_byte_value(py_obj_t c);

// Byte offset of code point [index] (0..charlen) in [len] bytes of UTF-8 at [data].
size_t py_utf8_offset_of(const byte *data, size_t len, size_t charlen, size_t index);
// Code points in [n] bytes at [data]; [n] when [ascii].
static inline size_t py_utf8_count(const byte *data, size_t n, bool ascii) {
    return ascii ? n : py_utf8_charlen(data, n);
}
// Byte offset of the start of the code point before byte offset [pos] (> 0).
static inline size_t py_utf8_prev(const byte *data, size_t pos) {
    do {
        pos--;
    } while (pos > 0 && py_utf8_is_cont(data[pos]));
    return pos;
}

// Searches [hay] (hlen bytes) for [needle] (nlen bytes) from the front (dir > 0) or back
// (dir < 0); returns the byte offset or -1.
intptr_t py_bytes_find(const byte *hay, size_t hlen, const byte *needle, size_t nlen, int dir);
// A slice of byte sequence [data] as a new object of [type] (bytes or bytearray). Resolving
// [slice] may run Python code (__index__), so [data] must not be a bytearray's storage.
py_obj_t py_bytes_slice(const py_obj_type_t *type, const byte *data, size_t len, py_obj_t slice);
// The same for a slice already resolved against the length of [data].
py_obj_t py_bytes_slice_bound(const py_obj_type_t *type, const byte *data,
                              const py_bound_slice_t *slice);
// Compares two byte strings: <0, 0, >0.
int py_bytes_cmp(const byte *a, size_t alen, const byte *b, size_t blen);
// Applies comparison [op] (LESS ... NOT_EQUAL) to the result [cmp] of a three-way compare;
// PY_OBJ_NULL for other operators.
static inline py_obj_t py_str_cmp_op(py_binary_op_t op, int cmp) {
    switch (op) {
        case PY_BINARY_OP_LESS:
            return PY_OBJ_NEW_BOOL(cmp < 0);
        case PY_BINARY_OP_MORE:
            return PY_OBJ_NEW_BOOL(cmp > 0);
        case PY_BINARY_OP_EQUAL:
            return PY_OBJ_NEW_BOOL(cmp == 0);
        case PY_BINARY_OP_LESS_EQUAL:
            return PY_OBJ_NEW_BOOL(cmp <= 0);
        case PY_BINARY_OP_MORE_EQUAL:
            return PY_OBJ_NEW_BOOL(cmp >= 0);
        case PY_BINARY_OP_NOT_EQUAL:
            return PY_OBJ_NEW_BOOL(cmp != 0);
        default:
            return PY_OBJ_NULL;
    }
}

// iter() of a str or bytes (objstr_methods.c): an iterator in [iter_buf] when it is not NULL.
py_obj_t py_str_getiter(py_obj_t self, py_obj_iter_buf_t *iter_buf);
// For the VM: [lhs] OP [rhs] for a comparison OP (PY_BINARY_OP_LESS .. PY_BINARY_OP_NOT_EQUAL)
// when both are plain strs (qstrs or str objects); PY_OBJ_NULL otherwise.
py_obj_t py_str_compare(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs);
// `item in seq` for a byte sequence: an int 0..255 or a bytes-like substring.
bool py_bytes_contains(const byte *data, size_t len, py_obj_t item);
// The contents of a bytes-like object given to bytes()/bytearray()/extend(): buffer, or
// iterable of ints 0..255 appended to [out].
void py_bytes_collect(py_vstr_t *out, py_obj_t src);

// ---- Printing (objstr.c) -----------------------------------------------------------------------

// Prints str [data] as ascii() does: repr text with non-ASCII code points escaped.
void py_str_print_ascii_escaped(py_vstr_t *out, const byte *data, size_t len);
// ascii(o) as a str.
py_obj_t py_str_ascii_of(py_obj_t o);

// ---- Unicode classification (objunicode.c) -----------------------------------------------------

bool py_unichar_isspace(uint32_t c);
bool py_unichar_isalpha(uint32_t c);
bool py_unichar_isdigit(uint32_t c);
bool py_unichar_isdecimal(uint32_t c);
bool py_unichar_isnumeric(uint32_t c);
bool py_unichar_isupper(uint32_t c);
bool py_unichar_islower(uint32_t c);
bool py_unichar_isprintable(uint32_t c);
// Title case letters (Dž): neither upper nor lower case.
bool py_unichar_istitle(uint32_t c);
// Cased letters: upper, lower or title case.
static inline bool py_unichar_iscased(uint32_t c) {
    return py_unichar_isupper(c) || py_unichar_islower(c) || py_unichar_istitle(c);
}
// Simple case mappings (one code point to one).
uint32_t py_unichar_toupper(uint32_t c);
uint32_t py_unichar_tolower(uint32_t c);
uint32_t py_unichar_totitle(uint32_t c);
// Line boundaries of str.splitlines.
bool py_unichar_islinebreak(uint32_t c);

// ---- Codecs (objstr_codec.c) -------------------------------------------------------------------

// Decodes [len] bytes at [data] with [encoding] and [errors] (str objects or PY_OBJ_NULL for
// utf-8/strict) into a new str.
py_obj_t py_str_decode(const byte *data, size_t len, py_obj_t encoding, py_obj_t errors);
// Raises UnicodeDecodeError, worded as bytes.decode() words it, unless the [len] bytes at [data]
// are well-formed UTF-8. Text streams check what they read with it.
void py_str_check_utf8(const byte *data, size_t len);
// Encodes str [s] into a new object of [type] (bytes or bytearray).
py_obj_t py_str_encode(const py_obj_type_t *type, py_obj_t s, py_obj_t encoding, py_obj_t errors);
// Arguments of bytes()/bytearray() into [out]; [n_args] positional then [n_kw] pairs.
void py_bytes_make_contents(py_vstr_t *out, size_t n_args, size_t n_kw, const py_obj_t *args);
// bytes.hex / bytearray.hex / memoryview.hex.
py_obj_t py_bytes_hex(const byte *data, size_t len, size_t n_args, const py_obj_t *args);

// ---- Formatting (objstrformat.c, objstrpercent.c) ----------------------------------------------

// A parsed format specification: [[fill]align][sign][#][0][width][grouping][.precision][type].
typedef struct py_fmt_spec {
    uint32_t fill;   // code point
    bool fill_given; // [fill] was written in the spec
    bool z;          // 'z': negative zero shows as zero
    char align;      // '<' '>' '^' '=' or 0 (the type's default)
    char sign;       // '+' '-' ' ' or 0
    bool alt;        // '#'
    bool zero;       // '0' before the width
    char grouping;   // ',' '_' or 0
    char type;       // presentation type or 0
    intptr_t width;  // 0 when absent
    intptr_t prec;   // -1 when absent
} py_fmt_spec_t;

// Parses [len] bytes at [s]; raises ValueError for malformed specs.
void py_fmt_parse_spec(const byte *s, size_t len, py_fmt_spec_t *spec);
// Appends int [value] (small or big, bool allowed) formatted per [spec] to [out]; [min_digits]
// zero-extends the digits (%-formatting's precision), 0 for none.
void py_fmt_int(py_vstr_t *out, py_obj_t value, const py_fmt_spec_t *spec, size_t min_digits);
#if PY_FEATURE_FLOAT
void py_fmt_float(py_vstr_t *out, py_float_t value, const py_fmt_spec_t *spec);
#endif
// Appends text [s] (code points counted for the width) truncated to spec->prec and padded.
void py_fmt_text(py_vstr_t *out, const byte *s, size_t len, bool is_bytes,
                 const py_fmt_spec_t *spec);
// format(value, spec) appended to [out].
void py_format_value_into(py_vstr_t *out, py_obj_t value, const byte *spec, size_t spec_len);
// fmt % args for a str or bytes [fmt].
py_obj_t py_str_modulo(py_obj_t fmt, py_obj_t args);

// ---- Method objects shared by the sequence types -----------------------------------------------

extern const py_obj_fun_builtin_t py_str_find_obj, py_str_rfind_obj, py_str_index_obj,
    py_str_rindex_obj, py_str_count_obj, py_str_startswith_obj, py_str_endswith_obj,
    py_str_split_obj, py_str_rsplit_obj, py_str_splitlines_obj, py_str_join_obj, py_str_strip_obj,
    py_str_lstrip_obj, py_str_rstrip_obj, py_str_partition_obj, py_str_rpartition_obj,
    py_str_replace_obj, py_str_removeprefix_obj, py_str_removesuffix_obj, py_str_center_obj,
    py_str_ljust_obj, py_str_rjust_obj, py_str_zfill_obj, py_str_expandtabs_obj, py_str_upper_obj,
    py_str_lower_obj, py_str_capitalize_obj, py_str_title_obj, py_str_swapcase_obj,
    py_str_casefold_obj, py_str_isdigit_obj, py_str_isalpha_obj, py_str_isspace_obj,
    py_str_isupper_obj, py_str_islower_obj, py_str_isalnum_obj, py_str_isdecimal_obj,
    py_str_isnumeric_obj, py_str_isidentifier_obj, py_str_isascii_obj, py_str_isprintable_obj,
    py_str_istitle_obj, py_str_encode_obj, py_str_decode_obj, py_str_format_obj,
    py_str_format_map_obj, py_str_translate_obj, py_str_hex_obj, py_str_fromhex_fun_obj,
    py_str_maketrans_fun_obj;
extern const py_obj_static_class_method_t py_str_fromhex_obj, py_str_maketrans_obj;

// The method table entries str, bytes and bytearray share.
// clang-format off
#define PY_STR_SHARED_METHODS                                                                      \
    {PY_ROM_QSTR(PY_QSTR_capitalize), PY_ROM_PTR(&py_str_capitalize_obj)},                         \
    {PY_ROM_QSTR(PY_QSTR_center), PY_ROM_PTR(&py_str_center_obj)},                                 \
    {PY_ROM_QSTR(PY_QSTR_count), PY_ROM_PTR(&py_str_count_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_endswith), PY_ROM_PTR(&py_str_endswith_obj)},                             \
    {PY_ROM_QSTR(PY_QSTR_expandtabs), PY_ROM_PTR(&py_str_expandtabs_obj)},                         \
    {PY_ROM_QSTR(PY_QSTR_find), PY_ROM_PTR(&py_str_find_obj)},                                     \
    {PY_ROM_QSTR(PY_QSTR_index), PY_ROM_PTR(&py_str_index_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_isalnum), PY_ROM_PTR(&py_str_isalnum_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_isalpha), PY_ROM_PTR(&py_str_isalpha_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_isascii), PY_ROM_PTR(&py_str_isascii_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_isdigit), PY_ROM_PTR(&py_str_isdigit_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_islower), PY_ROM_PTR(&py_str_islower_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_isspace), PY_ROM_PTR(&py_str_isspace_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_istitle), PY_ROM_PTR(&py_str_istitle_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_isupper), PY_ROM_PTR(&py_str_isupper_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_join), PY_ROM_PTR(&py_str_join_obj)},                                     \
    {PY_ROM_QSTR(PY_QSTR_ljust), PY_ROM_PTR(&py_str_ljust_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_lower), PY_ROM_PTR(&py_str_lower_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_lstrip), PY_ROM_PTR(&py_str_lstrip_obj)},                                 \
    {PY_ROM_QSTR(PY_QSTR_partition), PY_ROM_PTR(&py_str_partition_obj)},                           \
    {PY_ROM_QSTR(PY_QSTR_removeprefix), PY_ROM_PTR(&py_str_removeprefix_obj)},                     \
    {PY_ROM_QSTR(PY_QSTR_removesuffix), PY_ROM_PTR(&py_str_removesuffix_obj)},                     \
    {PY_ROM_QSTR(PY_QSTR_replace), PY_ROM_PTR(&py_str_replace_obj)},                               \
    {PY_ROM_QSTR(PY_QSTR_rfind), PY_ROM_PTR(&py_str_rfind_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_rindex), PY_ROM_PTR(&py_str_rindex_obj)},                                 \
    {PY_ROM_QSTR(PY_QSTR_rjust), PY_ROM_PTR(&py_str_rjust_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_rpartition), PY_ROM_PTR(&py_str_rpartition_obj)},                         \
    {PY_ROM_QSTR(PY_QSTR_rsplit), PY_ROM_PTR(&py_str_rsplit_obj)},                                 \
    {PY_ROM_QSTR(PY_QSTR_rstrip), PY_ROM_PTR(&py_str_rstrip_obj)},                                 \
    {PY_ROM_QSTR(PY_QSTR_split), PY_ROM_PTR(&py_str_split_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_splitlines), PY_ROM_PTR(&py_str_splitlines_obj)},                         \
    {PY_ROM_QSTR(PY_QSTR_startswith), PY_ROM_PTR(&py_str_startswith_obj)},                         \
    {PY_ROM_QSTR(PY_QSTR_strip), PY_ROM_PTR(&py_str_strip_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_swapcase), PY_ROM_PTR(&py_str_swapcase_obj)},                             \
    {PY_ROM_QSTR(PY_QSTR_title), PY_ROM_PTR(&py_str_title_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_translate), PY_ROM_PTR(&py_str_translate_obj)},                           \
    {PY_ROM_QSTR(PY_QSTR_upper), PY_ROM_PTR(&py_str_upper_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_zfill), PY_ROM_PTR(&py_str_zfill_obj)},                                   \
    {PY_ROM_QSTR(PY_QSTR_maketrans), PY_ROM_PTR(&py_str_maketrans_obj)}
// clang-format on

extern const struct py_obj_dict py_str_locals_dict, py_bytes_locals_dict;

// Slots shared between the str/bytes files.
py_obj_t py_str_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                         const py_obj_t *args);
py_obj_t py_bytes_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                           const py_obj_t *args);

#endif
