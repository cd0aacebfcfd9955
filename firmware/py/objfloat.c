// SPDX-License-Identifier: MIT
// objfloat.c: the float type (a C double), its arithmetic with Python's rules, parsing, hashing
// and round().

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gc.h"
#include "objects.h"
#include "objint.h"
#include "objtype.h"
#include "runtime.h"

#if PY_FEATURE_FLOAT

// Float text up to this length is parsed from a stack buffer; longer text is copied to the heap.
#define FLOAT_PARSE_STACK_BUF (64)
// Room for repr() of any float: "-1.2345678901234567e-308" and a NUL.
#define FLOAT_REPR_BUF (32)
// round(x, n) keeps x for n above this (every double is exact with this many decimals), and
// gives 0 for n below the negated other bound (beyond the largest double).
#define ROUND_NDIGITS_MAX (323)
#define ROUND_NDIGITS_MIN (-308)
// round(x, n) formats x's digits into a stack buffer of this size when they fit.
#define ROUND_STACK_BUF (128)

py_obj_t py_obj_new_float(py_float_t value) {
    py_obj_float_t *o = py_new_obj(py_obj_float_t, &py_type_float);
    o->value = value;
    return PY_OBJ_FROM_PTR(o);
}

py_float_t py_obj_float_get(py_obj_t self) {
    return ((py_obj_float_t *)PY_OBJ_TO_PTR(self))->value;
}

// ---- Parsing ---------------------------------------------------------------------------------

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Copies digits with single underscores between them from [*p] to [*out]; returns how many.
static size_t copy_digits(const char **p, const char *end, char **out) {
    size_t n = 0;
    const char *s = *p;
    while (s < end) {
        if (is_digit(*s)) {
            *(*out)++ = *s++;
            n++;
        } else if (*s == '_' && n > 0 && s + 1 < end && is_digit(s[1])) {
            s++;
        } else {
            break;
        }
    }
    *p = s;
    return n;
}

// Matches [len] chars at [s] against lower-case [word] ignoring case.
static bool match_word(const char *s, size_t len, const char *word) {
    if (strlen(word) != len) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        if ((s[i] | 0x20) != word[i]) {
            return false;
        }
    }
    return true;
}

// Copies the number at [s, end) into [buf] without underscores, checking Python's syntax.
static bool clean_float_text(const char *s, const char *end, char *buf) {
    char *out = buf;
    if (s < end && (*s == '+' || *s == '-')) {
        *out++ = *s++;
    }
    size_t n = copy_digits(&s, end, &out);
    if (s < end && *s == '.') {
        *out++ = *s++;
        n += copy_digits(&s, end, &out);
    }
    if (n == 0) {
        return false;
    }
    if (s < end && (*s | 0x20) == 'e') {
        *out++ = *s++;
        if (s < end && (*s == '+' || *s == '-')) {
            *out++ = *s++;
        }
        if (copy_digits(&s, end, &out) == 0) {
            return false;
        }
    }
    *out = '\0';
    return s == end;
}

py_obj_t py_obj_new_float_from_str(const char *str, size_t len) {
    const char *s = str, *end = str + len;
    bool neg = false;
    if (s < end && (*s == '+' || *s == '-')) {
        neg = *s == '-';
        s++;
    }
    size_t rest = (size_t)(end - s);
    if (match_word(s, rest, "inf") || match_word(s, rest, "infinity")) {
        return py_obj_new_float(neg ? -(py_float_t)INFINITY : (py_float_t)INFINITY);
    }
    if (match_word(s, rest, "nan")) {
        return py_obj_new_float((py_float_t)NAN);
    }
    char stack_buf[FLOAT_PARSE_STACK_BUF];
    char *buf = len < sizeof(stack_buf) ? stack_buf : py_malloc_noscan(len + 1);
    bool ok = clean_float_text(str, end, buf);
    char *stop = buf;
    py_float_t f = ok ? strtod(buf, &stop) : 0.0;
    ok = ok && *stop == '\0';
    if (buf != stack_buf) {
        py_free(buf);
    }
    if (!ok) {
        py_raise_ValueError("invalid syntax for number");
    }
    return py_obj_new_float(f);
}

// ---- Conversions to C -------------------------------------------------------------------------

