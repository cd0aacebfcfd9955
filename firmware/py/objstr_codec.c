// SPDX-License-Identifier: MIT
// objstr_codec.c: str()/bytes() construction, encode/decode (utf-8, ascii, latin-1 with the
// strict, ignore, replace and backslashreplace error handlers), hex/fromhex, chr() and ord().

#include <string.h>

#include "objexcept.h"
#include "objstr.h"

typedef enum {
    ENC_UTF8,
    ENC_ASCII,
    ENC_LATIN1,
} encoding_t;

typedef enum {
    ERR_STRICT,
    ERR_IGNORE,
    ERR_REPLACE,
    ERR_BACKSLASHREPLACE,
} errors_t;

// Longest encoding name compared (longer names are unknown).
#define CODEC_NAME_MAX (24)

// [name] lower-cased with '_' as '-' into [buf]; false if too long.
static bool normalise_name(py_obj_t name, char *buf) {
    size_t len;
    const byte *d = py_str_get_arg(&py_type_str, name, &len);
    if (len >= CODEC_NAME_MAX) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        byte c = d[i];
        buf[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
    }
    buf[len] = '\0';
    return true;
}

static encoding_t get_encoding(py_obj_t name) {
    if (name == PY_OBJ_NULL) {
        return ENC_UTF8;
    }
    char buf[CODEC_NAME_MAX];
    if (normalise_name(name, buf)) {
        static const char *const names[] = {"utf-8",   "utf8",   "ascii",      "us-ascii",
                                            "latin-1", "latin1", "iso-8859-1", "iso8859-1"};
        static const encoding_t codes[] = {ENC_UTF8,   ENC_UTF8,   ENC_ASCII,  ENC_ASCII,
                                           ENC_LATIN1, ENC_LATIN1, ENC_LATIN1, ENC_LATIN1};
        for (size_t i = 0; i < PY_ARRAY_SIZE(names); i++) {
            if (strcmp(buf, names[i]) == 0) {
                return codes[i];
            }
        }
    }
    py_raise_msg_varg(&py_type_LookupError, "unknown encoding: %s", py_obj_str_get_str(name));
}

static errors_t get_errors(py_obj_t name) {
    if (name == PY_OBJ_NULL) {
        return ERR_STRICT;
    }
    char buf[CODEC_NAME_MAX];
    if (normalise_name(name, buf)) {
        static const char *const names[] = {"strict", "ignore", "replace", "backslashreplace"};
        for (size_t i = 0; i < PY_ARRAY_SIZE(names); i++) {
            if (strcmp(buf, names[i]) == 0) {
                return (errors_t)i;
            }
        }
    }
    py_raise_msg_varg(&py_type_LookupError, "unknown error handler name '%s'",
                      py_obj_str_get_str(name));
}

static const char *const enc_names[] = {"utf-8", "ascii", "latin-1"};

// ---- Decoding -----------------------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence at [p] (of [n] bytes), or 0 when it is malformed; then
// [*bad] is the length of the maximal malformed prefix (what one U+FFFD replaces) and [*why]
// the reason CPython gives.
static size_t utf8_seq_at(const byte *p, size_t n, size_t *bad, const char **why) {
    byte b = p[0];
    size_t need;
    byte lo = 0x80, hi = 0xbf;
    if (b < 0x80) {
        return 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
        need = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
        need = 3;
        lo = b == 0xe0 ? 0xa0 : 0x80;
        hi = b == 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
        need = 4;
        lo = b == 0xf0 ? 0x90 : 0x80;
        hi = b == 0xf4 ? 0x8f : 0xbf;
    } else {
        *bad = 1;
        *why = "invalid start byte";
        return 0;
    }
    size_t k = 1;
    while (k < need && k < n) {
        byte c = p[k];
        if (k == 1 ? (c < lo || c > hi) : !py_utf8_is_cont(c)) {
            *bad = k;
            *why = "invalid continuation byte";
            return 0;
        }
        k++;
    }
    if (k < need) {
        *bad = k;
        *why = "unexpected end of data";
        return 0;
    }
    return need;
}

