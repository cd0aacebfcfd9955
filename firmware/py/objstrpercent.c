// SPDX-License-Identifier: MIT
// objstrpercent.c: printf-style formatting, str % args and bytes % args:
// %[(key)][flags][width][.precision][length]type with types s r a c d i u o x X e E f F g G %.

#include <string.h>

#include "objstr.h"

// Widths and precisions written in a format above this are refused.
#define PERCENT_MAX_WIDTH (1000000)
#define COUNT_ABSENT      INTPTR_MIN

typedef struct percent_ctx {
    const py_obj_t *items; // positional values
    size_t n_items;
    size_t next;      // next positional value
    py_obj_t mapping; // args when it is a mapping (for %(key)s), else PY_OBJ_NULL
    bool is_bytes;
} percent_ctx_t;

static py_obj_t next_arg(percent_ctx_t *ctx) {
    if (ctx->next >= ctx->n_items) {
        py_raise_TypeError("not enough arguments for format string");
    }
    return ctx->items[ctx->next++];
}

// Reads a width or precision: digits, or '*' taking the next argument; COUNT_ABSENT if none.
static intptr_t read_count(percent_ctx_t *ctx, const byte **p, const byte *end) {
    if (*p < end && **p == '*') {
        (*p)++;
        py_obj_t v = next_arg(ctx);
        if (!py_obj_is_int(v)) {
            py_raise_TypeError("* wants int");
        }
        return py_obj_get_int(v);
    }
    if (*p >= end || **p < '0' || **p > '9') {
        return COUNT_ABSENT;
    }
    intptr_t n = 0;
    while (*p < end && **p >= '0' && **p <= '9') {
        n = n * 10 + (**p - '0');
        if (n > PERCENT_MAX_WIDTH) {
            py_raise_ValueError("width too big");
        }
        (*p)++;
    }
    return n;
}

// The value for %(key): looks [key] up in the mapping.
static py_obj_t mapping_value(percent_ctx_t *ctx, const byte **p, const byte *end) {
    if (ctx->mapping == PY_OBJ_NULL) {
        py_raise_TypeError("format requires a mapping");
    }
    const byte *start = ++*p;
    int depth = 1;
    while (*p < end) {
        depth += **p == '(' ? 1 : **p == ')' ? -1 : 0;
        if (depth == 0) {
            break;
        }
        (*p)++;
    }
    if (*p >= end) {
        py_raise_ValueError("incomplete format key");
    }
    py_obj_t key = ctx->is_bytes ? py_obj_new_bytes(start, (size_t)(*p - start))
                                 : py_obj_new_str((const char *)start, (size_t)(*p - start));
    (*p)++;
    return py_obj_subscr(ctx->mapping, key, PY_OBJ_SENTINEL);
}

// %s, %r, %a: the text of [v].
static void percent_text(py_vstr_t *out, percent_ctx_t *ctx, byte conv, py_obj_t v,
                         const py_fmt_spec_t *spec) {
    if (ctx->is_bytes && conv == 's') {
        py_buffer_info_t info;
        if (py_obj_is_str(v) || !py_get_buffer(v, &info, PY_BUFFER_READ)) {
            py_raise_msg_varg(&py_type_TypeError,
                              "%%b requires a bytes-like object, or an object that implements "
                              "__bytes__, not '%s'",
                              py_obj_get_type_str(v));
        }
        py_fmt_text(out, info.buf, info.len, true, spec);
        return;
    }
    py_obj_t s = conv == 's'                     ? py_obj_str(v)
                 : conv == 'r' && !ctx->is_bytes ? py_obj_repr(v)
                                                 : py_str_ascii_of(v);
    size_t len;
    const byte *d = py_str_data(s, &len);
    py_fmt_text(out, d, len, false, spec);
}

// %c: an int code (a byte for bytes) or a one-character str (one-byte bytes).
static void percent_char(py_vstr_t *out, percent_ctx_t *ctx, py_obj_t v,
                         const py_fmt_spec_t *spec) {
    char buf[8];
    py_vstr_t c;
    py_vstr_init_fixed_buf(&c, sizeof(buf), buf);
    if (py_obj_is_int(v)) {
        intptr_t code = py_obj_get_int(v);
        if (ctx->is_bytes ? (code < 0 || code > 255) : (code < 0 || code > 0x10ffff)) {
            py_raise_msg(&py_type_OverflowError, ctx->is_bytes ? "%c arg not in range(256)"
                                                               : "%c arg not in range(0x110000)");
        }
        if (ctx->is_bytes) {
            py_vstr_add_byte(&c, (byte)code);
        } else {
            py_vstr_add_char(&c, (uint32_t)code);
        }
    } else {
        py_strarg_t s;
        bool ok = py_obj_is_str(v) != ctx->is_bytes;
        if (ok) {
            py_str_get_self(v, &s);
            ok = (ctx->is_bytes ? s.len : py_utf8_charlen(s.data, s.len)) == 1;
        }
        if (!ok) {
            py_raise_TypeError(ctx->is_bytes
                                   ? "%c requires an integer in range(256) or a single byte"
                                   : "%c requires int or char");
        }
        py_vstr_add_strn(&c, (const char *)s.data, s.len);
    }
    py_fmt_text(out, (const byte *)buf, c.len, ctx->is_bytes, spec);
}