bool py_obj_get_float_maybe(py_obj_t o, py_float_t *value) {
    if (py_obj_is_type(o, &py_type_float)) {
        *value = py_obj_float_get(o);
    } else if (py_obj_is_int(o)) {
        *value = py_int_as_float(o);
    } else {
        return false;
    }
    return true;
}

// float(o) for an object of a Python class: __float__, else __index__; PY_OBJ_NULL if neither.
static py_obj_t float_from_object(py_obj_t o) {
    py_obj_t dest[2];
    py_load_method_maybe(o, PY_QSTR___float__, dest);
    if (dest[0] != PY_OBJ_NULL) {
        py_obj_t r = py_call_method_n_kw(0, 0, dest);
        if (!py_obj_is_type(r, &py_type_float)) {
            py_raise_msg_varg(&py_type_TypeError, "__float__ returned non-float (type %s)",
                              py_obj_get_type_str(r));
        }
        return r;
    }
    py_load_method_maybe(o, PY_QSTR___index__, dest);
    if (dest[0] != PY_OBJ_NULL) {
        py_obj_t r = py_call_method_n_kw(0, 0, dest);
        if (!py_obj_is_int(r)) {
            py_raise_msg_varg(&py_type_TypeError, "__index__ returned non-int (type %s)",
                              py_obj_get_type_str(r));
        }
        return py_obj_new_float(py_int_as_float(r));
    }
    // An instance of a subclass of float or int carries its value as the native subobject.
    py_obj_t sub = py_instance_native(o);
    if (sub != PY_OBJ_NULL && py_obj_is_type(sub, &py_type_float)) {
        return sub;
    }
    if (sub != PY_OBJ_NULL && py_obj_is_int(sub)) {
        return py_obj_new_float(py_int_as_float(sub));
    }
    return PY_OBJ_NULL;
}

py_float_t py_obj_get_float(py_obj_t o) {
    py_float_t f;
    if (py_obj_get_float_maybe(o, &f)) {
        return f;
    }
    if (py_obj_get_type(o)->flags & PY_TYPE_FLAG_IS_HEAP) {
        py_obj_t r = float_from_object(o);
        if (r != PY_OBJ_NULL) {
            return py_obj_float_get(r);
        }
    }
    py_raise_msg_varg(&py_type_TypeError, "can't convert %s to float", py_obj_get_type_str(o));
}

// ---- Arithmetic -------------------------------------------------------------------------------

void py_float_divmod(py_float_t a, py_float_t b, py_float_t *quo, py_float_t *rem) {
    if (b == 0.0) {
        py_raise_zero_division();
    }
    py_float_t mod = fmod(a, b);
    py_float_t div = (a - mod) / b;
    if (mod != 0.0) {
        // fmod takes the dividend's sign; Python's remainder takes the divisor's.
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b);
    }
    py_float_t fdiv;
    if (div != 0.0) {
        // (a - mod) / b is within rounding of an integer: snap to it.
        fdiv = floor(div);
        if (div - fdiv > 0.5) {
            fdiv += 1.0;
        }
    } else {
        fdiv = copysign(0.0, a / b);
    }
    *quo = fdiv;
    *rem = mod;
}

static py_float_t float_pow(py_float_t a, py_float_t b) {
    if (a == 0.0 && b < 0.0 && isfinite(b)) {
        py_raise_zero_division();
    }
    if (a < 0.0 && isfinite(a) && isfinite(b) && b != floor(b)) {
        // CPython gives a complex number here (or OverflowError when even its magnitude
        // overflows); there is no complex type.
        if (isinf(pow(-a, b))) {
            py_raise_msg(&py_type_OverflowError, "complex exponentiation");
        }
        py_raise_ValueError("math domain error");
    }
    py_float_t r = pow(a, b);
    if (isinf(r) && isfinite(a) && isfinite(b)) {
        py_raise_msg(&py_type_OverflowError, "(34, 'Numerical result out of range')");
    }
    return r;
}

