// SPDX-License-Identifier: MIT
// modstruct.c: the struct module: packing values into bytes and back by a format string.
//
// A format is an optional byte order character (@ native with alignment, = native order with
// standard sizes, < little, > and ! big endian) then codes, each with an optional repeat count:
// b B h H i I l L q Q f d s ? x P. Integers that do not fit their code raise, as in CPython
// (MicroPython truncates them silently). struct.error is ValueError here.

#include <stddef.h>
#include <string.h>

#include "extmod.h"
#include "gc.h"
#include "objstr.h"

// Largest repeat count a format may give; larger is an error rather than a huge allocation.
#define STRUCT_MAX_COUNT (0x7fffffff)

typedef struct fmt_iter {
    const byte *pos;
    const byte *end;
    bool native; // '@': native sizes and alignment
    bool big_endian;
} fmt_iter_t;

static PY_NORETURN void raise_struct_error(const char *msg) {
    py_raise_ValueError(msg);
}

static void fmt_init(fmt_iter_t *it, py_obj_t fmt) {
    size_t len;
    const byte *s = (const byte *)py_obj_str_get_data(fmt, &len);
    it->pos = s;
    it->end = s + len;
    it->native = true;
    it->big_endian = false; // both the host and the chip are little-endian
    if (len > 0) {
        switch (s[0]) {
            case '@':
                it->pos++;
                break;
            case '=':
            case '<':
                it->native = false;
                it->pos++;
                break;
            case '>':
            case '!':
                it->native = false;
                it->big_endian = true;
                it->pos++;
                break;
            default:
                break;
        }
    }
}

// Reads the next (count, code); false at the end. Whitespace between codes is ignored.
static bool fmt_next(fmt_iter_t *it, size_t *count, char *code) {
    while (it->pos < it->end && (*it->pos == ' ' || (*it->pos >= '\t' && *it->pos <= '\r'))) {
        it->pos++;
    }
    if (it->pos == it->end) {
        return false;
    }
    size_t n = 1;
    if (*it->pos >= '0' && *it->pos <= '9') {
        n = 0;
        while (it->pos < it->end && *it->pos >= '0' && *it->pos <= '9') {
            n = n * 10 + (size_t)(*it->pos++ - '0');
            if (n > STRUCT_MAX_COUNT) {
                raise_struct_error("total struct size too long");
            }
        }
        if (it->pos == it->end) {
            raise_struct_error("repeat count given without format specifier");
        }
    }
    *count = n;
    *code = (char)*it->pos++;
    return true;
}

// Size of one [code] item (0 for an unknown code).
static size_t code_size(char code, bool native) {
    switch (code) {
        case 'b':
        case 'B':
        case 'x':
        case 's':
        case '?':
            return 1;
        case 'h':
        case 'H':
            return 2;
        case 'i':
        case 'I':
        case 'f':
            return 4;
        case 'l':
        case 'L':
            return native ? sizeof(long) : 4;
        case 'q':
        case 'Q':
        case 'd':
            return 8;
        case 'P':
            return native ? sizeof(void *) : 0;
        default:
            return 0;
    }
}

// Alignment of [code] in native mode: where the C compiler puts it in a struct.
#define ALIGN_OF(T)                                                                                \
    offsetof(                                                                                      \
        struct {                                                                                   \
            char c;                                                                                \
            T x;                                                                                   \
        },                                                                                         \
        x)
static size_t code_align(char code) {
    switch (code) {
        case 'h':
        case 'H':
            return ALIGN_OF(short);
        case 'i':
        case 'I':
            return ALIGN_OF(int);
        case 'l':
        case 'L':
            return ALIGN_OF(long);
        case 'q':
        case 'Q':
            return ALIGN_OF(long long);
        case 'f':
            return ALIGN_OF(float);
        case 'd':
            return ALIGN_OF(double);
        case 'P':
            return ALIGN_OF(void *);
        default:
            return 1;
    }
}

// The offset where a run of [code] starts when the previous one ended at [offset].
static size_t fmt_align(const fmt_iter_t *it, size_t offset, char code) {
    if (!it->native) {
        return offset;
    }
    size_t a = code_align(code);
    return (offset + a - 1) / a * a;
}

