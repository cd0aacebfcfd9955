// SPDX-License-Identifier: MIT
// objstrformat.c: the format mini-language ([[fill]align][sign][z][#][0][width][grouping]
// [.precision][type]) for int, float and str, format() and py_format_value (used by f-strings).
// str.format lives in objstrformat_method.c and %-formatting in objstrpercent.c.

#include <math.h>
#include <string.h>

#include "builtin.h"
#include "gc.h"
#include "objstr.h"
#include "objtype.h"

// Widths and precisions above this are refused rather than allocated.
#define FMT_MAX_WIDTH (1000000)
// Largest float precision accepted (the text of one float stays below a few KiB).
#define FMT_MAX_FLOAT_PREC (1000)
// Floats whose text fits this many bytes are formatted on the stack.
#define FMT_FLOAT_STACK_BUF (64)

// ---- Parsing a spec -----------------------------------------------------------------------------

static bool is_align(byte c) {
    return c == '<' || c == '>' || c == '^' || c == '=';
}

static PY_NORETURN void raise_invalid_spec(void) {
    py_raise_ValueError("Invalid format specifier");
}

// Reads decimal digits at [*p]; -1 if there are none.
static intptr_t read_number(const byte **p, const byte *end) {
    if (*p >= end || **p < '0' || **p > '9') {
        return -1;
    }
    intptr_t n = 0;
    while (*p < end && **p >= '0' && **p <= '9') {
        n = n * 10 + (**p - '0');
        if (n > FMT_MAX_WIDTH) {
            py_raise_ValueError("Too many decimal digits in format string");
        }
        (*p)++;
    }
    return n;
}

void py_fmt_parse_spec(const byte *s, size_t len, py_fmt_spec_t *spec) {
    memset(spec, 0, sizeof(*spec));
    spec->fill = ' ';
    spec->prec = -1;
    const byte *p = s, *end = s + len;
    if (p < end) {
        size_t n = 1;
        while (p + n < end && py_utf8_is_cont(p[n])) {
            n++;
        }
        if (p + n < end && is_align(p[n])) {
            spec->fill = py_utf8_get_char(p, end);
            spec->fill_given = true;
            spec->align = (char)p[n];
            p += n + 1;
        } else if (is_align(*p)) {
            spec->align = (char)*p++;
        }
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' ')) {
        spec->sign = (char)*p++;
    }
    if (p < end && *p == 'z') {
        spec->z = true;
        p++;
    }
    if (p < end && *p == '#') {
        spec->alt = true;
        p++;
    }
    if (p < end && *p == '0') {
        spec->zero = true;
        p++;
    }
    intptr_t w = read_number(&p, end);
    spec->width = w < 0 ? 0 : w;
    if (p < end && (*p == ',' || *p == '_')) {
        spec->grouping = (char)*p++;
        if (p < end && (*p == ',' || *p == '_')) {
            py_raise_ValueError("Cannot specify both ',' and '_'.");
        }
    }
    if (p < end && *p == '.') {
        p++;
        spec->prec = read_number(&p, end);
        if (spec->prec < 0) {
            py_raise_ValueError("Format specifier missing precision");
        }
    }
    if (p < end) {
        spec->type = (char)*p++;
    }
    if (p < end) {
        raise_invalid_spec();
    }
}

// ---- Output -------------------------------------------------------------------------------------