py_obj_t py_float_binary_op_values(py_binary_op_t op, py_float_t a, py_float_t b) {
    py_float_t q, m;
    switch (op) {
        case PY_BINARY_OP_ADD:
            return py_obj_new_float(a + b);
        case PY_BINARY_OP_SUBTRACT:
            return py_obj_new_float(a - b);
        case PY_BINARY_OP_MULTIPLY:
            return py_obj_new_float(a * b);
        case PY_BINARY_OP_TRUE_DIVIDE:
            if (b == 0.0) {
                py_raise_zero_division();
            }
            return py_obj_new_float(a / b);
        case PY_BINARY_OP_FLOOR_DIVIDE:
            py_float_divmod(a, b, &q, &m);
            return py_obj_new_float(q);
        case PY_BINARY_OP_MODULO:
            py_float_divmod(a, b, &q, &m);
            return py_obj_new_float(m);
        case PY_BINARY_OP_DIVMOD: {
            py_float_divmod(a, b, &q, &m);
            py_obj_t items[2] = {py_obj_new_float(q), py_obj_new_float(m)};
            return py_obj_new_tuple(2, items);
        }
        case PY_BINARY_OP_POWER:
            return py_obj_new_float(float_pow(a, b));
        case PY_BINARY_OP_LESS:
        case PY_BINARY_OP_MORE:
        case PY_BINARY_OP_EQUAL:
        case PY_BINARY_OP_LESS_EQUAL:
        case PY_BINARY_OP_MORE_EQUAL:
        case PY_BINARY_OP_NOT_EQUAL:
            return py_cmp_result(op, a < b ? -1 : a > b ? 1 : a == b ? 0 : 2);
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t float_binary_op(py_binary_op_t op, py_obj_t lhs, py_obj_t rhs) {
    bool reverse = false;
    if (op >= PY_BINARY_OP_INPLACE_OR && op <= PY_BINARY_OP_INPLACE_POWER) {
        op = (py_binary_op_t)PY_BINARY_OP_INPLACE_TO_PLAIN(op);
    } else if (op >= PY_BINARY_OP_REVERSE_OR && op <= PY_BINARY_OP_REVERSE_POWER) {
        op = (py_binary_op_t)(op - PY_BINARY_OP_REVERSE_OR + PY_BINARY_OP_OR);
        reverse = true;
    }
    py_float_t a = py_obj_float_get(lhs), b;
    if (py_obj_is_type(rhs, &py_type_float)) {
        b = py_obj_float_get(rhs);
    } else if (py_obj_is_int(rhs)) {
        if (op <= PY_BINARY_OP_NOT_EQUAL) {
            // Exact: an int may not convert to a float without rounding.
            int c = py_int_float_cmp(rhs, a);
            return py_cmp_result(op, c == 2 ? 2 : -c);
        }
        b = py_int_as_float(rhs);
    } else {
        return PY_OBJ_NULL;
    }
    return reverse ? py_float_binary_op_values(op, b, a) : py_float_binary_op_values(op, a, b);
}

// ---- Hashing and rounding ----------------------------------------------------------------------

intptr_t py_float_hash(py_float_t f) {
    if (isnan(f)) {
        return 0;
    }
    if (isinf(f)) {
        return f > 0 ? 314159 : -314159;
    }
    // Integral values in small-int range hash as obj.c hashes small ints.
    const py_float_t lim = (py_float_t)((uintptr_t)1 << (sizeof(intptr_t) * 8 - 2));
    if (f == floor(f) && f < lim && f >= -lim) {
        intptr_t v = (intptr_t)f;
        return v == -1 ? -2 : v;
    }
    // CPython's scheme: the exact value reduced modulo the prime 2**HB - 1, where multiplying by
    // a power of two is a rotation; so integral floats hash as mpz_hash does for ints.
#if UINTPTR_MAX > 0xffffffffu
    const int hb = 61;
#else
    const int hb = 31;
#endif
    const uintptr_t p = ((uintptr_t)1 << hb) - 1;
    int e;
    py_float_t m = frexp(fabs(f), &e);
    uintptr_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & p) | x >> (hb - 28);
        m *= 268435456.0; // 2**28
        e -= 28;
        uintptr_t y = (uintptr_t)m;
        m -= (py_float_t)y;
        x += y;
        if (x >= p) {
            x -= p;
        }
    }
    e = e >= 0 ? e % hb : hb - 1 - ((-1 - e) % hb);
    x = ((x << e) & p) | x >> (hb - e);
    intptr_t h = (intptr_t)x;
    if (f < 0) {
        h = -h;
    }
    return h == -1 ? -2 : h;
}