// Bytes of a run of [count] [code]s; raises for unknown codes.
static size_t run_size(const fmt_iter_t *it, size_t count, char code) {
    size_t size = code_size(code, it->native);
    if (size == 0) {
        raise_struct_error("bad char in struct format");
    }
    return count * size;
}

// Total size of [fmt] and the number of values it packs.
static size_t fmt_calcsize(py_obj_t fmt, size_t *n_items) {
    fmt_iter_t it;
    fmt_init(&it, fmt);
    size_t offset = 0, items = 0, count;
    char code;
    while (fmt_next(&it, &count, &code)) {
        offset = fmt_align(&it, offset, code);
        offset += run_size(&it, count, code);
        items += code == 's' ? 1 : code == 'x' ? 0 : count;
    }
    if (n_items != NULL) {
        *n_items = items;
    }
    return offset;
}

static py_obj_t struct_calcsize(py_obj_t fmt) {
    return py_obj_new_int_from_uint(fmt_calcsize(fmt, NULL));
}
static PY_DEFINE_CONST_FUN_OBJ_1(struct_calcsize_obj, struct_calcsize);

// ---- Bytes <-> integers -------------------------------------------------------------------------

static void put_uint(byte *p, size_t size, uint64_t v, bool big_endian) {
    for (size_t i = 0; i < size; i++) {
        p[big_endian ? size - 1 - i : i] = (byte)(v >> (8 * i));
    }
}

static uint64_t get_uint(const byte *p, size_t size, bool big_endian) {
    uint64_t v = 0;
    for (size_t i = 0; i < size; i++) {
        v |= (uint64_t)p[big_endian ? size - 1 - i : i] << (8 * i);
    }
    return v;
}

// The low 64 bits of int [o], after checking it fits [size] bytes (signed or not).
static uint64_t int_bits_checked(py_obj_t o, size_t size, bool is_signed) {
    if (!py_obj_is_int(o)) {
        raise_struct_error("required argument is not an integer");
    }
    unsigned bits = (unsigned)(8 * size);
    // Small ints and bools (big ints would make py_obj_get_int raise OverflowError).
    if (PY_OBJ_IS_SMALL_INT(o) || o == py_const_true || o == py_const_false) {
        intptr_t small = py_obj_get_int(o);
        if (bits >= 8 * sizeof(intptr_t)) {
            if (!is_signed && small < 0) {
                raise_struct_error("argument out of range");
            }
            return (uint64_t)(int64_t)small;
        }
        intptr_t lo = is_signed ? -((intptr_t)1 << (bits - 1)) : 0;
        intptr_t hi = is_signed ? ((intptr_t)1 << (bits - 1)) - 1 : ((intptr_t)1 << bits) - 1;
        if (small < lo || small > hi) {
            raise_struct_error("argument out of range");
        }
        return (uint64_t)(int64_t)small;
    }
    // A big int: in range if shifting out the value bits leaves only sign bits.
    py_obj_t top =
        py_binary_op(PY_BINARY_OP_RSHIFT, o, PY_OBJ_NEW_SMALL_INT(is_signed ? bits - 1 : bits));
    bool negative = py_obj_is_true(py_binary_op(PY_BINARY_OP_LESS, o, PY_OBJ_NEW_SMALL_INT(0)));
    if ((!is_signed && negative) ||
        !(top == PY_OBJ_NEW_SMALL_INT(0) || (is_signed && top == PY_OBJ_NEW_SMALL_INT(-1)))) {
        raise_struct_error("argument out of range");
    }
    uint64_t v = (uint64_t)(uintptr_t)py_obj_get_int_truncated(o);
    if (sizeof(uintptr_t) < 8) {
        py_obj_t high = py_binary_op(PY_BINARY_OP_RSHIFT, o, PY_OBJ_NEW_SMALL_INT(32));
        v = (v & 0xffffffffu) | (uint64_t)(uint32_t)py_obj_get_int_truncated(high) << 32;
    }
    return v;
}

// ---- pack ---------------------------------------------------------------------------------------