static PY_NORETURN void raise_decode(encoding_t enc, const byte *data, size_t pos, size_t n,
                                     const char *why) {
    if (n > 1) {
        py_raise_msg_varg(&py_type_UnicodeDecodeError,
                          "'%s' codec can't decode bytes in position %u-%u: %s", enc_names[enc],
                          (unsigned)pos, (unsigned)(pos + n - 1), why);
    }
    py_raise_msg_varg(&py_type_UnicodeDecodeError,
                      "'%s' codec can't decode byte 0x%02x in position %u: %s", enc_names[enc],
                      (unsigned)data[pos], (unsigned)pos, why);
}

// Handles undecodable bytes [pos, pos + n) per [errors].
static void decode_error(py_vstr_t *v, errors_t errors, encoding_t enc, const byte *data,
                         size_t pos, size_t n, const char *why) {
    switch (errors) {
        case ERR_STRICT:
            raise_decode(enc, data, pos, n, why);
        case ERR_IGNORE:
            break;
        case ERR_REPLACE:
            py_vstr_add_char(v, 0xfffd);
            break;
        default:
            for (size_t i = 0; i < n; i++) {
                py_vstr_printf(v, "\\x%02x", (unsigned)data[pos + i]);
            }
            break;
    }
}

void py_str_check_utf8(const byte *data, size_t len) {
    if (py_utf8_is_valid(data, len)) {
        return;
    }
    for (size_t i = 0; i < len;) {
        size_t bad = 0;
        const char *why = "";
        size_t n = utf8_seq_at(data + i, len - i, &bad, &why);
        if (n == 0) {
            raise_decode(ENC_UTF8, data, i, bad, why);
        }
        i += n;
    }
}

py_obj_t py_str_decode(const byte *data, size_t len, py_obj_t encoding, py_obj_t errors_in) {
    encoding_t enc = get_encoding(encoding);
    errors_t errors = get_errors(errors_in);
    if (enc == ENC_UTF8 && py_utf8_is_valid(data, len)) {
        return py_obj_new_str((const char *)data, len);
    }
    py_vstr_t v;
    py_vstr_init(&v, len + 1);
    for (size_t i = 0; i < len;) {
        byte b = data[i];
        if (enc == ENC_LATIN1) {
            py_vstr_add_char(&v, b);
            i++;
        } else if (enc == ENC_ASCII) {
            if (b < 0x80) {
                py_vstr_add_byte(&v, b);
            } else {
                decode_error(&v, errors, enc, data, i, 1, "ordinal not in range(128)");
            }
            i++;
        } else {
            size_t bad = 0;
            const char *why = "";
            size_t n = utf8_seq_at(data + i, len - i, &bad, &why);
            if (n > 0) {
                py_vstr_add_strn(&v, (const char *)data + i, n);
                i += n;
            } else {
                decode_error(&v, errors, enc, data, i, bad, why);
                i += bad;
            }
        }
    }
    return py_obj_new_str_from_vstr(&v);
}

// ---- Encoding -----------------------------------------------------------------------------------

py_obj_t py_str_encode(const py_obj_type_t *type, py_obj_t s, py_obj_t encoding,
                       py_obj_t errors_in) {
    size_t len;
    const byte *d = py_str_get_arg(&py_type_str, s, &len);
    encoding_t enc = get_encoding(encoding);
    errors_t errors = get_errors(errors_in);
    if (enc == ENC_UTF8) {
        return py_str_new_of_type(type, d, len);
    }
    uint32_t limit = enc == ENC_ASCII ? 0x80 : 0x100;
    py_vstr_t v;
    py_vstr_init(&v, len + 1);
    const byte *end = d + len;
    for (size_t pos = 0; d < end; pos++) {
        uint32_t c = py_utf8_get_char(d, end);
        do {
            d++;
        } while (d < end && py_utf8_is_cont(*d));
        if (c < limit) {
            py_vstr_add_byte(&v, (byte)c);
        } else if (errors == ERR_STRICT) {
            const char *fmt = c < 0x100     ? "'%s' codec can't encode character '\\x%02x' in "
                                              "position %u: ordinal not in range(%u)"
                              : c < 0x10000 ? "'%s' codec can't encode character '\\u%04x' in "
                                              "position %u: ordinal not in range(%u)"
                                            : "'%s' codec can't encode character '\\U%08x' in "
                                              "position %u: ordinal not in range(%u)";
            py_raise_msg_varg(&py_type_UnicodeEncodeError, fmt, enc_names[enc], (unsigned)c,
                              (unsigned)pos, (unsigned)limit);
        } else if (errors == ERR_REPLACE) {
            py_vstr_add_byte(&v, '?');
        } else if (errors == ERR_BACKSLASHREPLACE) {
            py_vstr_printf(&v,
                           c < 0x100     ? "\\x%02x"
                           : c < 0x10000 ? "\\u%04x"
                                         : "\\U%08x",
                           (unsigned)c);
        }
    }
    return py_str_new_of_type_from_vstr(type, &v);
}