// round(x, -k) for k >= 1: rounds the exact integer digits of x half to even at 10**k.
static py_float_t round_negative(py_float_t x, size_t k, char *buf, size_t size) {
    py_float_t ip = trunc(x);
    bool frac = ip != x;
    // buf[0] is room for a carry out of the top digit.
    buf[0] = '0';
    int n = snprintf(buf + 1, size - 1, "%.0f", fabs(ip));
    size_t len = (size_t)n;
    if (k > len) {
        return copysign(0.0, x);
    }
    char *d = buf + 1;
    size_t keep = len - k;
    bool rest = frac;
    for (size_t i = keep + 1; i < len && !rest; i++) {
        rest = d[i] != '0';
    }
    bool odd = keep > 0 && ((d[keep - 1] - '0') & 1);
    bool up = d[keep] > '5' || (d[keep] == '5' && (rest || odd));
    memset(d + keep, '0', k);
    // Carry from the last kept digit d[keep - 1] == buf[keep] up to the spare buf[0].
    for (size_t i = keep + 1; up && i-- > 0;) {
        up = buf[i] == '9';
        buf[i] = up ? '0' : (char)(buf[i] + 1);
    }
    py_float_t r = strtod(buf, NULL);
    return copysign(r, x);
}

py_float_t py_float_round(py_float_t x, intptr_t ndigits) {
    if (!isfinite(x) || x == 0.0 || ndigits > ROUND_NDIGITS_MAX) {
        return x;
    }
    if (ndigits < ROUND_NDIGITS_MIN) {
        return copysign(0.0, x);
    }
    // Digits before the point (at most 309), sign, point, carry, NUL, and the decimals.
    size_t size = 320 + (ndigits > 0 ? (size_t)ndigits : 0);
    char stack_buf[ROUND_STACK_BUF];
    char *buf = stack_buf;
    if (size > sizeof(stack_buf)) {
        buf = py_malloc_noscan(size);
    } else {
        size = sizeof(stack_buf);
    }
    py_float_t r;
    if (ndigits >= 0) {
        // glibc prints the exact binary value rounded half to even, as CPython's dtoa does.
        snprintf(buf, size, "%.*f", (int)ndigits, x);
        r = strtod(buf, NULL);
    } else {
        r = round_negative(x, (size_t)-ndigits, buf, size);
    }
    if (buf != stack_buf) {
        py_free(buf);
    }
    if (isinf(r)) {
        py_raise_msg(&py_type_OverflowError, "rounded value too large to represent");
    }
    return r;
}

// ---- Slots ----------------------------------------------------------------------------------

static void float_print(const py_print_t *print, py_obj_t self, py_print_kind_t kind) {
    (void)kind;
    char buf[FLOAT_REPR_BUF];
    size_t n = py_format_float(py_obj_float_get(self), buf, sizeof(buf), 'r', 0, false);
    py_print_strn(print, buf, n);
}

static py_obj_t float_unary_op(py_unary_op_t op, py_obj_t self) {
    py_float_t f = py_obj_float_get(self);
    switch (op) {
        case PY_UNARY_OP_BOOL:
            return PY_OBJ_NEW_BOOL(f != 0.0);
        case PY_UNARY_OP_HASH:
            return PY_OBJ_NEW_SMALL_INT(py_float_hash(f));
        case PY_UNARY_OP_POSITIVE:
        case PY_UNARY_OP_FLOAT:
            return self;
        case PY_UNARY_OP_NEGATIVE:
            return py_obj_new_float(-f);
        case PY_UNARY_OP_ABS:
            return py_obj_new_float(fabs(f));
        case PY_UNARY_OP_INT:
            return py_obj_new_int_from_float(f);
        default:
            return PY_OBJ_NULL;
    }
}