static void add_fill(py_vstr_t *out, uint32_t fill, size_t n) {
    if (fill < 0x80) {
        char *p = py_vstr_add_len(out, n);
        if (p != NULL) { // NULL: a fixed buffer overflowed; the caller redoes it on the heap
            memset(p, (int)fill, n);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        py_vstr_add_char(out, fill);
    }
}

// Splits [pad] into the parts before and after the content for alignment [align].
static void split_pad(char align, size_t pad, size_t *before, size_t *after) {
    *before = align == '<' ? 0 : align == '^' ? pad / 2 : pad;
    *after = pad - *before;
}

// Appends [nint] integer digits with [sep] every [group] digits from the right, first
// extended with leading zeros to [min_len] characters (separators included).
static void add_grouped(py_vstr_t *out, const char *digits, size_t nint, char sep, size_t group,
                        size_t min_len) {
    size_t total = nint;
    if (sep != 0) {
        while (total + (total == 0 ? 0 : (total - 1) / group) < min_len) {
            total++;
        }
    } else if (total < min_len) {
        total = min_len;
    }
    if (total == nint && sep == 0) {
        py_vstr_add_strn(out, digits, nint);
        return;
    }
    for (size_t i = total; i > 0; i--) {
        size_t k = total - i; // index from the left in the zero-extended digits
        char d = k < total - nint ? '0' : digits[k - (total - nint)];
        py_vstr_add_byte(out, (byte)d);
        if (sep != 0 && i > 1 && (i - 1) % group == 0) {
            py_vstr_add_byte(out, (byte)sep);
        }
    }
}

// Appends a number: [sign] (0 for none), [prefix], integer digits and [tail] (fraction,
// exponent, '%'), padded per [spec] (default: right-aligned).
static void emit_number(py_vstr_t *out, const py_fmt_spec_t *spec, char sign, const char *prefix,
                        const char *digits, size_t nint, const char *tail, size_t ntail,
                        size_t group) {
    uint32_t fill = spec->fill;
    char align = spec->align;
    if (spec->zero && !spec->fill_given) {
        fill = '0';
    }
    if (spec->zero && align == 0) {
        align = '=';
    }
    if (align == 0) {
        align = '>';
    }
    size_t lead = (sign != 0) + strlen(prefix);
    size_t width = (size_t)spec->width;
    size_t min_digits = 0;
    if (align == '=' && fill == '0' && width > lead + ntail) {
        // Sign-aware zero padding: the zeros are digits, grouped like the others.
        min_digits = width - lead - ntail;
    }
    size_t body = nint;
    if (spec->grouping != 0 && nint > 0) {
        body += (nint - 1) / group;
    }
    if (body < min_digits) {
        body = min_digits; // add_grouped may add one more to avoid a leading separator
    }
    size_t len = lead + body + ntail;
    size_t pad = width > len ? width - len : 0;
    size_t before, after;
    split_pad(align == '=' ? '>' : align, pad, &before, &after);
    if (align != '=') {
        add_fill(out, fill, before);
    }
    if (sign != 0) {
        py_vstr_add_byte(out, (byte)sign);
    }
    py_vstr_add_str(out, prefix);
    if (align == '=' && min_digits == 0) {
        add_fill(out, fill, before);
    }
    // inf and nan have no digits to group, so their zero padding is not grouped either.
    add_grouped(out, digits, nint, nint == 0 ? 0 : spec->grouping, group, min_digits);
    py_vstr_add_strn(out, tail, ntail);
    if (align != '=') {
        add_fill(out, fill, after);
    }
}

void py_fmt_text(py_vstr_t *out, const byte *s, size_t len, bool is_bytes,
                 const py_fmt_spec_t *spec) {
    size_t charlen = is_bytes ? len : py_utf8_charlen(s, len);
    if (spec->prec >= 0 && (size_t)spec->prec < charlen) {
        len =
            is_bytes ? (size_t)spec->prec : py_utf8_offset_of(s, len, charlen, (size_t)spec->prec);
        charlen = (size_t)spec->prec;
    }
    uint32_t fill = spec->zero && !spec->fill_given ? '0' : spec->fill;
    size_t width = (size_t)spec->width;
    size_t pad = width > charlen ? width - charlen : 0;
    size_t before, after;
    split_pad(spec->align == 0 ? '<' : spec->align, pad, &before, &after);
    add_fill(out, fill, before);
    py_vstr_add_strn(out, (const char *)s, len);
    add_fill(out, fill, after);
}

// ---- int ----------------------------------------------------------------------------------------

static PY_NORETURN void raise_unknown_code(char type, const char *what) {
    py_raise_msg_varg(&py_type_ValueError, "Unknown format code '%c' for object of type '%s'", type,
                      what);
}

static void check_grouping(const py_fmt_spec_t *spec, char type) {
    if (spec->grouping == 0) {
        return;
    }
    bool ok = spec->grouping == '_' ? strchr("bdoxX", type) != NULL : type == 'd';
    if (!ok) {
        py_raise_msg_varg(&py_type_ValueError, "Cannot specify '%c' with '%c'.", spec->grouping,
                          type);
    }
}

// 'c': the character with code [value].
static void fmt_int_char(py_vstr_t *out, py_obj_t value, const py_fmt_spec_t *spec) {
    if (spec->sign != 0) {
        py_raise_ValueError("Sign not allowed with integer format specifier 'c'");
    }
    if (spec->alt) {
        py_raise_ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
    }
    intptr_t c = py_obj_get_int(value);
    if (c < 0 || c > 0x10ffff) {
        py_raise_msg(&py_type_OverflowError, "%c arg not in range(0x110000)");
    }
    char buf[8];
    py_vstr_t v;
    py_vstr_init_fixed_buf(&v, sizeof(buf), buf);
    py_vstr_add_char(&v, (uint32_t)c);
    py_fmt_spec_t s = *spec;
    s.prec = -1;
    if (s.align == 0) {
        s.align = '>';
    }
    py_fmt_text(out, (const byte *)buf, v.len, false, &s);
}

// Room for a small int in base 2 with its sign.
#define SMALL_INT_DIGITS_MAX (8 * sizeof(intptr_t) + 1)

// Writes [v] in [base] so that it ends just before [end]; returns where it starts.
static char *small_int_digits(intptr_t v, unsigned base, bool upper, char *end) {
    const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    // Small ints are two bits short of a word, so -v cannot overflow.
    uintptr_t u = v < 0 ? (uintptr_t)-v : (uintptr_t)v;
    char *p = end;
    do {
        *--p = digit_chars[u % base];
        u /= base;
    } while (u != 0);
    if (v < 0) {
        *--p = '-';
    }
    return p;
}

void py_fmt_int(py_vstr_t *out, py_obj_t value, const py_fmt_spec_t *spec, size_t min_digits) {
    char type = spec->type == 0 ? 'd' : spec->type;
    if (strchr("eEfFgG%", type) != NULL) {
#if PY_FEATURE_FLOAT
        py_fmt_float(out, py_obj_get_float(value), spec);
        return;
#endif
    }
    if (type == 'n') {
        type = 'd';
        if (spec->grouping != 0) {
            py_raise_msg_varg(&py_type_ValueError, "Cannot specify '%c' with 'n'.", spec->grouping);
        }
    }
    if (strchr("bcdoxX", type) == NULL) {
        raise_unknown_code(spec->type, "int");
    }
    if (spec->prec >= 0) {
        py_raise_ValueError("Precision not allowed in integer format specifier");
    }
    check_grouping(spec, type);
    if (type == 'c') {
        fmt_int_char(out, value, spec);
        return;
    }
    unsigned base = type == 'b' ? 2 : type == 'o' ? 8 : type == 'd' ? 10 : 16;
    size_t len;
    const char *digits;
    char small[SMALL_INT_DIGITS_MAX];
    if (PY_OBJ_IS_SMALL_INT(value)) {
        // Small ints (most) are written here, without making a str of the digits first.
        digits = small_int_digits(PY_OBJ_SMALL_INT_VALUE(value), base, type == 'X',
                                  small + sizeof(small));
        len = (size_t)(small + sizeof(small) - digits);
    } else {
        digits = py_obj_str_get_data(py_obj_int_format_base(value, base, type == 'X'), &len);
    }
    bool neg = len > 0 && digits[0] == '-';
    if (neg) {
        digits++;
        len--;
    }
    char sign = neg ? '-' : spec->sign == '+' || spec->sign == ' ' ? spec->sign : 0;
    const char *prefix = "";
    if (spec->alt && base != 10) {
        prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x" : "0X";
    }
    if (min_digits > len) {
        // %-formatting's precision: at least this many digits.
        py_vstr_t z;
        py_vstr_init(&z, min_digits + 1);
        memset(py_vstr_add_len(&z, min_digits - len), '0', min_digits - len);
        py_vstr_add_strn(&z, digits, len);
        emit_number(out, spec, sign, prefix, z.buf, z.len, "", 0, 3);
        py_vstr_clear(&z);
        return;
    }
    emit_number(out, spec, sign, prefix, digits, len, "", 0, base == 10 ? 3 : 4);
}

// ---- float --------------------------------------------------------------------------------------

#if PY_FEATURE_FLOAT

// Where float text goes: a stack buffer, replaced by a heap one for long texts.
typedef struct float_buf {
    char *buf;
    size_t size;
    bool on_heap;
} float_buf_t;

// Formats non-negative [x] with py_format_float into [fb]; returns the length.
static size_t float_text(py_float_t x, char fmt, intptr_t prec, bool alt, float_buf_t *fb) {
    bool fixed = fmt == 'f' || fmt == 'F' || fmt == '%';
    size_t need = (size_t)(prec < 0 ? 6 : prec) + (fixed ? 330 : 32);
    if (need > fb->size) {
        fb->buf = py_malloc_noscan(need);
        fb->size = need;
        fb->on_heap = true;
    }
    return py_format_float(x, fb->buf, fb->size, fmt, (int)prec, alt);
}

// The decimal exponent of finite [x] rounded to [digits] significant digits. A double's value
// never rounds up to a new power of ten beyond 17 digits, so at most 17 are formatted.
static int rounded_exponent(py_float_t x, int digits) {
    char buf[48];
    size_t n = py_format_float(x, buf, sizeof(buf), 'e', (digits > 17 ? 17 : digits) - 1, false);
    int e = 0, sign = 1;
    const char *p = memchr(buf, 'e', n);
    if (p != NULL) {
        p++;
        if (*p == '-' || *p == '+') {
            sign = *p++ == '-' ? -1 : 1;
        }
        while (*p >= '0' && *p <= '9') {
            e = e * 10 + (*p++ - '0');
        }
    }
    return sign * e;
}

// Removes trailing zeros (and a bare point) of the mantissa in [buf] of [*n] bytes.
static void strip_mantissa_zeros(char *buf, size_t *n) {
    char *e = memchr(buf, 'e', *n);
    size_t mant = e == NULL ? *n : (size_t)(e - buf);
    if (memchr(buf, '.', mant) == NULL) {
        return;
    }
    size_t k = mant;
    while (k > 0 && buf[k - 1] == '0') {
        k--;
    }
    if (k > 0 && buf[k - 1] == '.') {
        k--;
    }
    memmove(buf + k, buf + mant, *n - mant);
    *n -= mant - k;
}

// No presentation type: repr() without a precision; with one, like 'g' but switching to
// exponent notation one digit earlier and always showing a fractional digit in fixed notation.
static size_t float_text_none(py_float_t x, const py_fmt_spec_t *spec, float_buf_t *fb) {
    if (spec->prec < 0) {
        return float_text(x, 'r', 0, false, fb);
    }
    int p = spec->prec == 0 ? 1 : (int)spec->prec;
    size_t n;
    if (isfinite(x)) {
        int e = rounded_exponent(x, p);
        if (e < -4 || e >= p - 1) {
            n = float_text(x, 'e', p - 1, spec->alt, fb);
            if (!spec->alt) {
                strip_mantissa_zeros(fb->buf, &n);
            }
            return n;
        }
    }
    n = float_text(x, 'g', p, spec->alt, fb);
    if (isfinite(x) && memchr(fb->buf, '.', n) == NULL && n + 3 <= fb->size) {
        memcpy(fb->buf + n, ".0", 3);
        n += 2;
    }
    return n;
}

void py_fmt_float(py_vstr_t *out, py_float_t value, const py_fmt_spec_t *spec) {
    char type = spec->type;
    if (type != 0 && strchr("eEfFgGn%", type) == NULL) {
        raise_unknown_code(type, "float");
    }
    if (type == 'n') {
        if (spec->grouping != 0) {
            py_raise_msg_varg(&py_type_ValueError, "Cannot specify '%c' with 'n'.", spec->grouping);
        }
        type = 'g';
    }
    if (spec->prec > FMT_MAX_FLOAT_PREC) {
        py_raise_ValueError("precision too big");
    }
    bool neg = signbit(value) && !isnan(value);
    py_float_t x = fabs(value);
    char stack[FMT_FLOAT_STACK_BUF];
    float_buf_t fb = {stack, sizeof(stack), false};
    size_t n =
        type == 0 ? float_text_none(x, spec, &fb) : float_text(x, type, spec->prec, spec->alt, &fb);
    const char *buf = fb.buf;
    size_t nint = 0, zeros = 0;
    while (nint < n && buf[nint] >= '0' && buf[nint] <= '9') {
        nint++;
    }
    while (zeros < n && (buf[zeros] == '0' || buf[zeros] == '.')) {
        zeros++;
    }
    if (neg && spec->z && zeros == n) {
        neg = false; // 'z': negative zero after rounding shows as zero
    }
    char sign = neg ? '-' : spec->sign == '+' || spec->sign == ' ' ? spec->sign : 0;
    emit_number(out, spec, sign, "", buf, nint, buf + nint, n - nint, 3);
    if (fb.on_heap) {
        py_free(fb.buf);
    }
}

#endif

// ---- format() -----------------------------------------------------------------------------------

static void format_str_value(py_vstr_t *out, py_obj_t value, const byte *spec_s, size_t len) {
    size_t slen;
    const byte *s = py_str_data(value, &slen);
    if (len == 0) {
        py_vstr_add_strn(out, (const char *)s, slen);
        return;
    }
    py_fmt_spec_t spec;
    py_fmt_parse_spec(spec_s, len, &spec);
    if (spec.type != 0 && spec.type != 's') {
        raise_unknown_code(spec.type, "str");
    }
    if (spec.sign != 0) {
        py_raise_ValueError("Sign not allowed in string format specifier");
    }
    if (spec.alt) {
        py_raise_ValueError("Alternate form (#) not allowed in string format specifier");
    }
    if (spec.align == '=') {
        py_raise_ValueError("'=' alignment not allowed in string format specifier");
    }
    if (spec.grouping != 0) {
        py_raise_msg_varg(&py_type_ValueError, "Cannot specify '%c' with 's'.", spec.grouping);
    }
    py_fmt_text(out, s, slen, false, &spec);
}

// Calls value.__format__(spec) and appends the str it returns.
static void call_format_method(py_vstr_t *out, py_obj_t *dest, const byte *spec_s, size_t len) {
    py_obj_t args[3] = {dest[0], dest[1], py_obj_new_str((const char *)spec_s, len)};
    py_obj_t r = py_call_method_n_kw(1, 0, args);
    if (!py_obj_is_str(r)) {
        py_raise_msg_varg(&py_type_TypeError, "__format__ must return a str, not %s",
                          py_obj_get_type_str(r));
    }
    size_t rlen;
    const byte *rd = py_str_data(r, &rlen);
    py_vstr_add_strn(out, (const char *)rd, rlen);
}

static PY_NORETURN void raise_unsupported_spec(py_obj_t value) {
    py_raise_msg_varg(&py_type_TypeError, "unsupported format string passed to %s.__format__",
                      py_obj_get_type_str(value));
}

// format() of anything but str, int and float: __format__, else the default (str() for an
// empty spec).
static void format_other_value(py_vstr_t *out, py_obj_t value, const byte *spec_s, size_t len) {
    py_obj_t dest[2] = {PY_OBJ_NULL, PY_OBJ_NULL};
    const py_obj_type_t *type = py_obj_get_type(value);
    if (py_type_is_heap(type)) {
        // A Python class: its own __format__, else that of its built-in base.
        if (py_type_lookup_heap(type, PY_QSTR___format__) != PY_OBJ_NULL) {
            py_load_method(value, PY_QSTR___format__, dest);
            call_format_method(out, dest, spec_s, len);
            return;
        }
        py_obj_t native = py_instance_native(value);
        if (len == 0 || native == PY_OBJ_NULL) {
            if (len != 0) {
                raise_unsupported_spec(value);
            }
            py_print_t print = PY_PRINT_TO_VSTR(out);
            py_obj_print_helper(&print, value, PY_PRINT_STR);
            return;
        }
        py_format_value_into(out, native, spec_s, len);
        return;
    }
    py_load_method_maybe(value, PY_QSTR___format__, dest);
    if (dest[0] != PY_OBJ_NULL) {
        call_format_method(out, dest, spec_s, len);
        return;
    }
    if (len != 0) {
        raise_unsupported_spec(value);
    }
    py_print_t print = PY_PRINT_TO_VSTR(out);
    py_obj_print_helper(&print, value, PY_PRINT_STR);
}

void py_format_value_into(py_vstr_t *out, py_obj_t value, const byte *spec_s, size_t len) {
    if (py_obj_is_str(value)) {
        format_str_value(out, value, spec_s, len);
        return;
    }
    bool is_float = false;
#if PY_FEATURE_FLOAT
    is_float = py_obj_is_type(value, &py_type_float);
#endif
    if (py_obj_is_int(value) || is_float) {
        if (len == 0) {
            py_print_t print = PY_PRINT_TO_VSTR(out);
            py_obj_print_helper(&print, value, PY_PRINT_STR);
            return;
        }
        py_fmt_spec_t spec;
        py_fmt_parse_spec(spec_s, len, &spec);
#if PY_FEATURE_FLOAT
        if (is_float) {
            py_fmt_float(out, py_obj_float_get(value), &spec);
            return;
        }
#endif
        py_fmt_int(out, value, &spec, 0);
        return;
    }
    format_other_value(out, value, spec_s, len);
}

// Bytes of stack py_format_value tries before formatting an int, float or str on the heap.
#define FORMAT_STACK_BUF (64)

py_obj_t py_format_value(py_obj_t value, py_obj_t spec) {
    size_t len = 0;
    const byte *s = (const byte *)"";
    if (spec != PY_OBJ_NULL) {
        if (!py_obj_is_str(spec)) {
            py_raise_msg_varg(&py_type_TypeError, "format() argument 2 must be str, not %s",
                              py_obj_get_type_str(spec));
        }
        s = py_str_data(spec, &len);
    }
    if (len == 0 && py_obj_is_str(value)) {
        return value;
    }
    py_vstr_t v;
    bool is_plain = py_obj_is_int(value) || py_obj_is_str(value);
#if PY_FEATURE_FLOAT
    is_plain |= py_obj_is_type(value, &py_type_float);
#endif
    if (is_plain) {
        // Formatting these runs no Python code, so it can be tried in a stack buffer first and
        // done again on the heap if that was too small.
        char buf[FORMAT_STACK_BUF];
        py_vstr_init_fixed_buf(&v, sizeof(buf), buf);
        py_format_value_into(&v, value, s, len);
        if (!v.overflowed) {
            return py_obj_new_str(v.buf, v.len);
        }
    }
    py_vstr_init(&v, 16);
    py_format_value_into(&v, value, s, len);
    return py_obj_new_str_from_vstr(&v);
}

static py_obj_t builtin_format(size_t n_args, const py_obj_t *args) {
    return py_format_value(args[0], n_args > 1 ? args[1] : PY_OBJ_NULL);
}
PY_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(py_builtin_format_obj, 1, 2, builtin_format);