static const py_arg_t codec_args[] = {
    {PY_QSTR_encoding, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
    {PY_QSTR_errors, PY_ARG_OBJ, {.u_obj = PY_OBJ_NULL}},
};

static py_obj_t str_encode(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_arg_val_t v[2];
    py_arg_parse_all(n_args - 1, args + 1, kw, 2, codec_args, v);
    return py_str_encode(&py_type_bytes, args[0], v[0].u_obj, v[1].u_obj);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_encode_obj, 1, str_encode);

static py_obj_t bytes_decode(size_t n_args, const py_obj_t *args, py_map_t *kw) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    py_arg_val_t v[2];
    py_arg_parse_all(n_args - 1, args + 1, kw, 2, codec_args, v);
    return py_str_decode(s.data, s.len, v[0].u_obj, v[1].u_obj);
}
PY_DEFINE_CONST_FUN_OBJ_KW(py_str_decode_obj, 1, bytes_decode);

// ---- Constructors -------------------------------------------------------------------------------

// Sorts constructor arguments into [out] (object/source, encoding, errors) by position or name.
static void ctor_args(size_t n_args, size_t n_kw, const py_obj_t *args, qstr first,
                      py_obj_t out[3]) {
    out[0] = out[1] = out[2] = PY_OBJ_NULL;
    if (n_args > 3) {
        py_raise_TypeError("function takes at most 3 arguments");
    }
    for (size_t i = 0; i < n_args; i++) {
        out[i] = args[i];
    }
    static const uint16_t kw_names[3] = {0, PY_QSTR_encoding, PY_QSTR_errors};
    for (size_t k = 0; k < n_kw; k++) {
        qstr name = py_obj_str_get_qstr(args[n_args + 2 * k]);
        size_t i = name == first ? 0 : name == kw_names[1] ? 1 : name == kw_names[2] ? 2 : 3;
        if (i == 3 || out[i] != PY_OBJ_NULL) {
            py_raise_msg_varg(&py_type_TypeError, "unexpected keyword argument '%q'", name);
        }
        out[i] = args[n_args + 2 * k + 1];
    }
}

py_obj_t py_str_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                         const py_obj_t *args) {
    (void)type;
    py_obj_t a[3];
    ctor_args(n_args, n_kw, args, PY_QSTR_object, a);
    if (a[0] == PY_OBJ_NULL) {
        return py_obj_new_str(NULL, 0);
    }
    if (a[1] == PY_OBJ_NULL && a[2] == PY_OBJ_NULL) {
        return py_obj_str(a[0]);
    }
    py_buffer_info_t info;
    if (py_obj_is_str(a[0])) {
        py_raise_TypeError("decoding str is not supported");
    }
    if (!py_get_buffer(a[0], &info, PY_BUFFER_READ)) {
        py_raise_msg_varg(&py_type_TypeError, "decoding to str: need a bytes-like object, %s found",
                          py_obj_get_type_str(a[0]));
    }
    return py_str_decode(info.buf, info.len, a[1], a[2]);
}