static void pack_one(const fmt_iter_t *it, byte *p, char code, size_t size, py_obj_t value) {
    switch (code) {
        case '?':
            *p = py_obj_is_true(value);
            return;
#if PY_FEATURE_FLOAT
        case 'f': {
            float f = (float)py_obj_get_float(value);
            uint32_t bits;
            memcpy(&bits, &f, 4);
            put_uint(p, 4, bits, it->big_endian);
            return;
        }
        case 'd': {
            double d = py_obj_get_float(value);
            uint64_t bits;
            memcpy(&bits, &d, 8);
            put_uint(p, 8, bits, it->big_endian);
            return;
        }
#endif
        default: {
            bool is_signed =
                code == 'b' || code == 'h' || code == 'i' || code == 'l' || code == 'q';
            put_uint(p, size, int_bits_checked(value, size, is_signed), it->big_endian);
            return;
        }
    }
}

// Packs [n_values] [values] by [fmt] into [buf], which has room for fmt_calcsize(fmt) bytes.
static void pack_into_buf(py_obj_t fmt, byte *buf, size_t n_values, const py_obj_t *values) {
    size_t n_items;
    size_t total = fmt_calcsize(fmt, &n_items);
    if (n_items != n_values) {
        py_raise_msg_varg(&py_type_ValueError, "pack expected %u items for packing (got %u)",
                          (unsigned)n_items, (unsigned)n_values);
    }
    memset(buf, 0, total);
    fmt_iter_t it;
    fmt_init(&it, fmt);
    size_t offset = 0, count;
    char code;
    while (fmt_next(&it, &count, &code)) {
        offset = fmt_align(&it, offset, code);
        if (code == 'x') {
            offset += count;
            continue;
        }
        if (code == 's') {
            py_buffer_info_t src;
            py_get_buffer_raise(*values++, &src, PY_BUFFER_READ);
            memcpy(buf + offset, src.buf, src.len < count ? src.len : count);
            offset += count;
            continue;
        }
        size_t size = code_size(code, it.native);
        for (size_t i = 0; i < count; i++) {
            pack_one(&it, buf + offset, code, size, *values++);
            offset += size;
        }
    }
}