// %d %i %u %o %x %X: an int (floats are truncated for the decimal types).
static void percent_int(py_vstr_t *out, byte conv, py_obj_t v, py_fmt_spec_t *spec) {
    bool decimal = conv == 'd' || conv == 'i' || conv == 'u';
    if (!py_obj_is_int(v)) {
#if PY_FEATURE_FLOAT
        if (decimal && py_obj_is_type(v, &py_type_float)) {
            v = py_obj_new_int_from_float(py_obj_float_get(v));
        } else
#endif
        {
            py_raise_msg_varg(&py_type_TypeError, "%%%c format: %s is required, not %s", conv,
                              decimal ? "a real number" : "an integer", py_obj_get_type_str(v));
        }
    }
    size_t min_digits = spec->prec < 0 ? 0 : (size_t)spec->prec;
    spec->prec = -1;
    spec->type = decimal ? 'd' : (char)conv;
    py_fmt_int(out, v, spec, min_digits);
}

// One conversion after the '%' at [*p]; advances [*p] past it.
static void percent_one(py_vstr_t *out, percent_ctx_t *ctx, const byte **p, const byte *end,
                        const byte *fmt_start) {
    if (*p < end && **p == '%') {
        (*p)++;
        py_vstr_add_byte(out, '%');
        return;
    }
    py_obj_t keyed = PY_OBJ_NULL;
    if (*p < end && **p == '(') {
        keyed = mapping_value(ctx, p, end);
        ctx->next = ctx->n_items; // as in CPython, a keyed value uses up the positional ones
    }
    py_fmt_spec_t spec;
    memset(&spec, 0, sizeof(spec));
    spec.fill = ' ';
    spec.align = '>';
    bool left = false, zero = false;
    for (; *p < end && strchr("-+ #0", **p) != NULL; (*p)++) {
        switch (**p) {
            case '-':
                left = true;
                break;
            case '0':
                zero = true;
                break;
            case '#':
                spec.alt = true;
                break;
            default:
                spec.sign = spec.sign == '+' ? '+' : (char)**p;
                break;
        }
    }
    intptr_t width = read_count(ctx, p, end);
    if (width != COUNT_ABSENT && width < 0) {
        left = true; // a negative * width left-justifies
        width = -width;
    }
    spec.width = width == COUNT_ABSENT ? 0 : width;
    spec.prec = -1;
    if (*p < end && **p == '.') {
        (*p)++;
        spec.prec = read_count(ctx, p, end);
        if (spec.prec < 0) {
            spec.prec = 0; // absent or negative: none
        }
    }
    while (*p < end && (**p == 'h' || **p == 'l' || **p == 'L')) {
        (*p)++;
    }
    if (*p >= end) {
        py_raise_ValueError("incomplete format");
    }
    byte conv = *(*p)++;
    py_obj_t v = keyed != PY_OBJ_NULL ? keyed : next_arg(ctx);
    if (left) {
        spec.align = '<';
    }
    switch (conv) {
        case 's':
        case 'r':
        case 'a':
            percent_text(out, ctx, conv, v, &spec);
            return;
        case 'c':
            spec.prec = -1;
            percent_char(out, ctx, v, &spec);
            return;
        default:
            break;
    }
    if (zero && !left) {
        spec.zero = true;
        spec.align = '=';
    }
    if (strchr("diuoxX", conv) != NULL) {
        percent_int(out, conv, v, &spec);
        return;
    }
#if PY_FEATURE_FLOAT
    if (strchr("eEfFgG", conv) != NULL) {
        py_float_t f;
        if (!py_obj_get_float_maybe(v, &f)) {
            py_raise_msg_varg(&py_type_TypeError, "must be real number, not %s",
                              py_obj_get_type_str(v));
        }
        spec.type = (char)conv;
        py_fmt_float(out, f, &spec);
        return;
    }
#endif
    py_raise_msg_varg(&py_type_ValueError, "unsupported format character '%c' (0x%x) at index %u",
                      conv, (unsigned)conv, (unsigned)(*p - 1 - fmt_start));
}

// Can [args] serve %(key)s lookups? Anything subscriptable but a tuple, str or bytes (CPython's
// rule, which lists count as mappings too).
static bool is_mapping(py_obj_t args) {
    if (py_obj_is_str_or_bytes(args) || py_obj_is_type(args, &py_type_tuple)) {
        return false;
    }
    return py_obj_get_type(args)->subscr != NULL;
}

py_obj_t py_str_modulo(py_obj_t fmt, py_obj_t args) {
    py_strarg_t f;
    py_str_get_self(fmt, &f);
    if (f.type == &py_type_bytearray) {
        // Formatting runs Python code (__repr__ ...) that could resize the bytearray: use a copy.
        f.data = (const byte *)py_obj_str_get_data(py_obj_new_bytes(f.data, f.len), &f.len);
    }
    percent_ctx_t ctx = {&args, 1, 0, PY_OBJ_NULL, f.type != &py_type_str};
    if (py_obj_is_type(args, &py_type_tuple)) {
        py_obj_t *items;
        py_obj_get_array(args, &ctx.n_items, &items);
        ctx.items = items;
    } else if (is_mapping(args)) {
        ctx.mapping = args;
    }
    py_vstr_t out;
    py_vstr_init(&out, f.len + 16);
    const byte *p = f.data, *end = f.data + f.len;
    while (p < end) {
        const byte *start = p;
        while (p < end && *p != '%') {
            p++;
        }
        py_vstr_add_strn(&out, (const char *)start, (size_t)(p - start));
        if (p == end) {
            break;
        }
        p++;
        percent_one(&out, &ctx, &p, end, f.data);
    }
    if (ctx.next < ctx.n_items && ctx.mapping == PY_OBJ_NULL) {
        py_raise_TypeError("not all arguments converted during string formatting");
    }
    return py_str_new_of_type_from_vstr(f.type, &out);
}