void py_bytes_collect(py_vstr_t *out, py_obj_t src) {
    py_buffer_info_t info;
    if (!py_obj_is_str(src) && py_get_buffer(src, &info, PY_BUFFER_READ)) {
        py_vstr_add_strn(out, info.buf, info.len);
        return;
    }
    if (py_obj_is_str(src)) {
        py_raise_TypeError("string argument without an encoding");
    }
    const py_obj_type_t *type = py_obj_get_type(src);
    if (type->getiter == NULL && type->subscr == NULL) {
        py_raise_msg_varg(&py_type_TypeError, "cannot convert '%s' object to bytes",
                          py_obj_get_type_str(src));
    }
    py_obj_iter_buf_t buf;
    py_obj_t it = py_getiter(src, &buf);
    for (py_obj_t x; (x = py_iternext(it)) != PY_OBJ_STOP_ITERATION;) {
        if (!py_obj_is_int(x)) {
            py_raise_msg_varg(&py_type_TypeError, "'%s' object cannot be interpreted as an integer",
                              py_obj_get_type_str(x));
        }
        intptr_t b;
        if (!py_obj_get_int_maybe(x, &b) || b < 0 || b > 255) {
            py_raise_ValueError("bytes must be in range(0, 256)");
        }
        py_vstr_add_byte(out, (byte)b);
    }
}

void py_bytes_make_contents(py_vstr_t *out, size_t n_args, size_t n_kw, const py_obj_t *args) {
    py_obj_t a[3];
    ctor_args(n_args, n_kw, args, PY_QSTR_source, a);
    if (a[0] != PY_OBJ_NULL && py_obj_is_str(a[0])) {
        if (a[1] == PY_OBJ_NULL) {
            py_raise_TypeError("string argument without an encoding");
        }
        py_obj_t b = py_str_encode(&py_type_bytes, a[0], a[1], a[2]);
        size_t len;
        const byte *d = py_str_data(b, &len);
        py_vstr_add_strn(out, (const char *)d, len);
        return;
    }
    if (a[1] != PY_OBJ_NULL || a[2] != PY_OBJ_NULL) {
        py_raise_TypeError(a[1] != PY_OBJ_NULL ? "encoding without a string argument"
                                               : "errors without a string argument");
    }
    if (a[0] == PY_OBJ_NULL) {
        return;
    }
    if (py_obj_is_int(a[0])) {
        intptr_t n = py_obj_get_int(a[0]);
        if (n < 0) {
            py_raise_ValueError("negative count");
        }
        memset(py_vstr_add_len(out, (size_t)n), 0, (size_t)n);
        return;
    }
    py_bytes_collect(out, a[0]);
}

py_obj_t py_bytes_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                           const py_obj_t *args) {
    (void)type;
    if (n_args == 1 && n_kw == 0 && py_obj_is_type(args[0], &py_type_bytes)) {
        return args[0];
    }
    py_vstr_t v;
    py_vstr_init(&v, 16);
    py_bytes_make_contents(&v, n_args, n_kw, args);
    return py_obj_new_bytes_from_vstr(&v);
}

// ---- hex, fromhex -------------------------------------------------------------------------------

py_obj_t py_bytes_hex(const byte *data, size_t len, size_t n_args, const py_obj_t *args) {
    byte sep = 0;
    intptr_t per = 1;
    if (n_args > 0) {
        size_t slen;
        const byte *s = py_obj_is_str(args[0]) ? py_str_data(args[0], &slen)
                                               : py_str_get_arg(&py_type_bytes, args[0], &slen);
        if (slen != 1) {
            py_raise_ValueError("sep must be length 1.");
        }
        if (s[0] >= 0x80) {
            py_raise_ValueError("sep must be ASCII.");
        }
        sep = s[0];
        // No __index__ here: running Python code could resize the bytearray [data] is in.
        if (n_args > 1 && (!py_obj_is_int(args[1]) || !py_obj_get_int_maybe(args[1], &per))) {
            py_raise_TypeError("bytes_per_sep must be an int");
        }
    }
    size_t group = per < 0 ? (size_t)-per : (size_t)per;
    static const char digits[] = "0123456789abcdef";
    py_vstr_t v;
    py_vstr_init(&v, len * 3 + 1);
    for (size_t i = 0; i < len; i++) {
        if (sep != 0 && i > 0 && group != 0 && (per > 0 ? (len - i) % group : i % group) == 0) {
            py_vstr_add_byte(&v, sep);
        }
        py_vstr_add_byte(&v, (byte)digits[data[i] >> 4]);
        py_vstr_add_byte(&v, (byte)digits[data[i] & 15]);
    }
    return py_obj_new_str_from_vstr(&v);
}