static py_obj_t float_make_new(const py_obj_type_t *type, size_t n_args, size_t n_kw,
                               const py_obj_t *args) {
    (void)type;
    py_arg_check_num(n_args, n_kw, 0, 1, false);
    if (n_args == 0) {
        return py_obj_new_float(0.0);
    }
    py_obj_t x = args[0];
    if (py_obj_is_type(x, &py_type_float)) {
        return x;
    }
    if (py_obj_is_int(x)) {
        return py_obj_new_float(py_int_as_float(x));
    }
    const char *s = NULL;
    size_t len;
    py_buffer_info_t info;
    if (py_obj_is_str_or_bytes(x)) {
        s = py_obj_str_get_data(x, &len);
    } else if (py_obj_is_type(x, &py_type_bytearray) && py_get_buffer(x, &info, PY_BUFFER_READ)) {
        s = info.buf;
        len = info.len;
    }
    if (s != NULL) {
        while (len > 0 && py_num_is_space(s[len - 1])) {
            len--;
        }
        while (len > 0 && py_num_is_space(*s)) {
            s++;
            len--;
        }
        return py_obj_new_float_from_str(s, len);
    }
    py_obj_t r = PY_OBJ_NULL;
    if (py_obj_get_type(x)->flags & PY_TYPE_FLAG_IS_HEAP) {
        r = float_from_object(x);
        if (r == PY_OBJ_NULL) {
            r = py_unary_op(PY_UNARY_OP_FLOAT, x);
        }
    } else {
        py_raise_msg_varg(&py_type_TypeError,
                          "float() argument must be a string or a real number, not '%s'",
                          py_obj_get_type_str(x));
    }
    return r;
}

// ---- Methods and attributes ------------------------------------------------------------------

static py_obj_t float_is_integer(py_obj_t self) {
    py_float_t f = py_obj_float_get(self);
    return PY_OBJ_NEW_BOOL(isfinite(f) && f == floor(f));
}
static PY_DEFINE_CONST_FUN_OBJ_1(float_is_integer_obj, float_is_integer);

static py_obj_t float_as_integer_ratio(py_obj_t self) {
    py_float_t f = py_obj_float_get(self);
    if (isinf(f)) {
        py_raise_msg(&py_type_OverflowError, "cannot convert Infinity to integer ratio");
    }
    if (isnan(f)) {
        py_raise_ValueError("cannot convert NaN to integer ratio");
    }
    int e;
    py_float_t m = frexp(f, &e);
    while (m != floor(m)) {
        m *= 2.0;
        e--;
    }
    py_obj_t num = py_obj_new_int_from_float(m);
    py_obj_t den = PY_OBJ_NEW_SMALL_INT(1);
    if (e > 0) {
        num = py_binary_op(PY_BINARY_OP_LSHIFT, num, PY_OBJ_NEW_SMALL_INT(e));
    } else {
        den = py_binary_op(PY_BINARY_OP_LSHIFT, den, PY_OBJ_NEW_SMALL_INT(-e));
    }
    py_obj_t items[2] = {num, den};
    return py_obj_new_tuple(2, items);
}
static PY_DEFINE_CONST_FUN_OBJ_1(float_as_integer_ratio_obj, float_as_integer_ratio);

static py_obj_t float_conjugate(py_obj_t self) {
    return self;
}
static PY_DEFINE_CONST_FUN_OBJ_1(float_conjugate_obj, float_conjugate);

static void float_attr(py_obj_t self, qstr attr, py_obj_t *dest) {
    if (dest[0] != PY_OBJ_NULL) {
        return;
    }
    if (attr == PY_QSTR_real) {
        dest[0] = self;
    } else if (attr == PY_QSTR_imag) {
        dest[0] = py_obj_new_float(0.0);
    }
}

static const py_map_elem_t float_locals_table[] = {
    {PY_ROM_QSTR(PY_QSTR_is_integer), PY_ROM_PTR(&float_is_integer_obj)},
    {PY_ROM_QSTR(PY_QSTR_as_integer_ratio), PY_ROM_PTR(&float_as_integer_ratio_obj)},
    {PY_ROM_QSTR(PY_QSTR_conjugate), PY_ROM_PTR(&float_conjugate_obj)},
};
static PY_DEFINE_CONST_DICT(float_locals_dict, float_locals_table);

const py_obj_type_t py_type_float = {
    .base = {&py_type_type},
    .flags = PY_TYPE_FLAG_BASETYPE,
    .name = PY_QSTR_float,
    .print = float_print,
    .make_new = float_make_new,
    .unary_op = float_unary_op,
    .binary_op = float_binary_op,
    .attr = float_attr,
    .locals_dict = (py_obj_dict_t *)&float_locals_dict,
};

#endif // PY_FEATURE_FLOAT