static py_obj_t struct_pack(size_t n_args, const py_obj_t *args) {
    size_t size = fmt_calcsize(args[0], NULL);
    byte *data;
    py_obj_str_t *o = py_str_alloc(&py_type_bytes, size, &data);
    pack_into_buf(args[0], data, n_args - 1, args + 1);
    return PY_OBJ_FROM_PTR(o);
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(struct_pack_obj, 1, struct_pack);

// Resolves [offset_in] (negative counts from the end) for [size] bytes in a [len]-byte buffer.
static size_t buffer_offset(py_obj_t offset_in, size_t size, size_t len, bool packing) {
    intptr_t offset = py_obj_get_int(offset_in);
    if (offset < 0) {
        if ((size_t)-offset > len) {
            py_raise_msg_varg(&py_type_ValueError, "offset %d out of range for %u-byte buffer",
                              (int)offset, (unsigned)len);
        }
        offset += (intptr_t)len;
    }
    if ((size_t)offset > len || len - (size_t)offset < size) {
        py_raise_msg_varg(&py_type_ValueError, "%s requires a buffer of at least %u bytes",
                          packing ? "pack_into" : "unpack_from", (unsigned)(size + (size_t)offset));
    }
    return (size_t)offset;
}

// pack_into(fmt, buffer, offset, *values)
static py_obj_t struct_pack_into(size_t n_args, const py_obj_t *args) {
    py_buffer_info_t buf;
    py_get_buffer_raise(args[1], &buf, PY_BUFFER_WRITE);
    size_t size = fmt_calcsize(args[0], NULL);
    size_t offset = buffer_offset(args[2], size, buf.len, true);
    pack_into_buf(args[0], (byte *)buf.buf + offset, n_args - 3, args + 3);
    return py_const_none;
}
static PY_DEFINE_CONST_FUN_OBJ_VAR(struct_pack_into_obj, 3, struct_pack_into);

// ---- unpack -------------------------------------------------------------------------------------

static py_obj_t unpack_one(const fmt_iter_t *it, const byte *p, char code, size_t size) {
    uint64_t v = get_uint(p, size, it->big_endian);
    switch (code) {
        case '?':
            return PY_OBJ_NEW_BOOL(v != 0);
#if PY_FEATURE_FLOAT
        case 'f': {
            uint32_t bits = (uint32_t)v;
            float f;
            memcpy(&f, &bits, 4);
            return py_obj_new_float((double)f);
        }
        case 'd': {
            double d;
            memcpy(&d, &v, 8);
            return py_obj_new_float(d);
        }
#endif
        case 'b':
        case 'h':
        case 'i':
        case 'l':
        case 'q': {
            // Sign-extend from [size] bytes.
            unsigned shift = (unsigned)(64 - 8 * size);
            int64_t s = (int64_t)(v << shift) >> shift;
            return py_obj_new_int_from_ll(s);
        }
        default:
            return py_obj_new_int_from_ull(v);
    }
}

static py_obj_t unpack_buf(py_obj_t fmt, const byte *buf) {
    size_t n_items;
    fmt_calcsize(fmt, &n_items);
    py_obj_tuple_t *t = PY_OBJ_TO_PTR(py_obj_new_tuple(n_items, NULL));
    fmt_iter_t it;
    fmt_init(&it, fmt);
    size_t offset = 0, count, n = 0;
    char code;
    while (fmt_next(&it, &count, &code)) {
        offset = fmt_align(&it, offset, code);
        if (code == 'x') {
            offset += count;
        } else if (code == 's') {
            t->items[n++] = py_obj_new_bytes(buf + offset, count);
            offset += count;
        } else {
            size_t size = code_size(code, it.native);
            for (size_t i = 0; i < count; i++) {
                t->items[n++] = unpack_one(&it, buf + offset, code, size);
                offset += size;
            }
        }
    }
    return PY_OBJ_FROM_PTR(t);
}

static py_obj_t struct_unpack(py_obj_t fmt, py_obj_t data) {
    py_buffer_info_t buf;
    py_get_buffer_raise(data, &buf, PY_BUFFER_READ);
    size_t size = fmt_calcsize(fmt, NULL);
    if (buf.len != size) {
        py_raise_msg_varg(&py_type_ValueError, "unpack requires a buffer of %u bytes",
                          (unsigned)size);
    }
    return unpack_buf(fmt, buf.buf);
}
static PY_DEFINE_CONST_FUN_OBJ_2(struct_unpack_obj, struct_unpack);

// unpack_from(fmt, buffer, offset=0)
static py_obj_t struct_unpack_from(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    static const py_arg_t allowed[] = {
        {PY_QSTR_format, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_buffer, PY_ARG_REQUIRED | PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
        {PY_QSTR_offset, PY_ARG_OBJ, {.u_obj = PY_OBJ_NEW_SMALL_INT(0)}},
    };
    py_arg_val_t vals[PY_ARRAY_SIZE(allowed)];
    py_arg_parse_all(n_args, args, kw, PY_ARRAY_SIZE(allowed), allowed, vals);
    py_buffer_info_t buf;
    py_get_buffer_raise(vals[1].u_obj, &buf, PY_BUFFER_READ);
    size_t size = fmt_calcsize(vals[0].u_obj, NULL);
    size_t offset = buffer_offset(vals[2].u_obj, size, buf.len, false);
    return unpack_buf(vals[0].u_obj, (const byte *)buf.buf + offset);
}
static PY_DEFINE_CONST_FUN_OBJ_KW(struct_unpack_from_obj, 2, struct_unpack_from);

static const py_map_elem_t struct_globals_table[] = {
    {PY_ROM_QSTR(PY_QSTR___name__), PY_ROM_QSTR(PY_QSTR_struct)},
    {PY_ROM_QSTR(PY_QSTR_calcsize), PY_ROM_PTR(&struct_calcsize_obj)},
    {PY_ROM_QSTR(PY_QSTR_pack), PY_ROM_PTR(&struct_pack_obj)},
    {PY_ROM_QSTR(PY_QSTR_pack_into), PY_ROM_PTR(&struct_pack_into_obj)},
    {PY_ROM_QSTR(PY_QSTR_unpack), PY_ROM_PTR(&struct_unpack_obj)},
    {PY_ROM_QSTR(PY_QSTR_unpack_from), PY_ROM_PTR(&struct_unpack_from_obj)},
    {PY_ROM_QSTR(PY_QSTR_error), PY_ROM_PTR(&py_type_ValueError)},
};
static PY_DEFINE_CONST_DICT(struct_globals, struct_globals_table);

const py_obj_module_t py_module_struct = {
    .base = {&py_type_module},
    .globals = (py_obj_dict_t *)&struct_globals,
};