static py_obj_t bytes_hex(size_t n_args, const py_obj_t *args) {
    py_strarg_t s;
    py_str_get_self(args[0], &s);
    return py_bytes_hex(s.data, s.len, n_args - 1, args + 1);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_str_hex_obj, 1, 3, bytes_hex);

static int hex_value(byte c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static py_obj_t bytes_fromhex(py_obj_t cls, py_obj_t string) {
    if (!py_obj_is_str(string)) {
        py_raise_msg_varg(&py_type_TypeError, "fromhex() argument must be str, not %s",
                          py_obj_get_type_str(string));
    }
    size_t len;
    const byte *d = py_str_data(string, &len);
    py_vstr_t v;
    py_vstr_init(&v, len / 2 + 1);
    for (size_t i = 0; i < len;) {
        byte c = d[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            i++;
            continue;
        }
        int hi = hex_value(c);
        int lo = i + 1 < len ? hex_value(d[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            size_t at = hi < 0 ? i : i + 1;
            py_raise_msg_varg(&py_type_ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %u",
                              (unsigned)py_utf8_charlen(d, at));
        }
        py_vstr_add_byte(&v, (byte)(hi * 16 + lo));
        i += 2;
    }
    const py_obj_type_t *type = cls == PY_OBJ_FROM_PTR((py_obj_type_t *)&py_type_bytearray)
                                    ? &py_type_bytearray
                                    : &py_type_bytes;
    return py_str_new_of_type_from_vstr(type, &v);
}
PY_DEFINE_CONST_FUN_OBJ_2(py_str_fromhex_fun_obj, bytes_fromhex);
PY_DEFINE_CONST_CLASSMETHOD_OBJ(py_str_fromhex_obj, PY_ROM_PTR(&py_str_fromhex_fun_obj));

// ---- chr() and ord() ----------------------------------------------------------------------------

static py_obj_t builtin_chr(py_obj_t arg) {
    intptr_t c = py_obj_get_int(arg);
    if (c < 0 || c > 0x10ffff) {
        py_raise_ValueError("chr() arg not in range(0x110000)");
    }
    char buf[8];
    py_vstr_t v;
    py_vstr_init_fixed_buf(&v, sizeof(buf), buf);
    py_vstr_add_char(&v, (uint32_t)c);
    return py_obj_new_str(v.buf, v.len);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_chr_obj, builtin_chr);

static py_obj_t builtin_ord(py_obj_t arg) {
    py_obj_t o = py_str_native(arg);
    size_t len;
    if (py_obj_is_str(o)) {
        const byte *d = py_str_data(o, &len);
        size_t charlen = py_str_charlen(o);
        if (charlen == 1) {
            return PY_OBJ_NEW_SMALL_INT(py_utf8_get_char(d, d + len));
        }
        len = charlen;
    } else if (py_obj_is_type(o, &py_type_bytes) || py_obj_is_type(o, &py_type_bytearray)) {
        py_strarg_t s;
        py_str_get_self(o, &s);
        if (s.len == 1) {
            return PY_OBJ_NEW_SMALL_INT(s.data[0]);
        }
        len = s.len;
    } else {
        py_raise_msg_varg(&py_type_TypeError, "ord() expected string of length 1, but %s found",
                          py_obj_get_type_str(arg));
    }
    py_raise_msg_varg(&py_type_TypeError,
                      "ord() expected a character, but string of length %u found", (unsigned)len);
}
PY_DEFINE_CONST_FUN_OBJ_1(py_builtin_ord_obj, builtin_ord);
